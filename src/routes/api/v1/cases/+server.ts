/**
 * Cases for integrations: GET lists (filters as query parameters), POST opens a case. A session
 * with cases.read / cases.write or an API key with scope `cases` (checked in hooks.server.ts);
 * every call is audited under the person or the key's name.
 */
import { json } from '@sveltejs/kit';
import { caseFailure, caseFieldsFromBody, caseFilterFrom, jsonBody } from '$lib/server/cases';
import { runningApp } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals }) => {
	try {
		const app = runningApp();
		const { items, total } = await app.cases.listCases(locals.actor, caseFilterFrom(url.searchParams, app.settings.timeZone));
		return json({ items, total }, { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		return caseFailure(error, 'GET /api/v1/cases');
	}
};

export const POST: RequestHandler = async ({ request, locals }) => {
	try {
		const app = runningApp();
		const body = await jsonBody(request);
		const fields = caseFieldsFromBody(body, ['status', 'callId', 'earlierCase']);
		const { callId, earlierCase, ...caseFields } = fields;
		const created = await app.cases.createCase(locals.actor, caseFields, {
			callId: typeof callId === 'string' ? callId : undefined,
			earlierCase: typeof earlierCase === 'string' ? earlierCase : undefined
		});
		return json({ id: created.id, number: created.number, version: created.version, status: created.status, url: `/cases/${created.number}` }, { status: 201, headers: { location: `/api/v1/cases/${created.number}` } });
	} catch (error) {
		return caseFailure(error, 'POST /api/v1/cases');
	}
};
