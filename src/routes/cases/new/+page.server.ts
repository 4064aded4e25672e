/**
 * Opening a case: the missing type and risk checklist, the child, the disappearance and the
 * reporter. `?call=<callId>` links the call the case came from; `?earlier=<case number>` opens a
 * further episode of that case's child (its details are offered again, the read is audited).
 * A refusal keeps everything typed. Roles: cases.write.
 */
import { fail, redirect } from '@sveltejs/kit';
import { CASE_STATUSES, PRIORITIES, type CaseStatus } from '$lib/cases/model';
import { emptyValues, serviceInput, suggestionFor, toLocalInput, valuesFromCase, valuesFromForm, type CaseFormValues } from '$lib/components/cases/caseForm';
import { formText } from '$lib/forms';
import { CaseError } from '$lib/server/cases';
import { runningApp } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

const CALL_ID = /^[\x21-\x7e]{1,128}$/;
const CASE_NUMBER = /^116-\d{4}-\d{6}$/;
const INITIAL_STATUSES: readonly CaseStatus[] = ['reported', 'search_active'];

/** The page's query: which call and which earlier case, when they are well-formed. */
function origin(url: URL) {
	const call = url.searchParams.get('call')?.trim() ?? '';
	const earlier = url.searchParams.get('earlier')?.trim() ?? '';
	return { callId: CALL_ID.test(call) ? call : null, earlier: CASE_NUMBER.test(earlier) ? earlier : null, earlierGiven: earlier !== '' };
}

export const load: PageServerLoad = async ({ url, locals }) => {
	const cases = runningApp().cases;
	const timeZone = cases.settings.timeZone;
	const now = Date.now();
	const { callId, earlier, earlierGiven } = origin(url);
	let earlierCase: { number: string; childName: string; status: string; reportedAt: Date; episodes: number } | null = null;
	let earlierMissing = earlierGiven && !earlier;
	let initial: CaseFormValues = emptyValues();
	if (earlier) {
		try {
			const found = await cases.getCase(locals.actor, earlier, { view: 'new-episode' });
			const saved = valuesFromCase(found.case, timeZone);
			earlierCase = {
				number: found.case.number,
				childName: `${found.case.childGivenName} ${found.case.childFamilyName}`.trim(),
				status: found.case.status,
				reportedAt: found.case.reportedAt,
				episodes: found.episodes.length + 1
			};
			// The same child again: who they are carries over, this disappearance does not.
			initial = {
				...initial,
				childGivenName: saved.childGivenName,
				childFamilyName: saved.childFamilyName,
				childOtherNames: saved.childOtherNames,
				childBirthDate: saved.childBirthDate,
				childAge: saved.childBirthDate ? '' : saved.childAge,
				childSex: saved.childSex,
				childLanguages: saved.childLanguages,
				childNationality: saved.childNationality,
				childDescription: saved.childDescription,
				reporterName: saved.reporterName,
				reporterRelation: saved.reporterRelation,
				reporterPhone: saved.reporterPhone,
				reporterEmail: saved.reporterEmail,
				risks: [...new Set([...saved.risks.filter((flag) => flag === 'under13' || flag === 'medical'), 'priorEpisodes'])]
			};
		} catch (error) {
			if (!(error instanceof CaseError && error.problem === 'not_found')) throw error;
			earlierMissing = true;
		}
	}
	return {
		timeZone,
		today: toLocalInput(now, timeZone).slice(0, 10),
		nowLocal: toLocalInput(now, timeZone),
		callId,
		earlierCase,
		earlierMissing,
		initial
	};
};

export const actions: Actions = {
	default: async ({ request, url, locals }) => {
		const form = await request.formData();
		const values = valuesFromForm(form) as CaseFormValues;
		const statusText = formText(form, 'status', 40);
		const status = (INITIAL_STATUSES as readonly string[]).includes(statusText) ? statusText : 'reported';
		const { callId, earlier } = origin(url);
		// "As the checklist suggests" is resolved here, so the choice also works without JavaScript.
		const priority = (PRIORITIES as readonly string[]).includes(values.priority) ? values.priority : suggestionFor(values);
		let number: string;
		try {
			const created = await runningApp().cases.createCase(
				locals.actor,
				{ ...serviceInput(values), priority, status },
				{ callId: callId ?? undefined, earlierCase: earlier ?? undefined }
			);
			number = created.number;
		} catch (error) {
			if (error instanceof CaseError) {
				const field = error.problem === 'not_found' && earlier ? 'earlier' : error.field;
				return fail(400, { problem: error.problem as string, field, limit: error.limit, values, status: status as (typeof CASE_STATUSES)[number] });
			}
			throw error;
		}
		redirect(303, `/cases/${number}`);
	}
};
