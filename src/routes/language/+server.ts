/**
 * POST /language — remember the chosen interface language and go back to where the user was.
 * A plain <form> posts here, so switching works without JavaScript. Roles: everyone (the switch is
 * on every page, including before sign-in); it only sets a preference cookie.
 */
import { error, redirect } from '@sveltejs/kit';
import { isLanguage, LANGUAGE_COOKIE } from '$lib/i18n';
import { safeRedirectTarget } from '$lib/redirect';
import type { RequestHandler } from './$types';

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

export const POST: RequestHandler = async ({ request, cookies, url }) => {
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		error(400, 'Expected a form with the fields lang and redirectTo');
	}
	const lang = form.get('lang');
	if (!isLanguage(lang)) error(400, 'lang must be one of: sq, en');

	cookies.set(LANGUAGE_COOKIE, lang, {
		path: '/',
		maxAge: ONE_YEAR_SECONDS,
		// The page script may read it; it is a display preference, not a secret.
		httpOnly: false,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
	redirect(303, safeRedirectTarget(form.get('redirectTo'), url.origin));
};
