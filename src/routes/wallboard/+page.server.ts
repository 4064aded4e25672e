/**
 * /wallboard: a person goes to the main board, a display to its own board (the only one it may
 * see). Roles: wallboard.view.
 */
import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const board = locals.user?.kind === 'display' && locals.user.board ? locals.user.board : 'main';
	redirect(303, `/wallboard/${encodeURIComponent(board)}`);
};
