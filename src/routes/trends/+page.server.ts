/**
 * Trends for management: every chart of a period (a preset or a custom range), at a granularity,
 * optionally compared with the previous period or the same period a year before, filtered by booth
 * and class. The query is the page's GET form; the figures come computed and cached per query
 * from the trends module. Roles: trends.view (manager, supervisor, admin).
 *
 * The form sends the last day of a custom range as `until` (inclusive, as people read a range);
 * the trends module takes `to` exclusive, so `until` becomes `to` = the next day.
 */
import { addDays, SummaryRequestError } from '$lib/server/analytics';
import { listBooths } from '$lib/server/booths';
import { runningApp } from '$lib/server/http';
import { serviceTargets } from '$lib/server/live';
import { parseTrendsQuery, type TrendsData } from '$lib/server/reports';
import type { TrendsForm, TrendsProblem } from '$lib/components/trends/types';
import type { PageServerLoad } from './$types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The longest custom range (days): ten years of days is already 3 650 points per line. */
const MAX_RANGE_DAYS = 3660;

function formOf(params: URLSearchParams, ownHotline: string): TrendsForm {
	return {
		hotline: params.get('hotline') || ownHotline,
		preset: params.get('preset') ?? 'custom',
		from: params.get('from') ?? '',
		until: params.get('until') ?? (params.get('to') && DATE.test(params.get('to')!) ? addDays(params.get('to')!, -1) : ''),
		granularity: params.get('granularity') ?? '',
		compare: params.get('compare') ?? 'none',
		booths: params.getAll('booth'),
		callClass: params.get('class') ?? ''
	};
}

function problemOf(error: SummaryRequestError): TrendsProblem {
	if (/must be dates/.test(error.message)) return 'dates';
	if (/must be after/.test(error.message)) return 'order';
	if (/has no figures here/.test(error.message)) return 'hotline';
	return 'other';
}

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	const started = performance.now();
	const app = runningApp();
	const { db } = app.database;
	const ownHotline = app.settings.hotlineId;
	const [boothRows, hotlines] = await Promise.all([listBooths(db), app.trends.hotlines()]);
	const booths = boothRows.map((booth) => ({ id: booth.id, label: booth.label, active: booth.active }));
	const params = new URLSearchParams(url.searchParams);
	const until = params.get('until');
	const fail = (problem: TrendsProblem, detail = '') => ({ trends: null as TrendsData | null, problem, detail, form: formOf(url.searchParams, ownHotline), booths, hotlines, granularityChanged: false });

	if (until) {
		if (!DATE.test(until) || Number.isNaN(Date.parse(until))) return fail('dates');
		params.set('to', addDays(until, 1));
		params.delete('until');
	}
	let query;
	try {
		query = parseTrendsQuery(params, { timeZone: app.settings.timeZone, audience: 'management', hotline: ownHotline, hotlines });
	} catch (error) {
		if (error instanceof SummaryRequestError) return fail(problemOf(error), error.message);
		throw error;
	}
	const days = (Date.parse(`${query.to}T00:00:00Z`) - Date.parse(`${query.from}T00:00:00Z`)) / 86_400_000;
	if (days > MAX_RANGE_DAYS) return fail('too_long');

	const targets = await serviceTargets(db);
	const labels = new Map(booths.map((booth) => [booth.id, booth.label]));
	const trends = await app.trends.load(query, 'management', { targets, boothLabel: (id) => labels.get(id) ?? id });
	// How long the figures took (cached per query after the first time): visible in the browser's
	// network panel, for whoever checks that the page stays fast.
	setHeaders({ 'server-timing': `trends;dur=${(performance.now() - started).toFixed(1)};desc="trends figures"` });
	const askedGranularity = url.searchParams.get('granularity');
	return {
		trends,
		problem: null as TrendsProblem | null,
		detail: '',
		form: {
			hotline: query.hotline,
			preset: query.preset,
			from: query.from,
			until: addDays(query.to, -1),
			granularity: askedGranularity ?? '',
			compare: query.compare,
			booths: query.booths,
			callClass: query.callClass ?? ''
		} satisfies TrendsForm,
		booths,
		hotlines,
		granularityChanged: Boolean(askedGranularity && askedGranularity !== query.granularity)
	};
};
