/**
 * The charts the advocacy pages offer: the reports module's CHART_IDS without the two that are
 * management-only (workload per booth, overdue referrals), in the order they are shown. Browser-safe
 * (the server list lives in $lib/server/reports/saved.ts and validates saved reports).
 */
export const REPORT_CHARTS = ['volume', 'service', 'heatmap', 'mix', 'mixShare', 'waits', 'talks', 'casesByType', 'outcomes', 'timeToLocate', 'repeatEpisodes', 'partnerResponse'] as const;
export type ReportChartId = (typeof REPORT_CHARTS)[number];

export function isReportChart(id: string): id is ReportChartId {
	return (REPORT_CHARTS as readonly string[]).includes(id);
}

/** The charts named in a query string (`chart`, repeatable or comma-separated), known ones only, in page order. */
export function chartsFromParams(params: URLSearchParams): ReportChartId[] {
	const asked = new Set(params.getAll('chart').flatMap((value) => value.split(',')));
	return REPORT_CHARTS.filter((id) => asked.has(id));
}

/** Period presets the reports page offers (advocacy periods are whole months). */
export const REPORT_PRESETS = ['this_year', 'last_year', 'this_month', 'custom'] as const;
export const REPORT_GRANULARITIES = ['month', 'year'] as const;
export const REPORT_COMPARISONS = ['none', 'previous', 'last_year'] as const;

/** What is drawn: one frame each. "service" is two (service level and answer time have different units). */
export type ReportView = Exclude<ReportChartId, 'service'> | 'serviceLevel' | 'asa';

export function viewsOf(charts: readonly ReportChartId[]): ReportView[] {
	return charts.flatMap((id): ReportView[] => (id === 'service' ? ['serviceLevel', 'asa'] : [id]));
}

/** The id each view's chart frame gets (its section is `#<id>-chart`, its heading `#<id>-title`). */
export const FRAME_IDS: Readonly<Record<ReportView, string>> = {
	volume: 'report-volume',
	serviceLevel: 'report-service-level',
	asa: 'report-asa',
	heatmap: 'report-heatmap',
	mix: 'report-mix',
	mixShare: 'report-mix-share',
	waits: 'report-waits',
	talks: 'report-talks',
	casesByType: 'report-cases-by-type',
	outcomes: 'report-outcomes',
	timeToLocate: 'report-time-to-locate',
	repeatEpisodes: 'report-repeat-episodes',
	partnerResponse: 'report-partner-response'
};

/** Views drawn across both columns of the page: the weekday × hour grid and the partner bars need the width. */
export const WIDE_VIEWS: ReadonlySet<ReportView> = new Set<ReportView>(['heatmap', 'partnerResponse']);
