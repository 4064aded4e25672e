/**
 * Synthetic data for the query benchmarks: `calls` call facts of hotline 'bench' over two years
 * (the hourly rollup fills through its view), booth states, and one case per 250 calls with its
 * case events; merged, as a steady state would be.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Analytics } from '../src/lib/server/clickhouse';

export const SPAN_DAYS = 731;
const sql = (name: string) => readFileSync(path.join(import.meta.dirname, 'sql', `${name}.sql`), 'utf8');

/** Fills ClickHouse; returns the seconds it took. */
export async function fillBench(analytics: Analytics, calls: number): Promise<number> {
	const started = performance.now();
	await analytics.client.command({ query: sql('fill_call_facts'), query_params: { calls, spanDays: SPAN_DAYS } });
	await analytics.client.command({ query: sql('fill_booth_states'), query_params: { spanDays: SPAN_DAYS } });
	await analytics.client.command({ query: sql('fill_case_events'), query_params: { cases: Math.round(calls / 250), spanDays: SPAN_DAYS } });
	// Background merges would get there too; the benchmark measures the merged steady state.
	for (const table of ['call_facts', 'call_hourly', 'booth_states', 'case_events']) await analytics.client.command({ query: `OPTIMIZE TABLE ${table} FINAL` });
	return (performance.now() - started) / 1000;
}

export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** p50 and p95 of `runs` timed runs after one warm-up, ms. */
export async function timed(runs: number, work: () => Promise<unknown>): Promise<{ p50ms: number; p95ms: number }> {
	const times: number[] = [];
	for (let run = 0; run <= runs; run++) {
		const started = performance.now();
		await work();
		if (run > 0) times.push(performance.now() - started);
	}
	return { p50ms: Number(percentile(times, 50).toFixed(1)), p95ms: Number(percentile(times, 95).toFixed(1)) };
}
