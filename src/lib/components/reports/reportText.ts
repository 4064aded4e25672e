/**
 * Texts shared by the reports pages: the line that says what a chart covers (period, buckets,
 * comparison) — shown under every chart and drawn into its exports — and the settings as a query
 * string for saving.
 */
import type { Translator } from '$lib/i18n';
import type { TrendsData } from '$lib/server/reports';
import { periodText } from './months';

interface Settings {
	hotline: string;
	preset: string;
	from: string;
	to: string;
	granularity: string;
	compare: string;
}

/** The settings as the query string the save action and the saved report read. */
export function settingsQuery(query: Settings): string {
	const params = new URLSearchParams({ hotline: query.hotline, preset: query.preset, granularity: query.granularity, compare: query.compare });
	if (query.preset === 'custom') {
		params.set('from', query.from);
		params.set('to', query.to);
	}
	return params.toString();
}

/**
 * "janar – nëntor 2026 (deri më 28 nën 2026) · sipas muajve · krahasuar me janar – nëntor 2025":
 * what every chart of the page covers.
 */
export function reportSubtitle(i18n: Translator, trends: Pick<TrendsData, 'query' | 'compareWith' | 'generatedAt' | 'timeZone' | 'otherHotline'>): string {
	const { t } = i18n;
	const { query } = trends;
	let period = periodText(i18n, query.from, query.to);
	const today = i18n.formatDate(trends.generatedAt, { day: 'numeric', month: 'short', year: 'numeric', timeZone: trends.timeZone });
	const todayDate = new Date(trends.generatedAt).toISOString().slice(0, 10);
	if (query.to > todayDate) period = t('reports.period.toDate', { period, date: today });
	const parts = [period, t(query.granularity === 'year' ? 'reports.byYear' : 'reports.byMonth')];
	if (trends.otherHotline) parts.unshift(t('trends.filter.hotline', { hotline: query.hotline }));
	if (trends.compareWith) parts.push(t('reports.comparedWith', { period: periodText(i18n, trends.compareWith.from, trends.compareWith.to) }));
	return parts.join(' · ');
}
