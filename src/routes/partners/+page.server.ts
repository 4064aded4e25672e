/**
 * The partner directory: organisations the hotline refers cases to, grouped by kind, with how to
 * reach them and how fast they are expected to answer. Add, edit in place, deactivate and
 * activate (a partner is never deleted: past referrals point to it). The service audits every
 * change. Roles: partners.manage (supervisor, admin).
 */
import { fail } from '@sveltejs/kit';
import { CaseError } from '$lib/server/cases';
import { runningApp } from '$lib/server/http';
import { formText } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const partners = await runningApp().cases.listPartners();
	return {
		/** Without JavaScript, "Edit" is a link to ?edit=<id> that opens that partner's form. */
		editing: url.searchParams.get('edit') ?? null,
		partners: partners.map((partner) => ({
			id: partner.id,
			kind: partner.kind,
			name: partner.name,
			contactPerson: partner.contactPerson,
			phone: partner.phone,
			email: partner.email,
			notes: partner.notes,
			expectedResponseMinutes: partner.expectedResponseMinutes,
			active: partner.active
		}))
	};
};

/** Hours and minutes typed separately become the service's whole minutes ("" counts as 0). */
function responseMinutes(form: FormData): number {
	const part = (name: string) => {
		const text = formText(form, name, 10).trim();
		return text === '' ? 0 : Number(text);
	};
	const hours = part('responseHours');
	const minutes = part('responseMinutes');
	// NaN or a fraction reaches the service, which refuses it as bad_value on the field.
	return hours * 60 + minutes;
}

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const form = await request.formData();
		const typed = {
			id: formText(form, 'id', 64),
			kind: formText(form, 'kind', 64),
			name: formText(form, 'name', 400),
			contactPerson: formText(form, 'contactPerson', 400),
			phone: formText(form, 'phone', 600),
			email: formText(form, 'email', 600),
			notes: formText(form, 'notes', 21_000),
			responseHours: formText(form, 'responseHours', 10),
			responseMinutes: formText(form, 'responseMinutes', 10)
		};
		try {
			const saved = await runningApp().cases.savePartner(locals.actor, {
				id: typed.id || undefined,
				kind: typed.kind,
				name: typed.name,
				contactPerson: typed.contactPerson,
				phone: typed.phone,
				email: typed.email,
				notes: typed.notes,
				expectedResponseMinutes: responseMinutes(form)
			});
			return { action: 'save' as const, id: typed.id, savedId: saved.id, name: saved.name, created: !typed.id, done: true };
		} catch (error) {
			if (error instanceof CaseError) return fail(400, { action: 'save' as const, ...typed, problem: error.problem as string, field: error.field, limit: error.limit });
			throw error;
		}
	},
	deactivate: async ({ request, locals }) => setActive(request, locals.actor, false),
	activate: async ({ request, locals }) => setActive(request, locals.actor, true)
};

async function setActive(request: Request, actor: App.Locals['actor'], active: boolean) {
	const form = await request.formData();
	const id = formText(form, 'id', 64);
	const action = active ? ('activate' as const) : ('deactivate' as const);
	try {
		await runningApp().cases.setPartnerActive(actor, id, active);
		return { action, id, name: formText(form, 'name', 400), done: true };
	} catch (error) {
		if (error instanceof CaseError) return fail(400, { action, id, problem: error.problem as string, field: error.field, limit: error.limit });
		throw error;
	}
}
