/**
 * The gate every request passes in hooks.server.ts: who is asking (session cookie or API key)
 * and whether the route's rule in routes.ts lets them through. Routes never check access
 * themselves; a route without a rule is refused.
 */
import type { Database } from '../db';
import type { KeyVerifier } from './apiKeys';
import type { Actor } from './audit';
import { can } from './permissions';
import { ROUTE_ACCESS, type Access } from './routes';
import { SESSION_COOKIE, validateSessionToken, type SessionUser, type ValidSession } from './sessions';

export type Decision =
	| { kind: 'allow' }
	| { kind: 'redirect'; location: string }
	| { kind: 'deny'; status: 401 | 403 | 404; message: string; json: boolean; headers?: Record<string, string> };

export interface Caller {
	session: ValidSession | null;
	user: SessionUser | null;
	apiKey: { id: string; name: string } | null;
	actor: Actor;
}

export interface GuardRequest {
	routeId: string | null;
	method: string;
	url: URL;
	headers: Headers;
	cookie(name: string): string | undefined;
	address: string;
	params: Record<string, string>;
}

/** The named form action of a POST (`?/name`), or 'default'. */
function actionName(url: URL): string {
	for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1) || 'default';
	return 'default';
}

export async function identify(db: Database, request: GuardRequest): Promise<Caller> {
	const token = request.cookie(SESSION_COOKIE);
	const session = token ? await validateSessionToken(db, token) : null;
	const user = session?.user ?? null;
	return { session, user, apiKey: null, actor: { id: user?.id ?? null, name: user?.name ?? 'anonymous', displayName: user?.displayName, address: request.address } };
}

export async function authorize(request: GuardRequest, caller: Caller, keys: KeyVerifier): Promise<Decision> {
	const isApi = request.url.pathname.startsWith('/api/');
	const deny = (status: 401 | 403 | 404, message: string, headers?: Record<string, string>): Decision => ({ kind: 'deny', status, message, json: isApi, headers });
	// Unknown paths fall through to SvelteKit's own 404.
	if (!request.routeId) return { kind: 'allow' };
	const rule = ROUTE_ACCESS[request.routeId];
	if (!rule) {
		console.error(`route ${request.routeId} has no access rule in auth/routes.ts: refused`);
		return deny(403, 'forbidden');
	}
	const method = request.method === 'HEAD' ? 'GET' : (request.method as keyof typeof rule.methods);
	let access: Access | undefined = rule.methods[method];
	if (method === 'POST' && rule.actions) access = rule.actions[actionName(request.url)];
	if (access === undefined) return deny(isApi ? 403 : 404, isApi ? `${request.method} is not allowed here` : 'not found');
	if (access === 'public' || access === 'control') return { kind: 'allow' };
	if (access === 'guest') return caller.user && method === 'GET' ? { kind: 'redirect', location: '/' } : { kind: 'allow' };

	const authorization = request.headers.get('authorization');
	if (access.apiKey && (authorization || !access.permission)) {
		const check = await keys.check(authorization, access.apiKey);
		if (!check.ok) return deny(check.status, check.error, check.status === 401 ? { 'www-authenticate': 'Bearer' } : undefined);
		caller.apiKey = { id: check.keyId, name: check.name };
		caller.actor = { id: null, name: `api key ${check.name}`, address: request.address };
		return { kind: 'allow' };
	}
	const permission = access.permission!;
	if (!caller.user) {
		if (isApi) return deny(401, 'sign in or send "Authorization: Bearer <key>"', { 'www-authenticate': 'Bearer' });
		if (method !== 'GET') return deny(401, 'sign in first');
		return { kind: 'redirect', location: `/login?redirectTo=${encodeURIComponent(request.url.pathname + request.url.search)}` };
	}
	if (!can(caller.user.role, permission)) return deny(403, 'forbidden');
	// A display sees its own board and nothing else.
	if (caller.user.kind === 'display' && request.params.board !== undefined && request.params.board !== caller.user.board) return deny(403, 'forbidden');
	return { kind: 'allow' };
}
