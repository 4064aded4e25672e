/**
 * One wallboard, first painted on the server from the same in-memory live state that /ws then
 * keeps current. Roles: wallboard.view (a display only its own board — checked by the guard).
 */
import { error } from '@sveltejs/kit';
import { runningApp } from '$lib/server/http';
import type { PageServerLoad } from './$types';

const BOARD = /^[a-z0-9][a-z0-9-]{0,39}$/;

export const load: PageServerLoad = ({ params, locals }) => {
	if (!BOARD.test(params.board)) error(404, 'no such board');
	const app = runningApp();
	return {
		board: params.board,
		kiosk: locals.user?.kind === 'display',
		displayName: locals.user?.kind === 'display' ? locals.user.displayName : null,
		timeZone: app.settings.timeZone,
		serverNow: Date.now(),
		snapshot: app.live.snapshot()
	};
};
