import { bridge } from '$lib/server/app';
import { loadConfig } from '$lib/server/config';
import type { PageServerLoad } from './$types';

/**
 * What the API examples on the home page need to be copy-and-paste ready: this server's origin,
 * the hotline id, its time zone (in which `YYYY-MM-DD` dates are counted) and its KPI thresholds.
 * Roles: public — the page shows documentation only, no data.
 */
export const load: PageServerLoad = ({ url }) => {
	// The running app's settings; read afresh only if a request could beat start-up.
	const { hotlineId, timeZone, kpi } = bridge().app?.settings ?? loadConfig();
	return { origin: url.origin, hotlineId, timeZone, kpi };
};
