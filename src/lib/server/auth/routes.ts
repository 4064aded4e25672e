/**
 * Access to every route under src/routes, by route id and method (and form action). A route
 * missing here is refused (fail closed), and a test walks src/routes to make sure none is.
 *
 *   'public'                      anyone, signed in or not
 *   'guest'                       pages for signing in (a signed-in person is sent home)
 *   { permission }                a session whose role has the permission
 *   { permission, apiKey }        that, or an API key with the scope (the API endpoints)
 *   { apiKey }                    an API key with the scope only
 *   'control'                     the CLI's control token (checked in the endpoint)
 */
import type { ApiKeyScope } from './apiKeys';
import type { Permission } from './permissions';

export type Access = 'public' | 'guest' | 'control' | { permission?: Permission; apiKey?: ApiKeyScope };

export interface RouteRule {
	/** By HTTP method; pages are GET, form actions POST (then `actions` decides). */
	methods: Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', Access>>;
	/** Named form actions (`?/name`); `default` for an unnamed one. */
	actions?: Record<string, Access>;
	/** A concrete path for tests of dynamic routes. */
	example?: string;
}

const admin = (permission: Permission, actions: string[] = []): RouteRule => ({
	methods: { GET: { permission }, POST: { permission } },
	actions: Object.fromEntries(actions.map((action) => [action, { permission }]))
});

export const ROUTE_ACCESS: Readonly<Record<string, RouteRule>> = {
	'/': { methods: { GET: 'public' } },
	'/language': { methods: { POST: 'public' } },
	'/setup': { methods: { GET: 'public', POST: 'public' }, actions: { default: 'public' } },
	'/login': { methods: { GET: 'guest', POST: 'guest' }, actions: { default: 'guest' } },
	'/logout': { methods: { POST: { permission: 'account.self' } }, actions: { default: { permission: 'account.self' } } },
	'/display/[token]': { methods: { GET: 'public' }, example: '/display/not-a-real-token' },
	'/wallboard': { methods: { GET: { permission: 'wallboard.view' } } },
	'/wallboard/[board]': { methods: { GET: { permission: 'wallboard.view' } }, example: '/wallboard/main' },
	'/admin': { methods: { GET: { permission: 'admin.view' } } },
	'/admin/users': admin('users.manage', ['create', 'role', 'disable', 'enable', 'password', 'endSessions']),
	'/admin/booths': admin('booths.manage', ['save', 'remove']),
	'/admin/apikeys': admin('apikeys.manage', ['create', 'revoke']),
	'/admin/displays': admin('displays.manage', ['create', 'reissue', 'revoke']),
	'/admin/audit': { methods: { GET: { permission: 'audit.read' } } },
	'/api/v1/events': { methods: { POST: { apiKey: 'ingest' } } },
	'/api/v1/ingest/asterisk/queue-log': { methods: { POST: { apiKey: 'ingest' } } },
	'/api/v1/stats/summary': { methods: { GET: { permission: 'stats.read', apiKey: 'stats' } } },
	'/api/v1/stats/timeseries': { methods: { GET: { permission: 'stats.read', apiKey: 'stats' } } },
	'/api/v1/health': { methods: { GET: 'public' } },
	'/api/v1/live': { methods: { GET: { permission: 'wallboard.view', apiKey: 'stats' } } },
	'/desk': { methods: { GET: { permission: 'wallboard.view' } } },
	'/desk/thresholds': admin('thresholds.manage', ['save', 'reset', 'saveCaseRules', 'resetCaseRules']),
	'/console': {
		methods: { GET: { permission: 'console.use' }, POST: { permission: 'console.use' } },
		actions: Object.fromEntries(['seat', 'leave', 'state', 'classify', 'manual'].map((action) => [action, { permission: 'console.use' }]))
	},
	'/cases': { methods: { GET: { permission: 'cases.read' } } },
	'/cases/new': { methods: { GET: { permission: 'cases.write' }, POST: { permission: 'cases.write' } }, actions: { default: { permission: 'cases.write' } } },
	'/cases/[number]': {
		methods: { GET: { permission: 'cases.read' }, POST: { permission: 'cases.write' } },
		actions: Object.fromEntries(
			['update', 'status', 'note', 'person', 'removePerson', 'file', 'referral', 'referralStatus', 'link', 'revokeLink', 'task', 'taskDone', 'linkEpisode', 'linkCall', 'assign'].map(
				(action) => [action, { permission: 'cases.write' }]
			)
		),
		example: '/cases/116-2026-000001'
	},
	'/cases/[number]/sheet': { methods: { GET: { permission: 'cases.read' } }, example: '/cases/116-2026-000001/sheet' },
	'/cases/[number]/files/[file]': { methods: { GET: { permission: 'cases.read' } }, example: '/cases/116-2026-000001/files/00000000-0000-0000-0000-000000000000' },
	'/work': { methods: { GET: { permission: 'cases.read' }, POST: { permission: 'cases.write' } }, actions: { taskDone: { permission: 'cases.write' } } },
	'/work/team': { methods: { GET: { permission: 'tasks.team' } } },
	'/partners': admin('partners.manage', ['save', 'deactivate', 'activate']),
	'/p/[token]': { methods: { GET: 'public', POST: 'public' }, actions: { answer: 'public' }, example: '/p/not-a-real-token' },
	'/p/[token]/files/[file]': { methods: { GET: 'public' }, example: '/p/not-a-real-token/files/00000000-0000-0000-0000-000000000000' },
	'/api/v1/cases': { methods: { GET: { permission: 'cases.read', apiKey: 'cases' }, POST: { permission: 'cases.write', apiKey: 'cases' } } },
	'/api/v1/cases/[number]': { methods: { GET: { permission: 'cases.read', apiKey: 'cases' }, PATCH: { permission: 'cases.write', apiKey: 'cases' } }, example: '/api/v1/cases/116-2026-000001' },
	'/api/v1/cases/[number]/status': { methods: { POST: { permission: 'cases.write', apiKey: 'cases' } }, example: '/api/v1/cases/116-2026-000001/status' },
	'/api/v1/cases/[number]/referrals': { methods: { POST: { permission: 'cases.write', apiKey: 'cases' } }, example: '/api/v1/cases/116-2026-000001/referrals' },
	'/api/v1/partners': { methods: { GET: { permission: 'cases.read', apiKey: 'cases' } } },
	'/trends': { methods: { GET: { permission: 'trends.view' } } },
	'/reports': { methods: { GET: { permission: 'reports.view' }, POST: { permission: 'reports.view' } }, actions: { save: { permission: 'reports.view' }, remove: { permission: 'reports.view' } } },
	'/reports/saved/[slug]': { methods: { GET: { permission: 'reports.view' } }, example: '/reports/saved/aaaaaaaaaaaaaaaa' },
	'/reports/annual': { methods: { GET: { permission: 'reports.view' } } },
	'/reports/annual/[file]': { methods: { GET: { permission: 'reports.view' } }, example: '/reports/annual/mce.csv' },
	'/api/internal/apikeys': { methods: { GET: 'control', POST: 'control', DELETE: 'control' } },
	'/api/internal/users': { methods: { POST: 'control' } }
};
