/** Moves a case along the status graph: `{ "status": "located_safe", "version": 3, "note": "…" }`. */
import { json } from '@sveltejs/kit';
import { caseFailure, jsonBody } from '$lib/server/cases';
import { jsonError, runningApp } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request, locals }) => {
	try {
		const body = await jsonBody(request);
		if (typeof body.status !== 'string') return jsonError(400, 'status is required');
		if (body.version !== undefined && !Number.isInteger(body.version)) return jsonError(400, 'version must be a whole number');
		if (body.note !== undefined && typeof body.note !== 'string') return jsonError(400, 'note must be text');
		const updated = await runningApp().cases.changeStatus(locals.actor, params.number, body.version as number | undefined, body.status, body.note as string | undefined);
		return json({ number: updated.number, version: updated.version, status: updated.status, locatedAt: updated.locatedAt, closedAt: updated.closedAt });
	} catch (error) {
		return caseFailure(error, 'POST /api/v1/cases/[number]/status');
	}
};
