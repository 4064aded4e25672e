/**
 * API keys for PBXs and scripts: create one (name, scopes) — the key is in this one answer and
 * nowhere else — and revoke one (the key cache is cleared at once). Both are audited with the
 * acting admin. Roles: apikeys.manage.
 */
import { fail } from '@sveltejs/kit';
import { API_KEY_SCOPES, ApiKeyError, createApiKey, listApiKeys, recordAudit, revokeApiKey, type ApiKeyScope } from '$lib/server/auth';
import { runningApp } from '$lib/server/http';
import { formList, formText } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async () => {
	const { db } = runningApp().database;
	return { keys: await listApiKeys(db), scopes: [...API_KEY_SCOPES] };
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const { db } = runningApp().database;
		const form = await request.formData();
		const name = formText(form, 'name', 300).replace(/[\u0000-\u001f\u007f]/g, '').trim();
		const scopes = [...new Set(formList(form, 'scopes'))];
		const refuse = (problem: string) => fail(400, { action: 'create', problem, name, scopes });
		if (!name || name.length > 100) return refuse('bad_name');
		if (scopes.length === 0) return refuse('no_scopes');
		if (!scopes.every((scope) => (API_KEY_SCOPES as readonly string[]).includes(scope))) return refuse('bad_scope');
		try {
			const { key, record } = await createApiKey(db, name, scopes as ApiKeyScope[]);
			await recordAudit(db, locals.actor, 'apikey.create', record.name, { id: record.id, prefix: record.prefix, scopes: record.scopes });
			return { action: 'create', done: true, key, name: record.name, scopes: record.scopes as string[] };
		} catch (error) {
			if (error instanceof ApiKeyError) return refuse('bad_name');
			throw error;
		}
	},
	revoke: async ({ request, locals }) => {
		const app = runningApp();
		const { db } = app.database;
		const form = await request.formData();
		const id = formText(form, 'id', 100);
		// Only by id here: revoking by name is the CLI's shorthand and could hit several keys.
		const key = UUID.test(id) ? (await listApiKeys(db)).find((candidate) => candidate.id === id) : undefined;
		if (!key) return fail(400, { action: 'revoke', id, problem: 'not_found' });
		const revoked = await revokeApiKey(db, id);
		app.keys.forget();
		if (revoked > 0) await recordAudit(db, locals.actor, 'apikey.revoke', key.name, { id: key.id, prefix: key.prefix });
		return { action: 'revoke', id, done: true, name: key.name };
	}
};
