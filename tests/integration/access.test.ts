/**
 * The route × role matrix: every route under src/routes has a rule in auth/routes.ts (a new route
 * without one fails here), and every role gets exactly what the permission table says from the
 * running server — allowed, 403, or sent to sign in.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	can,
	createDisplay,
	createSession,
	createUser,
	generateSessionToken,
	pairDisplay,
	PERSON_ROLES,
	ROUTE_ACCESS,
	SESSION_COOKIE,
	type Access,
	type Role
} from '../../src/lib/server/auth';
import { openDatabase, type OpenDatabase } from '../../src/lib/server/db';
import { freshPostgresDatabase } from '../helpers/databases';
import { projectRoot, startServer, type RunningServer } from '../helpers/server';

const routesDir = path.join(projectRoot, 'src', 'routes');

/** Route id → the files that make it (pages, endpoints), walking src/routes. */
function routeFiles(dir = routesDir): Map<string, string[]> {
	const found = new Map<string, string[]>();
	for (const entry of readdirSync(dir)) {
		const full = path.join(dir, entry);
		if (statSync(full).isDirectory()) {
			for (const [id, files] of routeFiles(full)) found.set(id, [...(found.get(id) ?? []), ...files]);
		} else if (/^\+(page(\.server)?\.(ts|js|svelte)|server\.(ts|js))$/.test(entry)) {
			const id = '/' + path.relative(routesDir, dir).split(path.sep).filter((part) => part && !/^\(.*\)$/.test(part)).join('/');
			found.set(id, [...(found.get(id) ?? []), entry]);
		}
	}
	return found;
}

describe('every route has an access rule', () => {
	const routes = routeFiles();

	it('finds the routes', () => {
		expect(routes.size).toBeGreaterThan(10);
		expect(routes.has('/api/v1/events')).toBe(true);
	});

	it.each([...routeFiles().keys()])('%s has a rule for each method and form action it serves', (id) => {
		const rule = ROUTE_ACCESS[id];
		expect(rule, `add ${id} to src/lib/server/auth/routes.ts`).toBeDefined();
		const dir = path.join(routesDir, ...id.split('/').filter(Boolean));
		const endpoint = ['+server.ts', '+server.js'].map((file) => path.join(dir, file)).find((file) => routes.get(id)!.includes(path.basename(file)));
		if (endpoint) {
			const source = readFileSync(endpoint, 'utf8');
			for (const [, method] of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) expect(rule.methods, `${id} ${method}`).toHaveProperty(method);
		}
		const pageServer = path.join(dir, '+page.server.ts');
		if (routes.get(id)!.includes('+page.server.ts')) {
			const source = readFileSync(pageServer, 'utf8');
			const actions = source.match(/export const actions[^=]*=\s*\{([\s\S]*?)\n\};/);
			if (actions) {
				const names = [...actions[1].matchAll(/^\t([A-Za-z]\w*)\s*[:(]|^\t(?:async\s+)?([A-Za-z]\w*)\s*\(/gm)].map((m) => m[1] ?? m[2]);
				expect(names.length, `${id} actions`).toBeGreaterThan(0);
				for (const name of names) expect(rule.actions, `${id} ?/${name}`).toHaveProperty(name);
			}
		}
	});

	it('has no rule for a route that does not exist', () => {
		for (const id of Object.keys(ROUTE_ACCESS)) expect(routes.has(id), `${id} is in routes.ts but not in src/routes`).toBe(true);
	});
});

type Caller = 'anonymous' | Role;
const CALLERS: Caller[] = ['anonymous', ...PERSON_ROLES, 'display'];

/** What the table says a caller gets: allowed, forbidden, or sent to sign in. */
function expected(access: Access, caller: Caller, method: string, api: boolean): 'allowed' | 'forbidden' | 'login' | 'home' {
	if (access === 'public') return 'allowed';
	if (access === 'control') return 'forbidden';
	if (access === 'guest') return caller !== 'anonymous' && method === 'GET' ? 'home' : 'allowed';
	if (!access.permission) return 'login';
	if (caller === 'anonymous') return api || method !== 'GET' ? 'login' : 'login';
	return can(caller, access.permission) ? 'allowed' : 'forbidden';
}

describe('each role against each route (PostgreSQL server)', () => {
	let server: RunningServer;
	let database: OpenDatabase;
	let drop: () => Promise<void>;
	const cookies = new Map<Caller, string>();
	const userIds = new Map<Caller, string>();

	beforeAll(async () => {
		const pg = await freshPostgresDatabase();
		drop = pg.drop;
		server = await startServer({ env: { DATABASE_URL: pg.url } });
		database = await openDatabase(pg.url, '/nonexistent');
		const actor = { id: null, name: 'test' };
		for (const role of PERSON_ROLES) {
			const user = await createUser(database.db, actor, { username: `${role}-user`, role, password: `A-long-${role}-password-2026` });
			const token = generateSessionToken();
			await createSession(database.db, token, { userId: user.id });
			cookies.set(role, token);
			userIds.set(role, user.id);
		}
		const display = await createDisplay(database.db, actor, { name: 'TV', board: 'main' });
		cookies.set('display', (await pairDisplay(database.db, display.token, {}))!.sessionToken);
	});
	afterAll(async () => {
		await server?.stop();
		server?.cleanup();
		await database?.close();
		await drop?.();
	});

	it('answers every route, method and action as the permission table says', async () => {
		const mismatches: string[] = [];
		let checked = 0;
		for (const [id, rule] of Object.entries(ROUTE_ACCESS)) {
			const pathname = rule.example ?? id;
			const api = pathname.startsWith('/api/');
			const requests: { method: string; url: string; access: Access }[] = [];
			for (const [method, access] of Object.entries(rule.methods)) if (!(method === 'POST' && rule.actions)) requests.push({ method, url: pathname, access: access! });
			for (const [action, access] of Object.entries(rule.actions ?? {})) requests.push({ method: 'POST', url: action === 'default' ? pathname : `${pathname}?/${action}`, access });
			for (const { method, url, access } of requests) {
				for (const caller of CALLERS) {
					const headers: Record<string, string> = { origin: server.url, accept: api ? 'application/json' : 'text/html' };
					if (caller !== 'anonymous') headers.cookie = `${SESSION_COOKIE}=${cookies.get(caller)}`;
					if (method !== 'GET') headers['content-type'] = api ? 'application/json' : 'application/x-www-form-urlencoded';
					const response = await fetch(server.url + url, { method, headers, redirect: 'manual', body: method === 'GET' ? undefined : api ? '{}' : '' });
					const location = response.headers.get('location') ?? '';
					const got =
						response.status === 403 ? 'forbidden'
						: response.status === 401 || location.startsWith('/login?redirectTo=') ? 'login'
						: response.status === 303 && location === '/' && method === 'GET' && access === 'guest' ? 'home'
						: 'allowed';
					const want = expected(access, caller, method, api);
					// Signing out ends the session: give the caller a new one for the next routes.
					if (url === '/logout' && got === 'allowed' && userIds.has(caller)) {
						const token = generateSessionToken();
						await createSession(database.db, token, { userId: userIds.get(caller)! });
						cookies.set(caller, token);
					}
					checked++;
					if (got !== want) mismatches.push(`${caller} ${method} ${url}: expected ${want}, got ${response.status} ${location}`);
				}
			}
		}
		expect(mismatches).toEqual([]);
		expect(checked).toBeGreaterThan(150);
	});

	it('keeps a display on its own board', async () => {
		const other = await createDisplay(database.db, { id: null, name: 'test' }, { name: 'TV 2', board: 'lobby' });
		const token = (await pairDisplay(database.db, other.token, {}))!.sessionToken;
		const get = (url: string) => fetch(server.url + url, { headers: { cookie: `${SESSION_COOKIE}=${token}` }, redirect: 'manual' });
		expect((await get('/wallboard/lobby')).status).toBe(200);
		expect((await get('/wallboard/main')).status).toBe(403);
		expect((await get('/admin')).status).toBe(403);
		expect((await get('/api/v1/stats/summary')).status).toBe(403);
	});
});
