/**
 * Sign out: the session row is deleted (so a replayed cookie is worthless), the cookie cleared,
 * the sign-out audited. POST only — a link or an image cannot sign anyone out. Roles: any signed-in
 * person (account.self).
 */
import { redirect } from '@sveltejs/kit';
import { clearSessionCookie, invalidateSession, recordAudit } from '$lib/server/auth';
import { runningApp } from '$lib/server/http';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		const { db } = runningApp().database;
		if (locals.session) {
			await invalidateSession(db, locals.session.id);
			await recordAudit(db, locals.actor, 'auth.logout', locals.user?.name ?? null);
		}
		clearSessionCookie(cookies, url.protocol === 'https:');
		redirect(303, '/login');
	}
};
