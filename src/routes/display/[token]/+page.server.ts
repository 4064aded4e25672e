/**
 * A wall display's pairing address: the one-time token in the URL becomes a long-lived, read-only
 * session of role `display` that sees only its board, and the TV goes straight to that board.
 * An unknown, used, expired or revoked token gets the same answer (410) and nothing else.
 * Roles: public (the token is the credential).
 */
import { error, redirect } from '@sveltejs/kit';
import { pairDisplay, setSessionCookie } from '$lib/server/auth';
import { runningApp } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, cookies, url, request, getClientAddress }) => {
	const { db } = runningApp().database;
	const paired = await pairDisplay(db, params.token, { address: getClientAddress(), userAgent: request.headers.get('user-agent') ?? undefined });
	if (!paired) error(410, 'display link not valid');
	setSessionCookie(cookies, paired.sessionToken, paired.expiresAt, url.protocol === 'https:');
	redirect(303, `/wallboard/${encodeURIComponent(paired.board)}`);
};
