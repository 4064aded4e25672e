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

/** The part of the annual exports the shares are recomputed on (AnnualExports' `mce`). */
interface AnnualShares {
	protected: boolean;
	mce: { cases: number | null; foundWithinYear: number | null; foundShare: number | null; crossBorder: number | null; crossBorderShare: number | null };
}

/**
 * Protected annual figures with their shares worked out from the protected counts. An exact share
 * next to rounded counts would give the exact counts back (22 of 123 is the only 0.1789 near 125),
 * so advocacy reads found/125 and cross-border/125 of the figures it sees.
 */
export function withProtectedShares<T extends AnnualShares>(data: T): T {
	if (!data.protected) return data;
	const ratio = (part: number | null, whole: number | null) => (part === null || whole === null || whole === 0 ? null : part / whole);
	return { ...data, mce: { ...data.mce, foundShare: ratio(data.mce.foundWithinYear, data.mce.cases), crossBorderShare: ratio(data.mce.crossBorder, data.mce.cases) } };
}
