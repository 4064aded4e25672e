/**
 * The reports pages' data: the period from a query string (months in, whole months out), the
 * charts for the advocacy audience (every count about children protected) and the service targets
 * for the reference lines. Used by /reports and /reports/saved/[slug].
 */
import { SummaryRequestError } from '$lib/server/analytics';
import { runningApp } from '$lib/server/http';
import { loadThresholds } from '$lib/server/live';
import { parseTrendsQuery, type TrendsData, type TrendsQuery } from '$lib/server/reports';
import { monthsToDates, previousMonths } from './months';

export interface ReportData {
	trends: TrendsData;
	/** The asked period made no sense (an end before its start, a malformed month): this year is shown instead. */
	periodRefused: boolean;
}

/** Today's date (YYYY-MM-DD) in the hotline's time zone. */
function today(timeZone: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * The charts without the buckets that have not begun yet ("this year" runs to December): a month
 * still to come would read as a month with no calls. Comparison series keep the same buckets.
 */
function withoutFuture(trends: TrendsData, timeZone: string): TrendsData {
	const date = today(timeZone);
	const kept = trends.volume.offered?.filter((point) => point.t.slice(0, 10) <= date).length ?? 0;
	const cut = <T>(points: T[]) => points.slice(0, kept);
	const cutAll = (series: TrendsData['volume']) => Object.fromEntries(Object.entries(series).map(([key, points]) => [key, cut(points)]));
	const { service, cases } = trends;
	return {
		...trends,
		volume: cutAll(trends.volume),
		service: {
			...service,
			serviceLevel: cut(service.serviceLevel),
			asaSeconds: cut(service.asaSeconds),
			...(service.compare ? { compare: { serviceLevel: cut(service.compare.serviceLevel), asaSeconds: cut(service.compare.asaSeconds) } } : {})
		},
		mix: { counts: cutAll(trends.mix.counts), shares: cutAll(trends.mix.shares) },
		cases: { ...cases, openedByType: cutAll(cases.openedByType), outcomes: cutAll(cases.outcomes), repeatEpisodes: cut(cases.repeatEpisodes) }
	};
}

/** The service-level and answer-time warning levels: the targets the charts draw. */
async function targets(): Promise<{ serviceLevel: number; asaSeconds: number }> {
	const thresholds = await loadThresholds(runningApp().database.db);
	const level = (kpi: string, fallback: number) => thresholds.find((threshold) => threshold.kpi === kpi)?.warning ?? fallback;
	return { serviceLevel: level('serviceLevel', 0.8), asaSeconds: level('asaSeconds', 20) };
}

/** The query the page settings describe, or this year's when they do not make a period. */
export function reportQuery(params: URLSearchParams, timeZone: string): { query: TrendsQuery; periodRefused: boolean } {
	try {
		return { query: parseTrendsQuery(monthsToDates(params), { timeZone, audience: 'advocacy' }), periodRefused: false };
	} catch (failure) {
		if (!(failure instanceof SummaryRequestError)) throw failure;
		return { query: parseTrendsQuery(new URLSearchParams({ preset: 'this_year' }), { timeZone, audience: 'advocacy' }), periodRefused: true };
	}
}

/**
 * The advocacy charts for a query. "Previous period" compares with the same number of whole
 * months just before: comparing with a day-aligned period would let two overlapping ranges be
 * subtracted, which whole months rule out.
 */
export async function loadReport(params: URLSearchParams): Promise<ReportData> {
	const app = runningApp();
	const { query, periodRefused } = reportQuery(params, app.settings.timeZone);
	const options = { targets: await targets() };
	const zone = app.settings.timeZone;
	if (query.compare !== 'previous') return { trends: withoutFuture(await app.trends.load(query, 'advocacy', options), zone), periodRefused };
	const before = previousMonths(query.from, query.to);
	const [current, previous] = await Promise.all([
		app.trends.load({ ...query, compare: 'none' }, 'advocacy', options),
		app.trends.load({ ...query, ...before, compare: 'none' }, 'advocacy', options)
	]);
	return {
		periodRefused,
		trends: withoutFuture(
			{
				...current,
				query,
				compareWith: before,
				volume: { ...current.volume, offeredCompare: previous.volume.offered, answeredCompare: previous.volume.answered, abandonedCompare: previous.volume.abandoned },
				service: { ...current.service, compare: { serviceLevel: previous.service.serviceLevel, asaSeconds: previous.service.asaSeconds } }
			},
			zone
		)
	};
}
