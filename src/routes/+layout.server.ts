import type { LayoutServerLoad } from './$types';

/** Every page renders in the language hooks.server.ts chose; child pages read it as `data.lang`. */
export const load: LayoutServerLoad = ({ locals }) => ({ lang: locals.lang });
