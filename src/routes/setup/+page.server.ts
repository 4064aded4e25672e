/**
 * First run: while nobody has an account, anyone who reaches the server may create the first
 * administrator (and only that one: createFirstAdmin refuses once a user exists). The new admin is
 * signed in at once. Roles: public (the guard lets it through; the page closes itself).
 */
import { fail, redirect } from '@sveltejs/kit';
import { countUsers, createFirstAdmin, createSession, generateSessionToken, MIN_PASSWORD_LENGTH, setSessionCookie, UserError } from '$lib/server/auth';
import { runningApp } from '$lib/server/http';
import { formText } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { db } = runningApp().database;
	if ((await countUsers(db)) > 0) redirect(303, '/login');
	return { minPasswordLength: MIN_PASSWORD_LENGTH };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const { db } = runningApp().database;
		const form = await request.formData();
		const username = formText(form, 'username', 200);
		const displayName = formText(form, 'displayName', 300);
		const password = formText(form, 'password');
		const confirmation = formText(form, 'passwordConfirmation');
		// Passwords are never sent back: the form shows the name fields again, empty password fields.
		const refuse = (problem: string) => fail(400, { problem, username, displayName });
		if (password !== confirmation) return refuse('mismatch');
		const address = getClientAddress();
		let userId: string;
		try {
			userId = (await createFirstAdmin(db, { username, displayName, password }, address)).id;
		} catch (error) {
			// setup_done: someone was quicker; the page's load then sends the browser to /login.
			if (error instanceof UserError) return refuse(error.problem);
			throw error;
		}
		const token = generateSessionToken();
		const session = await createSession(db, token, { userId }, { address, userAgent: request.headers.get('user-agent') ?? undefined });
		setSessionCookie(cookies, token, session.expiresAt, url.protocol === 'https:');
		redirect(303, '/admin');
	}
};
