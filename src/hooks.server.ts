import type { Handle, ServerInit } from '@sveltejs/kit';
import { bridge, startApp } from '$lib/server/app';
import { loadConfig } from '$lib/server/config';
import { LANGUAGE_COOKIE, pickLanguage } from '$lib/i18n';

/** Runs once before the first request: stores opened, migrations applied, live hub attached. */
export const init: ServerInit = async () => {
	const settings = loadConfig();
	const app = await startApp(settings, { role: 'server', log: (line) => console.log(`[alo116] ${line}`) });
	const shared = bridge();
	shared.app = app;
	if (shared.wss) app.live.attach(shared.wss);
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.lang = pickLanguage(event.cookies.get(LANGUAGE_COOKIE), event.request.headers.get('accept-language'));
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
	});
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('x-frame-options', 'DENY');
	return response;
};
