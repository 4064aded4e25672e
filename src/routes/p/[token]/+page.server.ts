/**
 * The page a partner without an account opens from a signed, expiring, single-referral link:
 * what is asked, of which case, and only the case sections that action needs. The partner answers
 * here (acknowledged, in progress, done, rejected). Public: the token is the credential; the
 * service audits every opening and answer under the partner's name and the caller's address.
 * Never cached, never indexed, no referrer sent onwards.
 */
import { error, fail } from '@sveltejs/kit';
import { PARTNER_ANSWERS, REFERRAL_GRAPH, type ReferralStatus } from '$lib/cases/model';
import { CaseError } from '$lib/server/cases';
import { runningApp } from '$lib/server/http';
import { formText } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';

/** An unusable link: 404 when unknown, 410 when it existed but expired or was revoked. */
function linkGone(problem: string): never {
	error(problem === 'link_unknown' ? 404 : 410, { message: problem });
}

const isLinkProblem = (problem: string) => problem === 'link_unknown' || problem === 'link_expired' || problem === 'link_revoked';

export const load: PageServerLoad = async ({ params, getClientAddress, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow' });
	const app = runningApp();
	try {
		const view = await app.cases.openPartnerLink(params.token, getClientAddress());
		const status = view.referral.status as ReferralStatus;
		return {
			view,
			/** What the partner may answer from the referral's current status. */
			answers: PARTNER_ANSWERS.filter((answer) => REFERRAL_GRAPH[status]?.includes(answer)),
			/** Past its due time with no answer yet. */
			overdue: status === 'sent' && view.referral.dueAt.getTime() < Date.now(),
			timeZone: app.settings.timeZone
		};
	} catch (failure) {
		if (failure instanceof CaseError && isLinkProblem(failure.problem)) linkGone(failure.problem);
		throw failure;
	}
};

/** Answers that close the referral need words: what was done, or why it cannot be. */
const NEEDS_TEXT: readonly string[] = ['done', 'rejected'];

export const actions: Actions = {
	answer: async ({ params, request, getClientAddress }) => {
		const form = await request.formData();
		const status = formText(form, 'status', 32);
		const text = formText(form, 'answer', 21_000);
		const versionText = formText(form, 'version', 12);
		const version = /^\d+$/.test(versionText) ? Number(versionText) : undefined;
		if (!(PARTNER_ANSWERS as readonly string[]).includes(status)) return fail(400, { action: 'answer' as const, problem: 'required', field: 'status', status, text });
		if (NEEDS_TEXT.includes(status) && !text.trim()) return fail(400, { action: 'answer' as const, problem: 'required', field: 'answer', status, text });
		try {
			const updated = await runningApp().cases.answerPartnerLink(params.token, status, text, getClientAddress(), version);
			return { action: 'answer' as const, done: true, status: updated.status, text: text.trim(), at: updated.statusChangedAt };
		} catch (failure) {
			if (failure instanceof CaseError) {
				if (isLinkProblem(failure.problem)) linkGone(failure.problem);
				return fail(400, { action: 'answer' as const, problem: failure.problem as string, field: failure.field, limit: failure.limit, status, text });
			}
			throw failure;
		}
	}
};
