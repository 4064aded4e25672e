// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Language } from '$lib/i18n';

declare global {
	namespace App {
		interface Locals {
			/** The language this request is answered in (cookie, then Accept-Language, else sq). */
			lang: Language;
		}
	}
}

export {};
