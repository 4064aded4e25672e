/** Shapes the trends page's server load hands to its components. */

/** Why a query could not be read: a message key suffix under `trends.problem.`. */
export type TrendsProblem = 'dates' | 'order' | 'too_long' | 'hotline' | 'other';

/** What the filter form shows: the query as read, or what was typed when it could not be read. */
export interface TrendsForm {
	hotline: string;
	preset: string;
	from: string;
	/** The last day of the range, inclusive (the query's `to` minus one day). */
	until: string;
	/** As asked ('' = automatic). */
	granularity: string;
	compare: string;
	booths: string[];
	callClass: string;
}
