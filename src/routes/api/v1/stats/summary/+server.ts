import { json } from '@sveltejs/kit';
import { summary, summaryRequestFrom, SummaryRequestError } from '$lib/server/analytics';
import { jsonError, runningApp, unexpected } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** KPI summary over [from, to) in the hotline's time zone. Access (key scope `stats` or a session with stats.read) is checked in hooks.server.ts. */
export const GET: RequestHandler = async ({ url }) => {
	try {
		const app = runningApp();
		const summaryRequest = summaryRequestFrom(url.searchParams, { hotline: app.settings.hotlineId, timeZone: app.settings.timeZone, kpi: app.settings.kpi });
		// Figures include every event this instance has answered as accepted.
		await app.ingest.settled();
		return json(await summary(app.analytics, summaryRequest), { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		if (error instanceof SummaryRequestError) return jsonError(400, error.message);
		return unexpected(error, 'GET /api/v1/stats/summary');
	}
};
