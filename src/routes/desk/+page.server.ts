/**
 * The supervisor's desk: the wallboard's live snapshot plus today's detail (per-booth totals, the
 * last 30 calls). The page keeps the snapshot live over /ws and reloads the detail (depends
 * `alo:desk`) when today's counters move. Roles: wallboard.view (people).
 */
import { can } from '$lib/server/auth';
import { runningApp } from '$lib/server/http';
import { deskData } from '$lib/server/live';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, depends }) => {
	depends('alo:desk');
	const desk = await deskData(runningApp());
	return {
		...desk,
		detailAt: new Date().toISOString(),
		canManageThresholds: can(locals.user?.role, 'thresholds.manage')
	};
};
