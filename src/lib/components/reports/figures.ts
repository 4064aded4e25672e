/**
 * How protected figures read on the reports pages: a suppressed small cell (null with
 * `suppressed`, or any null count in a protected export) is "<5"; a share or mean that could not
 * be computed or was withheld is a dash.
 */
import { NO_VALUE, type Translator } from '$lib/i18n';

/** What a suppressed cell shows, in charts, tables and CSV alike. */
export const SUPPRESSED = '<5';

/** A count: "<5" when protection withheld it, else the number in the reader's language. */
export function countText(i18n: Translator, value: number | null, isProtected: boolean): string {
	if (value === null) return isProtected ? SUPPRESSED : NO_VALUE;
	return i18n.formatNumber(value);
}

/** A share 0–1 as a percentage, or a dash when withheld or not computable. */
export function shareText(i18n: Translator, value: number | null): string {
	return value === null ? NO_VALUE : i18n.formatPercent(value, 1);
}
