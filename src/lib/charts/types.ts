/**
 * Shapes shared by the chart components (LineChart, StackedBars, Heatmap, Histogram, BarChart)
 * and their frame (ChartFrame): what a point, a table and a unit are. Browser-safe, no Svelte.
 */

/** How a value is read: a count, a fraction 0–1 shown as a percentage, or seconds. */
export type Unit = 'count' | 'percent' | 'seconds';

/** Bucket sizes of a time axis (the analytics module's granularities). */
export type Granularity = 'hour' | 'day' | 'week' | 'month' | 'year';

/**
 * One value at one time bucket. `t` is the bucket start as the analytics module gives it:
 * `YYYY-MM-DD` for days and longer, an ISO date-time with offset for hours. `value: null` is a
 * gap (nothing measured); `suppressed` marks a protected small cell, shown as "<5".
 */
export interface SeriesPoint {
	t: string;
	value: number | null;
	suppressed?: boolean;
}

/** A cell of a chart's table: the text people read and the value written to CSV. */
export interface TableCell {
	text: string;
	/** RFC 4180 field before quoting: a plain number (`.` decimals), `<5`, or empty for no value. */
	csv: string;
	suppressed?: boolean;
}

/**
 * The data behind a chart as a table: the first column holds row headers (`<th scope="row">`),
 * the others values. `columns[0]` names the row-header column.
 */
export interface ChartTable {
	columns: { key: string; label: string; numeric?: boolean }[];
	rows: { key: string; header: TableCell; cells: TableCell[] }[];
}

/** The short text of a suppressed cell, in every language and in CSV. */
export const SUPPRESSED_TEXT = '<5';

/** The source line drawn into every exported picture. */
export const SOURCE_LINE = 'ALO 116-000 · Alo116';
