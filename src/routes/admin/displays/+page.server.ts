/**
 * Wall displays: create one (name, board) or give one a new pairing address — the address with
 * its one-time token is in this one answer only — and revoke one. The auth module audits each
 * change with the acting admin. Roles: displays.manage.
 */
import { fail } from '@sveltejs/kit';
import { createDisplay, DisplayError, listDisplays, PAIRING_TTL_MS, reissueDisplay, revokeDisplay } from '$lib/server/auth';
import { runningApp } from '$lib/server/http';
import { formText } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { db } = runningApp().database;
	return { displays: await listDisplays(db), now: Date.now(), pairingDays: Math.round(PAIRING_TTL_MS / 86_400_000) };
};

const pairingUrl = (origin: string, token: string) => `${origin}/display/${token}`;

async function displayName(id: string): Promise<{ name: string; board: string }> {
	const display = (await listDisplays(runningApp().database.db)).find((candidate) => candidate.id === id);
	return { name: display?.name ?? '', board: display?.board ?? '' };
}

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const { db } = runningApp().database;
		const form = await request.formData();
		const name = formText(form, 'name', 300);
		const board = formText(form, 'board', 100) || 'main';
		try {
			const { id, token } = await createDisplay(db, locals.actor, { name, board });
			return { action: 'create', id, done: true, pairingUrl: pairingUrl(url.origin, token), ...(await displayName(id)) };
		} catch (error) {
			if (error instanceof DisplayError) return fail(400, { action: 'create', id: '', problem: error.problem as string, name, board });
			throw error;
		}
	},
	reissue: async ({ request, locals, url }) => {
		const { db } = runningApp().database;
		const id = formText(await request.formData(), 'id', 100);
		try {
			const token = await reissueDisplay(db, locals.actor, id);
			return { action: 'reissue', id, done: true, pairingUrl: pairingUrl(url.origin, token), ...(await displayName(id)) };
		} catch (error) {
			if (error instanceof DisplayError) return fail(400, { action: 'reissue', id, problem: error.problem as string });
			throw error;
		}
	},
	revoke: async ({ request, locals }) => {
		const { db } = runningApp().database;
		const id = formText(await request.formData(), 'id', 100);
		try {
			await revokeDisplay(db, locals.actor, id);
			return { action: 'revoke', id, done: true, ...(await displayName(id)) };
		} catch (error) {
			if (error instanceof DisplayError) return fail(400, { action: 'revoke', id, problem: error.problem as string });
			throw error;
		}
	}
};
