/**
 * The reports pages' data: the period from a query string (months in, whole months out), the
 * charts for the advocacy audience (every count about children protected) and the service targets
 * for the reference lines. Used by /reports and /reports/saved/[slug].
 */
import { SummaryRequestError } from '$lib/server/analytics';
import { runningApp } from '$lib/server/http';
import { serviceTargets } from '$lib/server/live';
import { parseTrendsQuery, type TrendsData, type TrendsQuery } from '$lib/server/reports';
import { localDateText } from '$lib/server/time';
import { monthsToDates } from './months';

export interface ReportData {
	trends: TrendsData;
	/** The asked period made no sense (an end before its start, a malformed month): this year is shown instead. */
	periodRefused: boolean;
	/** The asked hotline has no figures here: this server's own is shown instead. */
	hotlineRefused: boolean;
}

/**
 * The charts without the buckets that have not begun yet ("this year" runs to December): a month
 * still to come would read as a month with no calls. Comparison series keep the same buckets.
 */
function withoutFuture(trends: TrendsData, timeZone: string): TrendsData {
	const date = localDateText(Date.now(), timeZone);
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

type ReportQuery = { query: TrendsQuery } & Pick<ReportData, 'periodRefused' | 'hotlineRefused'>;

/**
 * The query the page settings describe: a hotline without figures here gives way to this server's
 * own, a period that makes no sense to this year. `hotlines` are the hotlines with figures (the
 * trends module's `hotlines()`).
 */
export function reportQuery(params: URLSearchParams, settings: { timeZone: string; hotline: string; hotlines: readonly string[] }): ReportQuery {
	const read = (query: URLSearchParams) => parseTrendsQuery(query, { ...settings, audience: 'advocacy' });
	const asked = params.get('hotline');
	const hotlineRefused = Boolean(asked) && asked !== settings.hotline && !settings.hotlines.includes(asked!);
	const kept = new URLSearchParams(params);
	if (hotlineRefused) kept.delete('hotline');
	try {
		return { query: read(monthsToDates(kept)), periodRefused: false, hotlineRefused };
	} catch (failure) {
		if (!(failure instanceof SummaryRequestError)) throw failure;
		const hotline = kept.get('hotline');
		return { query: read(new URLSearchParams({ preset: 'this_year', ...(hotline ? { hotline } : {}) })), periodRefused: true, hotlineRefused };
	}
}

/** reportQuery with this server's settings and hotlines. */
export async function runningReportQuery(params: URLSearchParams): Promise<ReportQuery> {
	const app = runningApp();
	return reportQuery(params, { timeZone: app.settings.timeZone, hotline: app.settings.hotlineId, hotlines: await app.trends.hotlines() });
}

/**
 * The advocacy charts for a query ("previous period" is the same number of whole months just
 * before: the reports module compares whole months with whole months).
 */
export async function loadReport(params: URLSearchParams): Promise<ReportData> {
	const app = runningApp();
	const { query, periodRefused, hotlineRefused } = await runningReportQuery(params);
	const trends = await app.trends.load(query, 'advocacy', { targets: await serviceTargets(app.database.db) });
	return { trends: withoutFuture(trends, app.settings.timeZone), periodRefused, hotlineRefused };
}
