/**
 * Whole-month periods as the reports page reads and writes them. The form asks for a first and a
 * last month (`YYYY-MM`, both included); the reports module takes dates with an exclusive end
 * (`from` = first day of the first month, `to` = first day of the month after the last).
 */
import type { Translator } from '$lib/i18n';

const MONTH = /^(\d{4})-(\d{2})$/;

/** The first day of the month after `YYYY-MM`. */
export function monthAfter(month: string): string {
	const [year, number] = month.split('-').map(Number);
	return number === 12 ? `${year + 1}-01-01` : `${year}-${String(number + 1).padStart(2, '0')}-01`;
}

/** The `YYYY-MM` of the month before a first-of-month date. */
export function monthBefore(date: string): string {
	const year = Number(date.slice(0, 4));
	const number = Number(date.slice(5, 7));
	return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`;
}

/**
 * The page's query with month fields turned into the dates the reports module reads: `from=2026-03`
 * → `2026-03-01`, `to=2026-05` (included) → `2026-06-01`. Dates pass unchanged.
 */
export function monthsToDates(params: URLSearchParams): URLSearchParams {
	const out = new URLSearchParams(params);
	const from = params.get('from');
	const to = params.get('to');
	if (from && MONTH.test(from)) out.set('from', `${from}-01`);
	if (to && MONTH.test(to)) out.set('to', monthAfter(to));
	return out;
}

/**
 * A whole-month period in words: "2026", "nëntor 2026", "janar – mars 2026",
 * "nëntor 2025 – shkurt 2026".
 */
export function periodText(i18n: Translator, from: string, to: string): string {
	const last = `${monthBefore(to)}-15`;
	const first = `${from.slice(0, 7)}-15`;
	const month = (date: string) => i18n.formatDate(`${date}T12:00:00Z`, { month: 'long', timeZone: 'UTC' });
	const monthYear = (date: string) => i18n.formatDate(`${date}T12:00:00Z`, { month: 'long', year: 'numeric', timeZone: 'UTC' });
	const sameYear = from.slice(0, 4) === last.slice(0, 4);
	if (from.slice(5) === '01-01' && to.slice(5) === '01-01') {
		const endYear = Number(to.slice(0, 4)) - 1;
		return endYear === Number(from.slice(0, 4)) ? from.slice(0, 4) : `${from.slice(0, 4)}–${endYear}`;
	}
	if (first === last) return monthYear(first);
	return sameYear ? `${month(first)} – ${monthYear(last)}` : `${monthYear(first)} – ${monthYear(last)}`;
}
