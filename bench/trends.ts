/**
 * Trends benchmark: every query behind the trends and reports pages at `calls` calls (two years of
 * one hotline), from the ClickHouse rollups (uncached: the functions are called directly), and
 * the same questions asked of the PostgreSQL server holding the same calls and case events in
 * plain indexed tables, as a ratio.
 *
 *   npx tsx bench/trends.ts 1000000 [postgres://postgres@127.0.0.1:5432/test]
 */
import { sql } from 'drizzle-orm';
import { distribution, heatmap, operatorWorkload, timeseries, type Metric, type TrendRequest } from '../src/lib/server/analytics';
import { migrateAnalytics, openAnalytics } from '../src/lib/server/clickhouse';
import { loadConfig } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { temporaryDir } from '../tests/helpers/server';
import { fillBench, timed } from './fill';

const RUNS = 15;
const calls = Number(process.argv[2] ?? 1_000_000);
const postgresUrl = process.argv[3] ?? 'postgres://postgres@127.0.0.1:5432/test';
const analytics = await openAnalytics(loadConfig({}).clickhouse, temporaryDir('alo116-bench-t-'));
await migrateAnalytics(analytics);
const fillSeconds = await fillBench(analytics, calls);

const year = { from: '2025-01-01', to: '2026-01-01' };
const base = { hotline: 'bench', timeZone: 'Europe/Tirane', slThreshold: 20, shortAbandon: 5, booths: [] as string[] };
const request = (metric: Metric, granularity: TrendRequest['granularity'], by?: string, period: { from: string; to: string } = year): TrendRequest => ({ ...base, ...period, metric, granularity, by });

/** The trends page's questions, ClickHouse side. */
const clickhouseQueries: Record<string, () => Promise<unknown>> = {
	offeredPerDayYear: () => timeseries(analytics, request('offered', 'day')),
	serviceLevelPerDayYear: () => timeseries(analytics, request('serviceLevel', 'day')),
	occupancyPerDayYear: () => timeseries(analytics, request('occupancy', 'day')),
	asaPerWeekAll: () => timeseries(analytics, request('asaSeconds', 'week', undefined, { from: '2024-01-01', to: '2026-01-01' })),
	offeredPerHourMonth: () => timeseries(analytics, request('offered', 'hour', undefined, { from: '2025-06-01', to: '2025-07-01' })),
	mixByClassPerMonthYear: () => timeseries(analytics, request('mix', 'month', 'class')),
	heatmapYear: () => heatmap(analytics, { ...base, ...year }),
	operatorWorkloadYear: () => operatorWorkload(analytics, { ...base, ...year }, Date.parse('2026-01-01T00:00:00Z')),
	waitDistributionYear: () => distribution(analytics, { ...base, ...year, granularity: 'year' }, 'wait'),
	talkDistributionYear: () => distribution(analytics, { ...base, ...year, granularity: 'year' }, 'talk'),
	casesByTypePerMonthYear: () => timeseries(analytics, request('casesOpened', 'month', 'missingType')),
	partnerResponseByPartnerYear: () => timeseries(analytics, request('partnerResponseSeconds', 'year', 'partner')),
	timeToLocateDistributionYear: () => distribution(analytics, { ...base, ...year, granularity: 'year' }, 'timeToLocate')
};

const result: Record<string, unknown> = { calls, fillSeconds: Number(fillSeconds.toFixed(1)), clickhouse: {}, postgres: {}, ratio: {} };
for (const [name, query] of Object.entries(clickhouseQueries)) (result.clickhouse as Record<string, unknown>)[name] = await timed(RUNS, query);

// The same calls and case events in PostgreSQL: plain tables with the indexes a developer would add.
const { db, close } = await openDatabase(postgresUrl, '/nonexistent');
await db.execute(sql`DROP TABLE IF EXISTS bench_calls, bench_case_events`);
await db.execute(sql`CREATE TABLE bench_calls (call_id bigint PRIMARY KEY, queued_at timestamptz NOT NULL, outcome text NOT NULL, wait_ms integer NOT NULL, talk_ms integer NOT NULL, booth text NOT NULL, operator text NOT NULL, classes text[] NOT NULL)`);
await db.execute(sql`CREATE TABLE bench_case_events (id text PRIMARY KEY, ts timestamptz NOT NULL, type text NOT NULL, case_id text NOT NULL, missing_type text NOT NULL, partner text NOT NULL, duration_s double precision)`);
const exported = await analytics.client.query({
	query: "SELECT toInt64(call_id) AS call_id, toString(queued_at) AS queued_at, toString(outcome) AS outcome, wait_ms, talk_ms, toString(booth) AS booth, toString(operator) AS operator, CAST(classes, 'Array(String)') AS classes FROM call_facts WHERE hotline = 'bench' AND sign = 1",
	format: 'JSONCompactEachRow'
});
const pgStarted = performance.now();
let batch: unknown[][] = [];
const flush = async () => {
	if (!batch.length) return;
	await db.execute(sql`INSERT INTO bench_calls SELECT * FROM json_to_recordset(${JSON.stringify(batch.map(([call_id, queued_at, outcome, wait_ms, talk_ms, booth, operator, classes]) => ({ call_id, queued_at: `${queued_at}Z`, outcome, wait_ms, talk_ms, booth, operator, classes })))}) AS r(call_id bigint, queued_at timestamptz, outcome text, wait_ms integer, talk_ms integer, booth text, operator text, classes text[])`);
	batch = [];
};
for await (const rows of exported.stream()) {
	for (const row of rows) {
		batch.push(row.json() as unknown[]);
		if (batch.length >= 20_000) await flush();
	}
}
await flush();
const caseRows = await (await analytics.client.query({ query: "SELECT id, toString(ts) AS ts, toString(type) AS type, case_id, toString(missing_type) AS missing_type, toString(partner) AS partner, duration_s FROM case_events WHERE hotline = 'bench'", format: 'JSONEachRow' })).json<Record<string, unknown>>();
for (let i = 0; i < caseRows.length; i += 20_000)
	await db.execute(sql`INSERT INTO bench_case_events SELECT * FROM json_to_recordset(${JSON.stringify(caseRows.slice(i, i + 20_000).map((row) => ({ ...row, ts: `${row.ts}Z` })))}) AS r(id text, ts timestamptz, type text, case_id text, missing_type text, partner text, duration_s double precision)`);
await db.execute(sql`CREATE INDEX ON bench_calls (queued_at)`);
await db.execute(sql`CREATE INDEX ON bench_case_events (ts)`);
await db.execute(sql`ANALYZE bench_calls`);
await db.execute(sql`ANALYZE bench_case_events`);
result.postgresFillSeconds = Number(((performance.now() - pgStarted) / 1000).toFixed(1));

const zone = 'Europe/Tirane';
const from = '2025-01-01 00:00:00+01';
const to = '2026-01-01 00:00:00+01';
const postgresQueries: Record<string, () => Promise<unknown>> = {
	offeredPerDayYear: () => db.execute(sql`SELECT date_trunc('day', queued_at AT TIME ZONE ${zone}) AS t, count(*) FROM bench_calls WHERE queued_at >= ${from}::timestamptz AND queued_at < ${to}::timestamptz GROUP BY t ORDER BY t`),
	serviceLevelPerDayYear: () =>
		db.execute(sql`SELECT date_trunc('day', queued_at AT TIME ZONE ${zone}) AS t,
			count(*) FILTER (WHERE outcome = 'answered' AND wait_ms <= 20000)::float / nullif(count(*) FILTER (WHERE outcome = 'answered') + count(*) FILTER (WHERE outcome = 'abandoned' AND wait_ms >= 5000), 0)
			FROM bench_calls WHERE queued_at >= ${from}::timestamptz AND queued_at < ${to}::timestamptz GROUP BY t ORDER BY t`),
	asaPerWeekAll: () => db.execute(sql`SELECT date_trunc('week', queued_at AT TIME ZONE ${zone}) AS t, avg(wait_ms) FILTER (WHERE outcome = 'answered') / 1000 FROM bench_calls WHERE queued_at >= '2024-01-01 00:00:00+01'::timestamptz AND queued_at < ${to}::timestamptz GROUP BY t ORDER BY t`),
	offeredPerHourMonth: () => db.execute(sql`SELECT date_trunc('hour', queued_at AT TIME ZONE ${zone}) AS t, count(*) FROM bench_calls WHERE queued_at >= '2025-06-01 00:00:00+02'::timestamptz AND queued_at < '2025-07-01 00:00:00+02'::timestamptz GROUP BY t ORDER BY t`),
	mixByClassPerMonthYear: () => db.execute(sql`SELECT date_trunc('month', queued_at AT TIME ZONE ${zone}) AS t, class, count(*) FROM bench_calls, unnest(classes) AS class WHERE outcome = 'answered' AND queued_at >= ${from}::timestamptz AND queued_at < ${to}::timestamptz GROUP BY t, class ORDER BY t`),
	heatmapYear: () => db.execute(sql`SELECT extract(isodow FROM queued_at AT TIME ZONE ${zone}) AS d, extract(hour FROM queued_at AT TIME ZONE ${zone}) AS h, count(*), count(*) FILTER (WHERE outcome = 'abandoned') FROM bench_calls WHERE queued_at >= ${from}::timestamptz AND queued_at < ${to}::timestamptz GROUP BY d, h`),
	// Calls and talk per operator (the booth-state half, occupancy, is left to ClickHouse: plain
	// tables would need the same window over a state log that PostgreSQL does not hold here).
	operatorWorkloadYear: () => db.execute(sql`SELECT operator, count(*), sum(talk_ms) FROM bench_calls WHERE outcome = 'answered' AND operator <> '' AND queued_at >= ${from}::timestamptz AND queued_at < ${to}::timestamptz GROUP BY operator`),
	waitDistributionYear: () => db.execute(sql`SELECT width_bucket(wait_ms, ARRAY[0, 5000, 10000, 15000, 20000, 30000, 45000, 60000, 90000, 120000, 180000, 300000, 600000]) AS b, count(*), percentile_disc(0.5) WITHIN GROUP (ORDER BY wait_ms) FROM bench_calls WHERE outcome = 'answered' AND queued_at >= ${from}::timestamptz AND queued_at < ${to}::timestamptz GROUP BY ROLLUP (b)`),
	talkDistributionYear: () => db.execute(sql`SELECT width_bucket(talk_ms, ARRAY[0, 30000, 60000, 120000, 180000, 300000, 420000, 600000, 900000, 1200000, 1800000, 3600000]) AS b, count(*), percentile_disc(0.9) WITHIN GROUP (ORDER BY talk_ms) FROM bench_calls WHERE outcome = 'answered' AND queued_at >= ${from}::timestamptz AND queued_at < ${to}::timestamptz GROUP BY ROLLUP (b)`),
	casesByTypePerMonthYear: () => db.execute(sql`SELECT date_trunc('month', ts AT TIME ZONE ${zone}) AS t, missing_type, count(*) FROM bench_case_events WHERE type = 'case.opened' AND ts >= ${from}::timestamptz AND ts < ${to}::timestamptz GROUP BY t, missing_type`),
	partnerResponseByPartnerYear: () => db.execute(sql`SELECT partner, avg(duration_s) FROM bench_case_events WHERE type = 'case.partner_responded' AND ts >= ${from}::timestamptz AND ts < ${to}::timestamptz GROUP BY partner`),
	timeToLocateDistributionYear: () => db.execute(sql`SELECT width_bucket(duration_s, ARRAY[0, 3600, 10800, 21600, 43200, 86400, 172800, 604800, 2592000]) AS b, count(*) FROM bench_case_events WHERE type = 'case.located' AND ts >= ${from}::timestamptz AND ts < ${to}::timestamptz GROUP BY b`)
};
for (const [name, query] of Object.entries(postgresQueries)) {
	const pg = await timed(RUNS, query);
	(result.postgres as Record<string, unknown>)[name] = pg;
	const ch = (result.clickhouse as Record<string, { p95ms: number }>)[name];
	(result.ratio as Record<string, number>)[name] = Number((pg.p95ms / Math.max(ch.p95ms, 0.1)).toFixed(1));
}
await db.execute(sql`DROP TABLE IF EXISTS bench_calls, bench_case_events`);
await close();
await analytics.close();
console.log(JSON.stringify(result));
process.exit(0);
