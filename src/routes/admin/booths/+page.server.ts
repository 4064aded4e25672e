/**
 * Booths: the id the PBX sends, a label people read, an optional extension (a PBX interface or
 * queue-member name mapped to the booth) and whether the booth is in use. Saving and removing are
 * audited with the acting admin. Roles: booths.manage.
 */
import { fail } from '@sveltejs/kit';
import { BoothError, listBooths, removeBooth, saveBooth } from '$lib/server/booths';
import { runningApp } from '$lib/server/http';
import { formText } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { db } = runningApp().database;
	return { booths: await listBooths(db) };
};

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const { db } = runningApp().database;
		const form = await request.formData();
		const id = formText(form, 'id', 200);
		const label = formText(form, 'label', 300);
		const extension = formText(form, 'extension', 300);
		const active = form.get('active') === 'on';
		const isNew = form.get('new') === '1';
		try {
			const { created } = await saveBooth(db, locals.actor, { id, label, extension, active });
			return { action: 'save', id, created, done: true, isNew };
		} catch (error) {
			if (error instanceof BoothError) return fail(400, { action: 'save', id, problem: error.problem as string, label, extension, active, isNew });
			throw error;
		}
	},
	remove: async ({ request, locals }) => {
		const { db } = runningApp().database;
		const form = await request.formData();
		const id = formText(form, 'id', 200);
		try {
			await removeBooth(db, locals.actor, id);
			return { action: 'remove', id, done: true, isNew: false };
		} catch (error) {
			if (error instanceof BoothError) return fail(400, { action: 'remove', id, problem: error.problem as string, isNew: false });
			throw error;
		}
	}
};
