/**
 * Small-cell protection for advocacy views and exports (DESIGN.md privacy rules): a count about
 * children below 5 is never shown (it reads "<5"), and every other count is rounded to the nearest
 * 5. Totals are protected the same way from their exact value, so they stay consistent with
 * the management view to within rounding. Periods are whole calendar months (and buckets months or
 * years), so two overlapping requests can only differ by whole protected months: differencing
 * them gives a difference of rounded figures, never a small cell.
 */
import { addDays } from './summary';
import { COUNT_METRICS, type Granularity, type Metric, type TrendPoint, type TrendResult } from './trends';

export const SMALL_CELL = 5;
export const ROUNDING_BASE = 5;
export const ADVOCACY_GRANULARITIES: readonly Granularity[] = ['month', 'year'];

/** A protected count: a multiple of 5, or null with `suppressed` when 1–4. */
export interface ProtectedPoint extends TrendPoint {
	suppressed?: true;
}

export function protectCount(value: number): { value: number | null; suppressed?: true } {
	if (value === 0) return { value: 0 };
	if (Math.abs(value) < SMALL_CELL) return { value: null, suppressed: true };
	return { value: Math.round(value / ROUNDING_BASE) * ROUNDING_BASE };
}

/**
 * Rates and means rest on counts: one computed from fewer than 5 cases or calls would describe
 * them, so it is withheld.
 */
export function protectMean(value: number | null, basis: number): { value: number | null; suppressed?: true } {
	if (value === null) return { value: null };
	return basis < SMALL_CELL ? { value: null, suppressed: true } : { value };
}

/**
 * A share for advocacy, from the protected counts (an exact share beside a rounded total would
 * give the exact count back); withheld when either count is a small cell.
 */
export function protectedShare(part: number, whole: number): number | null {
	const protectedPart = protectCount(part);
	const protectedWhole = protectCount(whole);
	if (protectedPart.suppressed || protectedWhole.suppressed || !protectedWhole.value) return null;
	return (protectedPart.value ?? 0) / protectedWhole.value;
}

/** The first day of the month of a YYYY-MM-DD date. */
const monthStart = (date: string) => `${date.slice(0, 7)}-01`;

/**
 * An advocacy period: whole calendar months. `from` is moved back to the start of its month, `to`
 * forward to the start of the next month unless it already is one.
 */
export function alignToMonths(from: string, to: string): { from: string; to: string } {
	const fromDay = from.slice(0, 10);
	const toDay = to.slice(0, 10);
	let end = monthStart(toDay);
	if (end !== toDay || to.length > 10) end = monthStart(addDays(monthStart(toDay), 32));
	return { from: monthStart(fromDay), to: end };
}

/** A count metric's result with every cell (and its total) protected; other metrics unchanged. */
export function protectResult(result: TrendResult, metric: Metric): TrendResult & { protected: boolean; totals?: Record<string, ProtectedPoint> } {
	if (!COUNT_METRICS.has(metric)) return { ...result, protected: false };
	const protect = (points: TrendPoint[]): ProtectedPoint[] => points.map((point) => ({ t: point.t, ...protectCount(point.value ?? 0) }));
	const total = (points: TrendPoint[]): ProtectedPoint => ({ t: 'total', ...protectCount(points.reduce((sum, point) => sum + (point.value ?? 0), 0)) });
	if ('points' in result) return { ...result, points: protect(result.points), totals: { total: total(result.points) }, protected: true };
	const series: Record<string, ProtectedPoint[]> = {};
	const totals: Record<string, ProtectedPoint> = {};
	for (const [key, points] of Object.entries(result.series)) {
		series[key] = protect(points);
		totals[key] = total(points);
	}
	return { ...result, series, totals, protected: true };
}
