/**
 * `npm run bench`: runs each benchmark in its own process (one chDB per process) and prints a
 * table of the figures, also written to bench/out/results.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const run = (script: string, ...args: string[]) => {
	const output = execFileSync(process.execPath, [tsx, path.join(root, 'bench', script), ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
	return JSON.parse(output.trim().split('\n').at(-1)!);
};

const only = process.argv[2];
const results: Record<string, unknown> = {};
if (!only || only === 'ingest') {
	console.error('ingest: raw @clickhouse/client insert …');
	results.ingestRaw = run('ingest.ts', 'raw');
	console.error('ingest: through HTTP …');
	results.ingestHttp = run('ingest.ts', 'http');
	const raw = (results.ingestRaw as { eventsPerSecond: number }).eventsPerSecond;
	const http = results.ingestHttp as Record<string, { eventsPerSecond: number }>;
	results.httpShareOfRaw = { clients1: Number((http.clients1.eventsPerSecond / raw).toFixed(2)), clients4: Number((http.clients4.eventsPerSecond / raw).toFixed(2)) };
}
if (!only || only === 'queries') {
	for (const calls of [1_000_000, 10_000_000]) {
		console.error(`queries: summary at ${calls.toLocaleString('en')} calls …`);
		results[`summary${calls / 1_000_000}M`] = run('queries.ts', String(calls));
	}
}
if (!only || only === 'trends') {
	for (const calls of [1_000_000, 10_000_000]) {
		console.error(`trends: every trends query at ${calls.toLocaleString('en')} calls, and on PostgreSQL …`);
		results[`trends${calls / 1_000_000}M`] = run('trends.ts', String(calls));
	}
}
if (!only || only === 'live') {
	console.error('live: wallboard latency and 100 displays connected …');
	results.live = run('live.ts');
}
mkdirSync(path.join(root, 'bench', 'out'), { recursive: true });
writeFileSync(path.join(root, 'bench', 'out', 'results.json'), JSON.stringify(results, null, 2));
console.log(JSON.stringify(results, null, 2));
