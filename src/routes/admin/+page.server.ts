/**
 * The administration overview: how many people, booths, keys and displays there are, and the
 * latest entries of the audit log. Roles: admin.view.
 */
import { listApiKeys, listAudit, listDisplays, listUsers } from '$lib/server/auth';
import { listBooths } from '$lib/server/booths';
import { runningApp } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { db } = runningApp().database;
	const [users, booths, keys, displays, recent] = await Promise.all([listUsers(db), listBooths(db), listApiKeys(db), listDisplays(db), listAudit(db, { limit: 8 })]);
	return {
		counts: {
			users: users.length,
			usersActive: users.filter((user) => !user.disabledAt).length,
			usersSignedIn: users.filter((user) => user.sessions > 0).length,
			booths: booths.length,
			boothsActive: booths.filter((booth) => booth.active).length,
			keys: keys.filter((key) => !key.revokedAt).length,
			keysRevoked: keys.filter((key) => key.revokedAt).length,
			displays: displays.filter((display) => !display.revokedAt).length,
			displaysPaired: displays.filter((display) => !display.revokedAt && display.sessions > 0).length
		},
		recent: recent.map((entry) => ({ id: entry.id, at: entry.at, actor: entry.actor, action: entry.action, target: entry.target }))
	};
};
