/**
 * A case's photo or document, for people allowed to read the case: the bytes with the type read
 * from their content at upload (never the browser's claim), shown inline (photos, PDFs), never
 * cached, never sniffed into something else. Every read is audited by the service.
 * Roles: cases.read.
 */
import { error } from '@sveltejs/kit';
import { CaseError } from '$lib/server/cases';
import { runningApp } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** RFC 5987 encoding for `filename*=UTF-8''…`: every byte outside the attr-char set escaped. */
function encodeFilename(name: string): string {
	return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export const GET: RequestHandler = async ({ params, locals }) => {
	let file;
	try {
		file = await runningApp().cases.readFile(locals.actor, params.number, params.file);
	} catch (failure) {
		if (failure instanceof CaseError && failure.problem === 'not_found') error(404, 'not found');
		throw failure;
	}
	return new Response(new Uint8Array(file.content), {
		headers: {
			'content-type': file.mime,
			'content-length': String(file.content.byteLength),
			'content-disposition': `inline; filename*=UTF-8''${encodeFilename(file.filename)}`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff',
			// Another site cannot embed a child's photo (no hotlinking from a leaked address).
			'cross-origin-resource-policy': 'same-origin'
		}
	});
};
