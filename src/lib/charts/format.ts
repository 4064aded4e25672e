/**
 * Text of chart values and time buckets, always through the translator (Chromium has no Albanian
 * Intl data; see i18n/format.ts), and the matching CSV fields.
 */
import type { Translator } from '$lib/i18n';
import { SUPPRESSED_TEXT, type Granularity, type SeriesPoint, type TableCell, type Unit } from './types';

/** Compact duration for axis ticks: "45 s", "5 min", "6 h", "2 d" (whole units where possible). */
export function compactDuration(i18n: Translator, seconds: number): string {
	const { formatNumber } = i18n;
	const one = (value: number) => formatNumber(value, { maximumFractionDigits: value < 10 ? 1 : 0 });
	if (!Number.isFinite(seconds)) return '–';
	if (seconds < 60) return `${one(seconds)} s`;
	if (seconds < 3600) return `${one(seconds / 60)} min`;
	if (seconds < 86_400) return `${one(seconds / 3600)} h`;
	return i18n.t('chart.unit.days', { count: one(seconds / 86_400) });
}

/**
 * A value as people read it. `axis` is the short form for ticks (no decimals where they do not
 * help), `short` drops the seconds of durations over an hour (labels on bars and markers), `full`
 * is the form for tooltips and tables.
 */
export function formatValue(i18n: Translator, value: number | null | undefined, unit: Unit, style: 'axis' | 'short' | 'full' = 'full'): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	switch (unit) {
		case 'percent':
			return i18n.formatPercent(value, style === 'axis' ? 0 : 1);
		case 'seconds':
			if (style === 'axis') return compactDuration(i18n, value);
			if (style === 'short' && value >= 3600) return `${i18n.formatNumber(Math.floor(value / 3600))} h ${String(Math.round((value % 3600) / 60)).padStart(2, '0')} min`;
			return i18n.formatDuration(value);
		default:
			return i18n.formatNumber(value, { maximumFractionDigits: style === 'full' ? 2 : 1 });
	}
}

/** A point's value as text: "<5" when protected, "–" when nothing was measured. */
export function pointText(i18n: Translator, point: Pick<SeriesPoint, 'value' | 'suppressed'> | undefined, unit: Unit): string {
	if (!point) return '–';
	if (point.suppressed) return SUPPRESSED_TEXT;
	return formatValue(i18n, point.value, unit);
}

/**
 * A value for CSV: plain digits with a `.` decimal point (what spreadsheets import), percentages
 * as percent figures (87.3, the column header says "%"), seconds as whole seconds.
 */
export function csvNumber(value: number | null | undefined, unit: Unit): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '';
	if (unit === 'percent') return String(Math.round(value * 1000) / 10);
	if (unit === 'seconds') return String(Math.round(value));
	return String(Math.round(value * 100) / 100);
}

/** A table cell of a point (text, CSV field, suppression). */
export function pointCell(i18n: Translator, point: Pick<SeriesPoint, 'value' | 'suppressed'> | undefined, unit: Unit): TableCell {
	if (point?.suppressed) return { text: SUPPRESSED_TEXT, csv: SUPPRESSED_TEXT, suppressed: true };
	return { text: pointText(i18n, point, unit), csv: csvNumber(point?.value, unit) };
}

/** A column header's unit suffix for CSV and tables: "(%)", "(s)" or nothing. */
export function unitSuffix(unit: Unit): string {
	return unit === 'percent' ? ' (%)' : unit === 'seconds' ? ' (s)' : '';
}

/** The instant of a bucket start: date-only buckets are read at noon UTC (formatted in UTC). */
function bucketInstant(t: string): { date: Date; zone: string | undefined } {
	if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return { date: new Date(`${t}T12:00:00Z`), zone: 'UTC' };
	return { date: new Date(t), zone: undefined };
}

/**
 * A bucket start as text. `axis`: short tick text ("1 tet", "13:00", "tet 2026", "2026");
 * `full`: unambiguous text for tooltips and tables ("e enjte, 1 tet 2026", "1 tet 2026, 13:00",
 * "java nga 28 sht 2026"). Hours are shown in `timeZone` (the hotline's).
 */
export function bucketText(i18n: Translator, t: string, granularity: Granularity, timeZone: string, style: 'axis' | 'full' = 'full'): string {
	const { date, zone } = bucketInstant(t);
	const timeZoneOption = zone ?? timeZone;
	const format = (options: Intl.DateTimeFormatOptions) => i18n.formatDate(date, { ...options, timeZone: timeZoneOption });
	switch (granularity) {
		case 'hour':
			return style === 'axis'
				? format({ hour: '2-digit', minute: '2-digit' })
				: `${format({ day: 'numeric', month: 'short', year: 'numeric' })}, ${format({ hour: '2-digit', minute: '2-digit' })}`;
		case 'day':
			return style === 'axis' ? format({ day: 'numeric', month: 'short' }) : format({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
		case 'week':
			return style === 'axis'
				? format({ day: 'numeric', month: 'short' })
				: i18n.t('chart.weekOf', { date: format({ day: 'numeric', month: 'short', year: 'numeric' }) });
		case 'month':
			return style === 'axis' ? format({ month: 'short', year: '2-digit' }) : format({ month: 'long', year: 'numeric' });
		default:
			return format({ year: 'numeric' });
	}
}

/** The day a bucket belongs to (for marking day changes on an hour axis). */
export function bucketDay(i18n: Translator, t: string, timeZone: string): string {
	const { date, zone } = bucketInstant(t);
	return i18n.formatDate(date, { day: 'numeric', month: 'short', timeZone: zone ?? timeZone });
}

/** A period `[from, to)` of dates as "1 tet 2026 – 30 tet 2026" (the last day shown is `to − 1`). */
export function periodText(i18n: Translator, from: string, to: string): string {
	const last = new Date(Date.parse(`${to}T12:00:00Z`) - 86_400_000);
	const first = new Date(`${from}T12:00:00Z`);
	const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
	const a = i18n.formatDate(first, options);
	const b = i18n.formatDate(last, options);
	return a === b ? a : `${a} – ${b}`;
}

/** Monday-first weekday names (1 = Monday … 7 = Sunday), short or long. */
export function weekdayNames(i18n: Translator, style: 'short' | 'long'): string[] {
	// 2024-01-01 was a Monday.
	return Array.from({ length: 7 }, (_, i) => i18n.formatDate(new Date(Date.UTC(2024, 0, 1 + i, 12)), { weekday: style, timeZone: 'UTC' }));
}

/** "08:00" for hour 8: hours of the day as the heatmap labels them. */
export function hourText(hour: number): string {
	return `${String(hour).padStart(2, '0')}:00`;
}
