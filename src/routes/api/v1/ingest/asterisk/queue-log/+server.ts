import { json } from '@sveltejs/kit';
import { boothResolver } from '$lib/server/booths';
import { BodyError, readBodyText } from '$lib/server/ingest';
import { jsonError, runningApp, unexpected } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * Asterisk queue_log as a text body: pipe lines (`application/octet-stream` or
 * `text/x-asterisk-queue-log`), or a CSV table export (`text/csv`). Answers like the events
 * endpoint, plus the lines read and the verbs ignored. Access (key scope `ingest`) is checked in
 * hooks.server.ts.
 */
export const POST: RequestHandler = async ({ request, url }) => {
	try {
		const app = runningApp();
		const mediaType = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
		const format = mediaType === 'text/csv' || url.searchParams.get('format') === 'csv' ? 'csv' : 'pipe';
		const text = await readBodyText(request);
		if (!text.trim()) return jsonError(400, 'body is empty: send queue_log lines');
		const hotline = url.searchParams.get('hotline') ?? undefined;
		if (hotline && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(hotline)) return jsonError(400, 'hotline must be lower-case letters, digits and dashes');
		const boothOf = await boothResolver(app.database.db);
		return json(await app.ingest.acceptQueueLog(text, { format, timeZone: app.settings.timeZone, hotline, boothOf }));
	} catch (error) {
		if (error instanceof BodyError) return jsonError(error.status, error.message);
		return unexpected(error, 'POST /api/v1/ingest/asterisk/queue-log');
	}
};
