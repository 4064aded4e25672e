import { can } from '$lib/server/auth';
import type { LayoutServerLoad } from './$types';

/**
 * Every page renders in the language hooks.server.ts chose; child pages read it as `data.lang`.
 * The header shows who is signed in and links only to what their role may open.
 */
export const load: LayoutServerLoad = ({ locals }) => {
	const user = locals.user;
	return {
		lang: locals.lang,
		user: user ? { displayName: user.displayName, role: user.role, kind: user.kind } : null,
		nav: {
			admin: can(user?.role, 'admin.view'),
			wallboard: can(user?.role, 'wallboard.view') && user?.kind === 'person',
			console: can(user?.role, 'console.use'),
			cases: can(user?.role, 'cases.read'),
			partners: can(user?.role, 'partners.manage'),
			trends: can(user?.role, 'trends.view'),
			reports: can(user?.role, 'reports.view')
		}
	};
};
