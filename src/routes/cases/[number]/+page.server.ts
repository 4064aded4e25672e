/**
 * One case: everything about it from a single audited read (getCase), the people it can be
 * assigned to and the partners it can be referred to, and one form action per thing staff do on
 * it. Changes to the case itself carry the version the person saw; a change made by someone else
 * in between is refused as a conflict and the typed input comes back. Roles: cases.read to look,
 * cases.write to act (src/lib/server/auth/routes.ts).
 */
import { error, fail } from '@sveltejs/kit';
import { FILE_KINDS, type FileKind } from '$lib/server/cases';
import { CaseError } from '$lib/server/cases';
import { listUsers } from '$lib/server/auth';
import { runningApp } from '$lib/server/http';
import { formText } from '$lib/forms';
import { changedValues, isSection, SECTION_FIELDS, serviceInput, toLocalInput, valuesFromForm } from '$lib/components/cases/caseForm';
import type { Actions, PageServerLoad } from './$types';

/** Roles who work cases and can be made responsible for one. */
const ASSIGNABLE_ROLES = new Set(['operator', 'supervisor']);

export const load: PageServerLoad = async ({ params, locals }) => {
	const app = runningApp();
	let view;
	try {
		view = await app.cases.getCase(locals.actor, params.number);
	} catch (failure) {
		if (failure instanceof CaseError && failure.problem === 'not_found') error(404, 'not found');
		throw failure;
	}
	const [people, partners] = await Promise.all([listUsers(app.database.db), app.cases.listPartners({ activeOnly: true })]);
	const timeZone = app.cases.settings.timeZone;
	const now = Date.now();
	return {
		view,
		users: people
			.filter((person) => (ASSIGNABLE_ROLES.has(person.role) && !person.disabledAt) || person.id === view.case.assignedTo)
			.map((person) => ({ id: person.id, name: person.displayName || person.username, role: person.role })),
		/** Every user's name, for the timeline's "assigned to …" entries. */
		userNames: Object.fromEntries(people.map((person) => [person.id, person.displayName || person.username])),
		partners: partners.map((partner) => ({ id: partner.id, name: partner.name, kind: partner.kind, expectedResponseMinutes: partner.expectedResponseMinutes })),
		timeZone,
		linkHours: app.cases.settings.linkHours,
		/** Server time of this read, ms: the clocks tick on from here in the browser. */
		readAt: now,
		nowLocal: toLocalInput(now, timeZone),
		today: toLocalInput(now, timeZone).slice(0, 10)
	};
};

function versionOf(form: FormData): number | undefined {
	const version = Number(formText(form, 'version', 12));
	return Number.isInteger(version) && version > 0 ? version : undefined;
}

/**
 * Runs one action: its answer is `{ action, done, …result }`, or on a refusal
 * `fail(400, { action, problem, field, limit, …echo })` so the page can explain it next to the
 * form and keep what was typed.
 */
async function act(action: string, echo: Record<string, unknown>, run: () => Promise<Record<string, unknown> | void>) {
	try {
		const result = await run();
		return { action, done: true, ...echo, ...(result ?? {}) };
	} catch (failure) {
		if (failure instanceof CaseError) return fail(400, { action, problem: failure.problem as string, field: failure.field, limit: failure.limit, ...echo });
		throw failure;
	}
}

export const actions: Actions = {
	update: async ({ request, params, locals }) => {
		const form = await request.formData();
		const section = formText(form, 'section', 40);
		if (!isSection(section)) return fail(400, { action: 'update', problem: 'bad_value', field: 'section', section });
		const values = valuesFromForm(form, SECTION_FIELDS[section]);
		// The age field is disabled (not sent) while a birth date is given: the date decides.
		if (section === 'child' && values.childBirthDate) values.childAge = '';
		const original = formText(form, 'original', 100_000);
		const changed = changedValues(values, original);
		return act('update', { section, values, original }, async () => {
			if (Object.keys(changed).length === 0) return { unchanged: true };
			await runningApp().cases.updateCase(locals.actor, params.number, versionOf(form), serviceInput(changed));
		});
	},

	status: async ({ request, params, locals }) => {
		const form = await request.formData();
		const to = formText(form, 'to', 40);
		const note = formText(form, 'note', 25_000);
		return act('status', { to, note }, async () => {
			await runningApp().cases.changeStatus(locals.actor, params.number, versionOf(form), to, note);
		});
	},

	assign: async ({ request, params, locals }) => {
		const form = await request.formData();
		const userId = formText(form, 'userId', 40);
		return act('assign', { userId }, async () => {
			await runningApp().cases.assign(locals.actor, params.number, versionOf(form), userId || null);
		});
	},

	note: async ({ request, params, locals }) => {
		const form = await request.formData();
		const text = formText(form, 'text', 25_000);
		return act('note', { text }, async () => {
			await runningApp().cases.addNote(locals.actor, params.number, text);
		});
	},

	person: async ({ request, params, locals }) => {
		const form = await request.formData();
		const person = { role: formText(form, 'role', 40), name: formText(form, 'name', 1000), contact: formText(form, 'contact', 1000), notes: formText(form, 'notes', 25_000) };
		return act('person', person, async () => {
			await runningApp().cases.addPerson(locals.actor, params.number, person);
		});
	},

	removePerson: async ({ request, params, locals }) => {
		const form = await request.formData();
		const personId = formText(form, 'personId', 40);
		return act('removePerson', { personId }, async () => {
			await runningApp().cases.removePerson(locals.actor, params.number, personId);
		});
	},

	file: async ({ request, params, locals }) => {
		const form = await request.formData();
		const kind = formText(form, 'kind', 20);
		const file = form.get('file');
		const filename = file instanceof File ? file.name.slice(0, 200) : '';
		return act('file', { kind, filename }, async () => {
			if (!(FILE_KINDS as readonly string[]).includes(kind)) throw new CaseError('bad_value', 'kind');
			if (!(file instanceof File) || (file.size === 0 && !file.name)) throw new CaseError('required', 'file');
			const content = new Uint8Array(await file.arrayBuffer());
			const fileId = await runningApp().cases.addFile(locals.actor, params.number, kind as FileKind, file.name, content);
			return { fileId };
		});
	},

	referral: async ({ request, params, locals }) => {
		const form = await request.formData();
		const typed = {
			partnerId: formText(form, 'partnerId', 40),
			referralAction: formText(form, 'referralAction', 40),
			request: formText(form, 'request', 25_000),
			consent: form.get('consent') === 'on',
			dueMinutes: formText(form, 'dueMinutes', 12).trim()
		};
		return act('referral', typed, async () => {
			const dueMinutes = typed.dueMinutes === '' ? undefined : Number(typed.dueMinutes);
			const referral = await runningApp().cases.addReferral(locals.actor, params.number, {
				partnerId: typed.partnerId,
				action: typed.referralAction,
				request: typed.request,
				consent: typed.consent,
				dueMinutes
			});
			return { referralId: referral.id };
		});
	},

	referralStatus: async ({ request, locals }) => {
		const form = await request.formData();
		const typed = { referralId: formText(form, 'referralId', 40), status: formText(form, 'status', 40), text: formText(form, 'text', 25_000) };
		const version = Number(formText(form, 'referralVersion', 12));
		return act('referralStatus', typed, async () => {
			await runningApp().cases.updateReferral(locals.actor, typed.referralId, typed.status, typed.text, 'staff', Number.isInteger(version) && version > 0 ? version : undefined);
		});
	},

	link: async ({ request, url, locals }) => {
		const form = await request.formData();
		const referralId = formText(form, 'referralId', 40);
		const hoursText = formText(form, 'hours', 12).trim();
		return act('link', { referralId, hours: hoursText }, async () => {
			const hours = hoursText === '' ? undefined : Number(hoursText);
			const { token, expiresAt } = await runningApp().cases.createPartnerLink(locals.actor, referralId, hours);
			// Shown once: only its hash is stored.
			return { linkUrl: `${url.origin}/p/${token}`, expiresAt };
		});
	},

	revokeLink: async ({ request, locals }) => {
		const form = await request.formData();
		const linkId = formText(form, 'linkId', 40);
		return act('revokeLink', { linkId }, async () => {
			await runningApp().cases.revokePartnerLink(locals.actor, linkId);
		});
	},

	task: async ({ request, params, locals }) => {
		const form = await request.formData();
		const typed = { kind: formText(form, 'kind', 40), title: formText(form, 'title', 1000), dueAt: formText(form, 'dueAt', 40), ownerId: formText(form, 'ownerId', 40) };
		return act('task', typed, async () => {
			await runningApp().cases.createTask(locals.actor, params.number, { ...typed, ownerId: typed.ownerId || null });
		});
	},

	taskDone: async ({ request, locals }) => {
		const form = await request.formData();
		const taskId = formText(form, 'taskId', 40);
		return act('taskDone', { taskId }, async () => {
			await runningApp().cases.completeTask(locals.actor, taskId);
		});
	},

	linkEpisode: async ({ request, params, locals }) => {
		const form = await request.formData();
		const earlier = formText(form, 'earlier', 40).trim();
		return act('linkEpisode', { earlier }, async () => {
			if (!earlier) throw new CaseError('required', 'earlier');
			await runningApp().cases.linkEpisode(locals.actor, params.number, earlier);
		});
	},

	linkCall: async ({ request, params, locals }) => {
		const form = await request.formData();
		const callId = formText(form, 'callId', 200).trim();
		return act('linkCall', { callId }, async () => {
			if (!callId) throw new CaseError('required', 'callId');
			await runningApp().cases.linkCall(locals.actor, params.number, callId);
		});
	}
};
