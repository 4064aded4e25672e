// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Language } from '$lib/i18n';
import type { Actor, SessionUser, ValidSession } from '$lib/server/auth';

declare global {
	namespace App {
		interface Locals {
			/** The language this request is answered in (cookie, then Accept-Language, else sq). */
			lang: Language;
			/** The signed-in person or display, if any (hooks.server.ts). */
			user: SessionUser | null;
			session: ValidSession | null;
			/** The API key that authorised this request, if any. */
			apiKey: { id: string; name: string } | null;
			/** Who acts, for the audit log. */
			actor: Actor;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
