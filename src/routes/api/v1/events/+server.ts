import { json } from '@sveltejs/kit';
import { BodyError } from '$lib/server/ingest';
import { jsonError, runningApp, unexpected } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Call events v1: JSON array or NDJSON, Bearer key with scope `ingest` (DESIGN.md). */
export const POST: RequestHandler = async ({ request }) => {
	try {
		const app = runningApp();
		const key = await app.keys.check(request.headers.get('authorization'), 'ingest');
		if (!key.ok) return jsonError(key.status, key.error, key.status === 401 ? { 'www-authenticate': 'Bearer' } : undefined);
		return json(await app.ingest.acceptRequest(request));
	} catch (error) {
		if (error instanceof BodyError) return jsonError(error.status, error.message);
		return unexpected(error, 'POST /api/v1/events');
	}
};
