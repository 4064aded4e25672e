/**
 * The annual exports as CSV: GET /reports/annual/mce.csv?year=YYYY[&hotline=H] (Missing Children
 * Europe) or chi.csv (Child Helpline International); the server's own hotline unless another one
 * with figures is named. Protected ("<5", rounded to 5) for advocacy staff, exact
 * for managers and up, like the page. Roles: reports.view.
 */
import { error } from '@sveltejs/kit';
import { annualCsv, annualExports } from '$lib/server/reports';
import { runningApp } from '$lib/server/http';
import { localDateText } from '$lib/server/time';
import { FIRST_YEAR, parseYear } from '$lib/components/reports/annualYear';
import type { RequestHandler } from './$types';

const FILES = { 'mce.csv': 'mce', 'chi.csv': 'chi' } as const;

export const GET: RequestHandler = async ({ params, url, locals }) => {
	const which = Object.hasOwn(FILES, params.file) ? FILES[params.file as keyof typeof FILES] : null;
	if (!which) error(404, 'no such export (mce.csv or chi.csv)');
	const app = runningApp();
	const { hotlineId, timeZone, kpi } = app.settings;
	const currentYear = Number(localDateText(Date.now(), timeZone).slice(0, 4));
	const year = parseYear(url.searchParams.get('year'), currentYear);
	if (year === null) error(400, `year must be a year from ${FIRST_YEAR} to ${currentYear}, e.g. ?year=${currentYear - 1}`);
	const hotline = url.searchParams.get('hotline') || hotlineId;
	if (hotline !== hotlineId && !(await app.trends.hotlines()).includes(hotline)) error(400, 'hotline must be one with figures here');
	const protect = locals.user?.role === 'advocacy';
	const data = await annualExports(app.analytics, { hotline, timeZone, kpi }, year, protect);
	const filename = `alo116-${hotline === hotlineId ? '' : `${hotline}-`}${which}-${year}${protect ? '-protected' : ''}.csv`;
	return new Response(annualCsv(data, which), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'private, no-store'
		}
	});
};
