/**
 * GET /p/<token>/files/<id> — a photo of the case through a partner link (only for actions that
 * show photos; the service checks and audits it). Public: the token is the credential. Never
 * cached, never sniffed into another type, no referrer sent onwards.
 */
import { CaseError } from '$lib/server/cases';
import { runningApp } from '$lib/server/http';
import type { RequestHandler } from './$types';

const NO_STORE = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-robots-tag': 'noindex, nofollow' };

export const GET: RequestHandler = async ({ params, getClientAddress }) => {
	try {
		const file = await runningApp().cases.partnerLinkFile(params.token, params.file, getClientAddress());
		return new Response(new Uint8Array(file.content), {
			headers: {
				...NO_STORE,
				'content-type': file.mime,
				'content-length': String(file.content.byteLength),
				// Shown in the page; "Save image" still works. The name never carries the child's name onwards.
				'content-disposition': `inline; filename="photo.${file.mime.split('/')[1] ?? 'bin'}"`
			}
		});
	} catch (failure) {
		if (failure instanceof CaseError) {
			const gone = failure.problem === 'link_expired' || failure.problem === 'link_revoked';
			return new Response(gone ? 'This link is no longer valid.' : 'Not found.', {
				status: gone ? 410 : 404,
				headers: { ...NO_STORE, 'content-type': 'text/plain; charset=utf-8' }
			});
		}
		throw failure;
	}
};
