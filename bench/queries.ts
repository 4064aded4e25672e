/**
 * Query benchmark: the KPI summary (all its queries, as the API runs them) at 1 M and 10 M calls
 * of one hotline spread over two years, for a month, a year and the whole range. Call facts are
 * generated in ClickHouse directly (sending 60 M events through ingest would take an hour).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { summary, summaryRequestFrom } from '../src/lib/server/analytics';
import { migrateAnalytics, openAnalytics } from '../src/lib/server/clickhouse';
import { loadConfig } from '../src/lib/server/config';
import { temporaryDir } from '../tests/helpers/server';

const SPAN_DAYS = 731;
const RUNS = 20;
const sql = (name: string) => readFileSync(path.join(import.meta.dirname, 'sql', `${name}.sql`), 'utf8');

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const calls = Number(process.argv[2] ?? 1_000_000);
const analytics = await openAnalytics(loadConfig({}).clickhouse, temporaryDir('alo116-bench-q-'));
await migrateAnalytics(analytics);
const fillStarted = performance.now();
await analytics.client.command({ query: sql('fill_call_facts'), query_params: { calls, spanDays: SPAN_DAYS } });
await analytics.client.command({ query: sql('fill_booth_states'), query_params: { spanDays: SPAN_DAYS } });
// Background merges would get there too; the benchmark measures the merged steady state.
for (const table of ['call_facts', 'call_hourly', 'booth_states']) await analytics.client.command({ query: `OPTIMIZE TABLE ${table} FINAL` });
const fillSeconds = (performance.now() - fillStarted) / 1000;

const periods = { month: ['2025-06-01', '2025-07-01'], year: ['2025-01-01', '2026-01-01'], all: ['2024-01-01', '2026-01-02'] } as const;
const result: Record<string, unknown> = { calls, fillSeconds: Number(fillSeconds.toFixed(1)) };
for (const [name, [from, to]] of Object.entries(periods)) {
	const request = summaryRequestFrom(new URLSearchParams({ from, to, hotline: 'bench' }), { hotline: 'bench', timeZone: 'Europe/Tirane' });
	const times: number[] = [];
	let offered = 0;
	for (let run = 0; run <= RUNS; run++) {
		const started = performance.now();
		const kpis = await summary(analytics, request);
		if (run > 0) times.push(performance.now() - started);
		offered = kpis.offered;
	}
	result[name] = { offered, p50ms: Math.round(percentile(times, 50)), p95ms: Math.round(percentile(times, 95)) };
}
await analytics.close();
console.log(JSON.stringify(result));
process.exit(0);
