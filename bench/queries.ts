/**
 * Query benchmark: the KPI summary (all its queries, as the API runs them) at 1 M and 10 M calls
 * of one hotline spread over two years, for a month, a year and the whole range. Call facts are
 * generated in ClickHouse directly (sending 60 M events through ingest would take an hour).
 */
import { summary, summaryRequestFrom } from '../src/lib/server/analytics';
import { migrateAnalytics, openAnalytics } from '../src/lib/server/clickhouse';
import { loadConfig } from '../src/lib/server/config';
import { temporaryDir } from '../tests/helpers/server';
import { fillBench, percentile } from './fill';

const RUNS = 20;

const calls = Number(process.argv[2] ?? 1_000_000);
const analytics = await openAnalytics(loadConfig({}).clickhouse, temporaryDir('alo116-bench-q-'));
await migrateAnalytics(analytics);
const fillSeconds = await fillBench(analytics, calls);

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
