/**
 * People: create, change role, disable or enable, reset a password, end all sessions. Every
 * change is audited in the auth module with the acting admin (`locals.actor`); a refusal comes
 * back as a problem code the page explains. Roles: users.manage.
 */
import { fail } from '@sveltejs/kit';
import { changeRole, createUser, endSessions, listUsers, MIN_PASSWORD_LENGTH, PERSON_ROLES, resetPassword, setDisabled, UserError } from '$lib/server/auth';
import type { Database } from '$lib/server/db';
import { runningApp } from '$lib/server/http';
import { formText } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { db } = runningApp().database;
	const users = await listUsers(db);
	return {
		users: users.map((user) => ({ ...user, you: user.id === locals.user?.id })),
		roles: [...PERSON_ROLES],
		minPasswordLength: MIN_PASSWORD_LENGTH
	};
};

async function nameOf(db: Database, id: string): Promise<string> {
	const user = (await listUsers(db)).find((candidate) => candidate.id === id);
	return user?.displayName ?? '';
}

/** Runs one change on one account; a refusal becomes `fail(400)` naming the action and account. */
async function change(request: Request, action: string, run: (db: Database, form: FormData, id: string) => Promise<{ ended?: number } | void>) {
	const { db } = runningApp().database;
	const form = await request.formData();
	const id = formText(form, 'id', 100);
	try {
		const extra = await run(db, form, id);
		return { action, id, done: true, name: await nameOf(db, id), ended: extra?.ended };
	} catch (error) {
		if (error instanceof UserError) return fail(400, { action, id, problem: error.problem as string });
		throw error;
	}
}

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const { db } = runningApp().database;
		const form = await request.formData();
		const username = formText(form, 'username', 200);
		const displayName = formText(form, 'displayName', 300);
		const role = formText(form, 'role', 50);
		const password = formText(form, 'password');
		try {
			const user = await createUser(db, locals.actor, { username, displayName, role, password });
			return { action: 'create', done: true, name: user.displayName, username: user.username };
		} catch (error) {
			if (error instanceof UserError) return fail(400, { action: 'create', problem: error.problem as string, username, displayName, role });
			throw error;
		}
	},
	role: ({ request, locals }) => change(request, 'role', (db, form, id) => changeRole(db, locals.actor, id, formText(form, 'role', 50))),
	disable: ({ request, locals }) => change(request, 'disable', (db, _form, id) => setDisabled(db, locals.actor, id, true)),
	enable: ({ request, locals }) => change(request, 'enable', (db, _form, id) => setDisabled(db, locals.actor, id, false)),
	password: ({ request, locals }) => change(request, 'password', (db, form, id) => resetPassword(db, locals.actor, id, formText(form, 'password'))),
	endSessions: ({ request, locals }) =>
		change(request, 'endSessions', async (db, _form, id) => ({ ended: await endSessions(db, locals.actor, id) }))
};
