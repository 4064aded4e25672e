/** One case: GET reads it whole (audited), PATCH changes fields if `version` is still current. */
import { json } from '@sveltejs/kit';
import { caseFailure, caseFieldsFromBody, caseJson, jsonBody } from '$lib/server/cases';
import { jsonError, runningApp } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	try {
		return json(caseJson(await runningApp().cases.getCase(locals.actor, params.number, { view: 'api' })), { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		return caseFailure(error, 'GET /api/v1/cases/[number]');
	}
};

export const PATCH: RequestHandler = async ({ params, request, locals }) => {
	try {
		const body = await jsonBody(request);
		const { version, ...fields } = caseFieldsFromBody(body, ['version']);
		if (!Number.isInteger(version)) return jsonError(400, 'version is required: the case version you read (lost-update check)');
		const updated = await runningApp().cases.updateCase(locals.actor, params.number, version as number, fields);
		return json({ number: updated.number, version: updated.version, status: updated.status });
	} catch (error) {
		return caseFailure(error, 'PATCH /api/v1/cases/[number]');
	}
};
