/**
 * Adds a referral (an action asked of a partner): `{ "partnerId": "…", "action": "report_missing",
 * "request": "…", "consent": false, "dueMinutes": 60, "link": { "hours": 72 } }`. With `link`, a
 * signed partner link is made too and its URL returned once.
 */
import { json } from '@sveltejs/kit';
import { caseFailure, jsonBody } from '$lib/server/cases';
import { jsonError, runningApp } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request, locals, url }) => {
	try {
		const body = await jsonBody(request);
		for (const key of Object.keys(body))
			if (!['partnerId', 'action', 'request', 'consent', 'dueMinutes', 'link'].includes(key)) return jsonError(400, `unknown field "${key.slice(0, 40)}"`);
		if (typeof body.partnerId !== 'string' || typeof body.action !== 'string') return jsonError(400, 'partnerId and action are required');
		if (body.request !== undefined && typeof body.request !== 'string') return jsonError(400, 'request must be text');
		if (body.consent !== undefined && typeof body.consent !== 'boolean') return jsonError(400, 'consent must be true or false');
		if (body.dueMinutes !== undefined && !Number.isInteger(body.dueMinutes)) return jsonError(400, 'dueMinutes must be a whole number');
		const cases = runningApp().cases;
		const referral = await cases.addReferral(locals.actor, params.number, {
			partnerId: body.partnerId,
			action: body.action,
			request: body.request as string | undefined,
			consent: body.consent as boolean | undefined,
			dueMinutes: body.dueMinutes as number | undefined
		});
		let link: { url: string; expiresAt: Date } | undefined;
		if (body.link) {
			const hours = typeof body.link === 'object' && body.link && 'hours' in body.link ? Number((body.link as { hours: unknown }).hours) : undefined;
			const made = await cases.createPartnerLink(locals.actor, referral.id, hours);
			link = { url: `${url.origin}/p/${made.token}`, expiresAt: made.expiresAt };
		}
		return json({ ...referral, ...(link ? { link } : {}) }, { status: 201 });
	} catch (error) {
		return caseFailure(error, 'POST /api/v1/cases/[number]/referrals');
	}
};
