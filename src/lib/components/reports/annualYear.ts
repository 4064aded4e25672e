/**
 * The years the annual exports offer: from the first year the hotline could have data in this
 * system up to the current one (which is shown as "so far"). Pure, so the page, its CSV route and
 * the browser agree.
 */

/** The first year offered; earlier years have no data in Alo116. */
export const FIRST_YEAR = 2015;

/** A year from the query string, or null when it is not a four-digit year in the offered range. */
export function parseYear(text: string | null, currentYear: number): number | null {
	if (!text || !/^\d{4}$/.test(text)) return null;
	const year = Number(text);
	return year >= FIRST_YEAR && year <= currentYear ? year : null;
}

/** Newest first: the current year, then the complete years before it. */
export function yearChoices(currentYear: number): number[] {
	return Array.from({ length: Math.max(1, currentYear - FIRST_YEAR + 1) }, (_, i) => currentYear - i);
}
