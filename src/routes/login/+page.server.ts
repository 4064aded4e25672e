/**
 * Sign-in: `username` and `password` posted to /login (so password managers and scripts work).
 * A refusal never says which of the two was wrong; while the account or address is throttled the
 * answer is 429 with the wait. Roles: guest (a signed-in person opening it is sent home).
 */
import { fail, redirect } from '@sveltejs/kit';
import { countUsers, createSession, generateSessionToken, setSessionCookie, signIn, type Role } from '$lib/server/auth';
import { runningApp } from '$lib/server/http';
import { formText } from '$lib/forms';
import { safeRedirectTarget } from '$lib/redirect';
import type { Actions, PageServerLoad } from './$types';

/** Where a role lands after signing in when no page asked for the sign-in. */
function homeOf(role: Role): string {
	if (role === 'admin') return '/admin';
	if (role === 'supervisor' || role === 'manager') return '/wallboard';
	return '/';
}

export const load: PageServerLoad = async ({ url }) => {
	const { db } = runningApp().database;
	const asked = url.searchParams.get('redirectTo');
	return {
		redirectTo: asked ? safeRedirectTarget(asked, url.origin) : '',
		needsSetup: (await countUsers(db)) === 0
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
		const app = runningApp();
		const { db } = app.database;
		const form = await request.formData();
		const username = formText(form, 'username', 200);
		const password = formText(form, 'password');
		const redirectTo = formText(form, 'redirectTo', 2000);
		const address = getClientAddress();
		const result = await signIn(db, username, password, address, app.throttle);
		if (!result.ok) {
			if (result.retryAfterSeconds) {
				setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
				return fail(429, { throttled: result.retryAfterSeconds, username, invalid: false });
			}
			return fail(400, { invalid: true, username, throttled: 0 });
		}
		const token = generateSessionToken();
		const session = await createSession(db, token, { userId: result.user.id }, { address, userAgent: request.headers.get('user-agent') ?? undefined });
		setSessionCookie(cookies, token, session.expiresAt, url.protocol === 'https:');
		redirect(303, redirectTo ? safeRedirectTarget(redirectTo, url.origin) : homeOf(result.user.role as Role));
	}
};
