/**
 * A metric over time: `?metric=&from=&to=&granularity=&by=&booth=&format=csv` (period rules as
 * the summary's; zero-filled buckets in the hotline's time zone). Access (key scope `stats` or a
 * session with stats.read) is checked in hooks.server.ts.
 */
import { json } from '@sveltejs/kit';
import { periodInstant, SummaryRequestError, timeseries, trendCsv, trendRequestFrom } from '$lib/server/analytics';
import { jsonError, runningApp, unexpected } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	try {
		const app = runningApp();
		const format = url.searchParams.get('format') ?? 'json';
		if (format !== 'json' && format !== 'csv') return jsonError(400, 'format must be json or csv');
		const request = trendRequestFrom(url.searchParams, { hotline: app.settings.hotlineId, timeZone: app.settings.timeZone, kpi: app.settings.kpi });
		// Figures include every event this instance has answered as accepted.
		await app.ingest.settled();
		const key = JSON.stringify(['timeseries', request]);
		const result = await app.trendCache.get(key, periodInstant(request.to, request.timeZone), () => timeseries(app.analytics, request));
		if (format === 'csv') {
			const name = `${request.metric}-${request.from}-${request.to}-${request.granularity}${request.by ? `-by-${request.by}` : ''}.csv`.replace(/[^A-Za-z0-9_.-]/g, '_');
			return new Response(trendCsv(result), { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' } });
		}
		return json(result, { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		if (error instanceof SummaryRequestError) return jsonError(400, error.message);
		return unexpected(error, 'GET /api/v1/stats/timeseries');
	}
};
