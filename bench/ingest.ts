/**
 * Ingest benchmark: events/s through the HTTP API of the built server (validation, dedup,
 * durable insert, call facts) beside a raw `@clickhouse/client` insert of the same rows into the
 * same tables, at batches of 1 000; and the server's memory.
 * Run through `npm run bench` (each part in its own process: one chDB per process).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { migrateAnalytics, openAnalytics } from '../src/lib/server/clickhouse';
import { loadConfig } from '../src/lib/server/config';
import { EVENT_COLUMNS, toEventRow, validateEvent, type RawEvent } from '../src/lib/server/ingest';
import { simulate } from '../src/lib/server/simulator';
import { postEvents, startServer, temporaryDir } from '../tests/helpers/server';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const BATCH = 1000;

function workload(seed: number, hotline: string): RawEvent[] {
	const events: RawEvent[] = [];
	const days = Math.ceil(EVENTS / 5000) + 2;
	for (const event of simulate({ start: Date.parse('2026-06-01T00:00:00Z'), durationMs: days * 86_400_000, seed, hotline, callsPerDay: 400 })) {
		events.push(event);
		if (events.length === EVENTS) break;
	}
	return events;
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function memoryOf(pid: number): { rssMB: number; peakMB: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0);
	return { rssMB: Math.round(kb('VmRSS') / 1024), peakMB: Math.round(kb('VmHWM') / 1024) };
}

async function raw() {
	const dataDir = temporaryDir('alo116-bench-raw-');
	const analytics = await openAnalytics(loadConfig({}).clickhouse, dataDir);
	await migrateAnalytics(analytics);
	const events = workload(1, 'bench-raw').map((event) => validateEvent(event, { defaultHotline: 'x', now: Date.now(), maxFutureMs: 0 }));
	const started = performance.now();
	for (let i = 0; i < events.length; i += BATCH) {
		await analytics.client.insert({
			table: 'events',
			values: events.slice(i, i + BATCH).map((event) => toEventRow(event, Date.now())),
			format: 'JSONCompactEachRow',
			columns: [...EVENT_COLUMNS]
		});
	}
	const seconds = (performance.now() - started) / 1000;
	await analytics.close();
	return { events: events.length, seconds, eventsPerSecond: Math.round(events.length / seconds) };
}

async function http() {
	const server = await startServer({ dataDir: temporaryDir('alo116-bench-http-') });
	const key = await server.createKey('ingest');
	const pid = Number(JSON.parse(readFileSync(path.join(server.dataDir, 'alo116.lock'), 'utf8')).pid);
	const idle = memoryOf(pid);
	const results: Record<string, unknown> = {};
	for (const clients of [1, 4]) {
		const events = workload(clients + 10, `bench-http-${clients}`);
		const bodies: string[] = [];
		for (let i = 0; i < events.length; i += BATCH) bodies.push(events.slice(i, i + BATCH).map((e) => JSON.stringify(e)).join('\n'));
		const latencies: number[] = [];
		let nextBody = 0;
		const started = performance.now();
		await Promise.all(
			Array.from({ length: clients }, async () => {
				while (nextBody < bodies.length) {
					const body = bodies[nextBody++];
					const sent = performance.now();
					const answer = await postEvents(server, key, body, 'application/x-ndjson');
					latencies.push(performance.now() - sent);
					if (answer.status !== 200 || (answer.body.rejected as unknown[]).length) throw new Error(`ingest failed: ${JSON.stringify(answer.body).slice(0, 300)}`);
				}
			})
		);
		const seconds = (performance.now() - started) / 1000;
		results[`clients${clients}`] = {
			events: events.length,
			seconds: Number(seconds.toFixed(2)),
			eventsPerSecond: Math.round(events.length / seconds),
			requestMsP50: Math.round(percentile(latencies, 50)),
			requestMsP95: Math.round(percentile(latencies, 95))
		};
	}
	results.memory = { idle, afterIngest: memoryOf(pid) };
	await server.stop();
	server.cleanup();
	return results;
}

const part = process.argv[2];
const result = part === 'raw' ? await raw() : await http();
console.log(JSON.stringify(result));
process.exit(0);
