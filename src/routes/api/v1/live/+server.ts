import { json } from '@sveltejs/kit';
import { jsonError, runningApp } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * The live wallboard state as JSON (the same snapshot /ws sends first). Access (a session with
 * wallboard.view, or a key with scope `stats`) is checked in hooks.server.ts.
 */
export const GET: RequestHandler = ({ url }) => {
	const app = runningApp();
	const hotline = url.searchParams.get('hotline');
	if (hotline && hotline !== app.settings.hotlineId) return jsonError(404, `this server shows hotline ${app.settings.hotlineId}, not ${hotline.slice(0, 64)}`);
	return json(app.live.snapshot(), { headers: { 'cache-control': 'no-store' } });
};
