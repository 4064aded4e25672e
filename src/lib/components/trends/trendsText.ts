/**
 * Texts the trends page composes from its data: the period line under every chart title (period,
 * granularity, comparison, filters), the comparison series' names, code labels.
 */
import { bucketText, periodText } from '$lib/charts/format';
import { codeLabel } from '$lib/cases/problems';
import type { Translator } from '$lib/i18n';
import type { TrendsData } from '$lib/server/reports';

export type Granularity = TrendsData['query']['granularity'];

/** "by day" etc. */
export function granularityText(i18n: Translator, granularity: Granularity): string {
	return i18n.t(`trends.by.${granularity}`);
}

/**
 * "(Linja al-116111 · )1 tet 2026 – 30 tet 2026 · sipas ditës · krahasuar me … · kabinat: 1, 2 (· klasa: Këshillim)".
 * The class filter limits only the classification charts, so it is named only when asked.
 */
export function periodLine(i18n: Translator, trends: TrendsData, boothLabel: (id: string) => string, options: { granularity?: boolean; callClass?: boolean } = {}): string {
	const { t } = i18n;
	const { query } = trends;
	const parts = [periodText(i18n, query.from, query.to)];
	if (trends.otherHotline) parts.unshift(t('trends.filter.hotline', { hotline: query.hotline }));
	if (options.granularity !== false) parts.push(granularityText(i18n, query.granularity));
	if (trends.compareWith) parts.push(t('trends.comparedWith', { period: periodText(i18n, trends.compareWith.from, trends.compareWith.to) }));
	if (query.booths.length) parts.push(t('trends.filter.booths', { booths: query.booths.map(boothLabel).join(', ') }));
	if (options.callClass && query.callClass) parts.push(t('trends.filter.class', { label: codeLabel(t, 'live.class', query.callClass) }));
	return parts.join(' · ');
}

/** The name of a comparison series: "Ofruar, periudha e mëparshme". */
export function compareLabel(i18n: Translator, trends: TrendsData, label: string): string {
	return trends.query.compare === 'last_year' ? i18n.t('trends.series.yearBefore', { label }) : i18n.t('trends.series.previous', { label });
}

/** An export's file name: "alo116-calls-2026-10-01_2026-10-31" (the last day, inclusive). */
export function exportName(trends: TrendsData, chart: string): string {
	const last = new Date(Date.parse(`${trends.query.to}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
	return `alo116-${trends.otherHotline ? `${trends.query.hotline}-` : ''}${chart}-${trends.query.from}_${last}`;
}

/** A code's label, or "Unknown" for the analytics module's `unknown` key. */
export function codeText(i18n: Translator, prefix: string, code: string): string {
	if (code === 'unknown' || code === '') return i18n.t('trends.unknown');
	return codeLabel(i18n.t, prefix, code);
}

/** Series keys in the model's order first, then any others (codes added later) alphabetically. */
export function ordered(keys: string[], order: readonly string[]): string[] {
	const known = order.filter((key) => keys.includes(key));
	const others = keys.filter((key) => !order.includes(key)).sort();
	return [...known, ...others];
}

export { bucketText };
