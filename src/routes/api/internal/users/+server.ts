import { json } from '@sveltejs/kit';
import { createUser, UserError } from '$lib/server/auth';
import { jsonError, runningApp, unexpected } from '$lib/server/http';
import { CLI_ACTOR, controlTokenOk } from '$lib/server/internal';
import type { RequestHandler } from './$types';

/** `alo user create` while the server holds the data directory (control token only). */
export const POST: RequestHandler = async ({ request }) => {
	try {
		if (!controlTokenOk(request)) return jsonError(403, 'forbidden');
		const body = (await request.json()) as { username?: string; displayName?: string; role?: string; password?: string };
		const user = await createUser(runningApp().database.db, CLI_ACTOR, {
			username: String(body.username ?? ''),
			displayName: body.displayName,
			role: String(body.role ?? ''),
			password: String(body.password ?? '')
		});
		return json({ id: user.id, username: user.username, role: user.role });
	} catch (error) {
		if (error instanceof UserError) return jsonError(400, error.problem);
		return unexpected(error, 'POST /api/internal/users');
	}
};
