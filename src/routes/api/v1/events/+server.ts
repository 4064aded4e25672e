import { json } from '@sveltejs/kit';
import { BodyError } from '$lib/server/ingest';
import { jsonError, runningApp, unexpected } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Call events v1: JSON array or NDJSON (DESIGN.md). Access (API key scope `ingest`) is checked in hooks.server.ts. */
export const POST: RequestHandler = async ({ request }) => {
	try {
		return json(await runningApp().ingest.acceptRequest(request));
	} catch (error) {
		if (error instanceof BodyError) return jsonError(error.status, error.message);
		return unexpected(error, 'POST /api/v1/events');
	}
};
