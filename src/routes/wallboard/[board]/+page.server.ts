/**
 * One wallboard: for now the board's name, the hotline's clock and the live ingest pulse; the
 * booth and queue view builds on it. First paint comes from the same in-memory state the /ws
 * push serves. Roles: wallboard.view (a display only its own board — checked by the guard).
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
		pulse: app.live.pulse()
	};
};
