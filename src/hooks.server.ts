import { json, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { bridge, startApp } from '$lib/server/app';
import { authorize, can, clearSessionCookie, identify, SESSION_COOKIE, setSessionCookie, validateSessionToken } from '$lib/server/auth';
import { loadConfig } from '$lib/server/config';
import { deniedPage } from '$lib/server/deniedPage';
import { LANGUAGE_COOKIE, pickLanguage } from '$lib/i18n';

/** Runs once before the first request: stores opened, migrations applied, live hub attached. */
export const init: ServerInit = async () => {
	// `vite dev` runs init again when server modules reload: the app already running keeps the
	// data directory (a second PGlite on it would corrupt it).
	if (bridge().app) return;
	const settings = loadConfig();
	const app = await startApp(settings, { role: 'server', log: (line) => console.log(`[alo116] ${line}`) });
	const shared = bridge();
	shared.app = app;
	shared.authorizeSocket = async (cookieHeader) => {
		const token = cookieHeader
			?.split(';')
			.map((part) => part.trim().split('='))
			.find(([name]) => name === SESSION_COOKIE)?.[1];
		const session = token ? await validateSessionToken(app.database.db, token) : null;
		return can(session?.user.role, 'wallboard.view') || can(session?.user.role, 'console.use');
	};
	app.live.hub.guard(shared.authorizeSocket);
	if (shared.wss) app.live.attach(shared.wss);
};

const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()'
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.lang = pickLanguage(event.cookies.get(LANGUAGE_COOKIE), event.request.headers.get('accept-language'));
	const secure = event.url.protocol === 'https:';
	const app = bridge().app;
	if (!app) return json({ error: 'the server is starting; try again shortly' }, { status: 503, headers: { 'retry-after': '2' } });
	const address = event.getClientAddress();
	const guardRequest = {
		routeId: event.route.id,
		method: event.request.method,
		url: event.url,
		headers: event.request.headers,
		cookie: (name: string) => event.cookies.get(name),
		address,
		params: event.params as Record<string, string>
	};
	const caller = await identify(app.database.db, guardRequest);
	if (!caller.session && event.cookies.get(SESSION_COOKIE)) clearSessionCookie(event.cookies, secure);
	if (caller.session?.renewed) setSessionCookie(event.cookies, event.cookies.get(SESSION_COOKIE)!, caller.session.expiresAt, secure);
	const decision = await authorize(guardRequest, caller, app.keys);
	event.locals.user = caller.user;
	event.locals.session = caller.session;
	event.locals.apiKey = caller.apiKey;
	event.locals.actor = caller.actor;
	if (decision.kind === 'redirect') redirect(303, decision.location);
	if (decision.kind === 'deny') {
		if (decision.json || event.request.method !== 'GET') return json({ error: decision.message }, { status: decision.status, headers: decision.headers });
		return deniedPage(event.locals.lang, decision.status, caller.user?.displayName ?? null);
	}
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
	});
	// A route may set a stricter value of its own (a partner link page: no-store, noindex).
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!response.headers.has(name)) response.headers.set(name, value);
	if (secure) response.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	if (event.locals.user) response.headers.set('cache-control', 'private, no-store');
	return response;
};

/** Unexpected failures: details to the server log, a generic message to the browser. */
export const handleError: HandleServerError = ({ error: failure, event, status }) => {
	if (status !== 404) console.error(`${event.request.method} ${event.url.pathname} failed:`, failure);
	return { message: status === 404 ? 'not found' : 'internal error' };
};
