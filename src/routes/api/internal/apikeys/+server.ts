import { json } from '@sveltejs/kit';
import { ApiKeyError, createApiKey, listApiKeys, parseScopes, recordAudit, revokeApiKey } from '$lib/server/auth';
import { CLI_ACTOR, controlTokenOk } from '$lib/server/internal';
import { jsonError, runningApp, unexpected } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * API-key management for the CLI while the server holds the data directory. Only the control
 * token from the lock file (readable by the server's own user) is accepted here.
 */
const authorised = controlTokenOk;

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
		const db = runningApp().database.db;
		const created = await createApiKey(db, String(body.name ?? ''), parseScopes(String(body.scopes ?? '')));
		await recordAudit(db, CLI_ACTOR, 'apikey.create', created.record.name, { scopes: created.record.scopes });
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
		const target = url.searchParams.get('key') ?? '';
		const revoked = await revokeApiKey(app.database.db, target);
		app.keys.forget();
		if (revoked) await recordAudit(app.database.db, CLI_ACTOR, 'apikey.revoke', target, { keys: revoked });
		return json({ revoked });
	} catch (error) {
		return unexpected(error, 'DELETE /api/internal/apikeys');
	}
};
