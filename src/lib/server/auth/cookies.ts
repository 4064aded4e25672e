/** The session cookie: HttpOnly, SameSite=Lax, Secure whenever the request came over HTTPS. */
import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './sessions';

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date, secure: boolean): void {
	cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: expiresAt });
}

export function clearSessionCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
