import { json } from '@sveltejs/kit';
import { ApiKeyError, createApiKey, listApiKeys, parseScopes, revokeApiKey } from '$lib/server/auth';
import { jsonError, runningApp, unexpected } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * API-key management for the CLI while the server holds the data directory. Only the control
 * token from the lock file (readable by the server's own user) is accepted here.
 */
function authorised(request: Request): boolean {
	const token = runningApp().lock?.controlToken;
	return Boolean(token) && request.headers.get('authorization') === `Bearer ${token}`;
}

export const GET: RequestHandler = async ({ request }) => {
	try {
		if (!authorised(request)) return jsonError(403, 'forbidden');
		return json(await listApiKeys(runningApp().database.db));
	} catch (error) {
		return unexpected(error, 'GET /api/internal/apikeys');
	}
};

export const POST: RequestHandler = async ({ request }) => {
	try {
		if (!authorised(request)) return jsonError(403, 'forbidden');
		const body = (await request.json()) as { name?: string; scopes?: string };
		const created = await createApiKey(runningApp().database.db, String(body.name ?? ''), parseScopes(String(body.scopes ?? '')));
		return json(created);
	} catch (error) {
		if (error instanceof ApiKeyError) return jsonError(400, error.message);
		return unexpected(error, 'POST /api/internal/apikeys');
	}
};

export const DELETE: RequestHandler = async ({ request, url }) => {
	try {
		if (!authorised(request)) return jsonError(403, 'forbidden');
		const app = runningApp();
		const revoked = await revokeApiKey(app.database.db, url.searchParams.get('key') ?? '');
		app.keys.forget();
		return json({ revoked });
	} catch (error) {
		return unexpected(error, 'DELETE /api/internal/apikeys');
	}
};
