/** The partner directory, for integrations that add referrals (ids and kinds). */
import { json } from '@sveltejs/kit';
import { caseFailure } from '$lib/server/cases';
import { runningApp } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	try {
		const partners = await runningApp().cases.listPartners();
		return json({ items: partners.map(({ hotline: _hotline, ...partner }) => partner) }, { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		return caseFailure(error, 'GET /api/v1/partners');
	}
};
