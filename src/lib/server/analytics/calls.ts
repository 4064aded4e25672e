/**
 * Call rows (per outcome and booth, from the hourly rollup plus the partial hours) to the KPI
 * contract's figures: one accumulation shared by the summary and the trends.
 */
import { toNumber } from '../clickhouse';
import { CALL_CLASSES, type CallClass } from '../ingest/events';

export interface CallRow {
	outcome: string;
	booth: string;
	calls: unknown;
	completed: unknown;
	classified: unknown;
	waitMs: unknown;
	talkMs: unknown;
	holdMs: unknown;
	transfers: unknown;
	/** [wait buckets in whole seconds, calls]: ceil(wait) for answered, floor(wait) otherwise. */
	waitSeconds?: [number[], unknown[]];
	/** Or, counted in SQL already: answered within T, and abandoned under S (trend_calls.sql). */
	within?: unknown;
	short?: unknown;
	classCalls: [string[], unknown[]];
}

/** Calls in histogram buckets that pass `test`. */
export function bucketCount([buckets, counts]: [number[], unknown[]], test: (seconds: number) => boolean): number {
	let total = 0;
	buckets.forEach((bucket, i) => {
		if (test(Number(bucket))) total += toNumber(counts[i]);
	});
	return total;
}

/** Adds a histogram into a map of whole seconds → calls. */
export function addHistogram(into: Map<number, number>, [buckets, counts]: [number[], unknown[]]): void {
	buckets.forEach((bucket, i) => into.set(Number(bucket), (into.get(Number(bucket)) ?? 0) + toNumber(counts[i])));
}

export interface CallAccumulation {
	totals: { offered: number; answered: number; abandoned: number; shortAbandoned: number; timedOut: number; waiting: number; answeredWithinThreshold: number };
	sums: { answeredWaitMs: number; abandonedWaitMs: number; completed: number; talkMs: number; holdMs: number; classified: number; transfers: number };
	mix: Record<CallClass, number>;
	booths: Map<string, { answered: number; completed: number; talkMs: number }>;
	/** Answered calls by ceil(wait) seconds (when the rows carry histograms). */
	answeredWaits: Map<number, number>;
}

export function accumulateCalls(rows: CallRow[], thresholds: { slThreshold: number; shortAbandon: number }): CallAccumulation {
	const totals = { offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, timedOut: 0, waiting: 0, answeredWithinThreshold: 0 };
	const sums = { answeredWaitMs: 0, abandonedWaitMs: 0, completed: 0, talkMs: 0, holdMs: 0, classified: 0, transfers: 0 };
	const mix = Object.fromEntries(CALL_CLASSES.map((cls) => [cls, 0])) as Record<CallClass, number>;
	const booths = new Map<string, { answered: number; completed: number; talkMs: number }>();
	const answeredWaits = new Map<number, number>();
	for (const row of rows) {
		const calls = toNumber(row.calls);
		totals.offered += calls;
		if (row.outcome === 'answered') {
			totals.answered += calls;
			if (row.waitSeconds) {
				totals.answeredWithinThreshold += bucketCount(row.waitSeconds, (seconds) => seconds <= thresholds.slThreshold);
				addHistogram(answeredWaits, row.waitSeconds);
			} else totals.answeredWithinThreshold += toNumber(row.within);
			sums.answeredWaitMs += toNumber(row.waitMs);
			sums.completed += toNumber(row.completed);
			sums.talkMs += toNumber(row.talkMs);
			sums.holdMs += toNumber(row.holdMs);
			sums.classified += toNumber(row.classified);
			sums.transfers += toNumber(row.transfers);
			const [classes, counts] = row.classCalls;
			classes.forEach((cls, i) => {
				if (cls in mix) mix[cls as CallClass] += toNumber(counts[i]);
			});
			if (row.booth) {
				const booth = booths.get(row.booth) ?? { answered: 0, completed: 0, talkMs: 0 };
				booth.answered += calls;
				booth.completed += toNumber(row.completed);
				booth.talkMs += toNumber(row.talkMs);
				booths.set(row.booth, booth);
			}
		} else if (row.outcome === 'abandoned') {
			totals.abandoned += calls;
			totals.shortAbandoned += row.waitSeconds ? bucketCount(row.waitSeconds, (seconds) => seconds < thresholds.shortAbandon) : toNumber(row.short);
			sums.abandonedWaitMs += toNumber(row.waitMs);
		} else if (row.outcome === 'timed_out') totals.timedOut += calls;
		else if (row.outcome === 'waiting') totals.waiting += calls;
	}
	return { totals, sums, mix, booths, answeredWaits };
}

/** The value below which `share` of a whole-second histogram lies (nearest-rank), null when empty. */
export function histogramQuantile(histogram: Map<number, number>, share: number): number | null {
	const entries = [...histogram.entries()].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
	const total = entries.reduce((sum, [, count]) => sum + count, 0);
	if (total === 0) return null;
	const rank = Math.max(1, Math.ceil(share * total));
	let seen = 0;
	for (const [seconds, count] of entries) {
		seen += count;
		if (seen >= rank) return seconds;
	}
	return entries.at(-1)![0];
}
