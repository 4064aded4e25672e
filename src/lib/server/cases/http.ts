/** Shared by the /api/v1/cases endpoints: reading a JSON body and answering a refusal. */
import { json } from '@sveltejs/kit';
import { jsonError, unexpected } from '../http';
import { caseErrorResponse, CaseQueryError } from './api';
import { CaseError } from './validate';

/** The request's JSON object body, or a 400/415 Response to throw. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\b/i.test(type)) throw jsonError(415, 'send Content-Type: application/json');
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		throw jsonError(400, 'the body is not valid JSON');
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw jsonError(400, 'the body must be a JSON object');
	return body as Record<string, unknown>;
}

/** A refusal as JSON with its status; anything unexpected is logged and answered 500. */
export function caseFailure(error: unknown, where: string): Response {
	if (error instanceof CaseError) {
		const { status, body } = caseErrorResponse(error);
		return json(body, { status });
	}
	if (error instanceof CaseQueryError) return jsonError(400, error.message);
	return unexpected(error, where);
}
