/**
 * Asterisk queue_log through the HTTP entry point and the CLI, on the running server: recorded
 * pipe and table-export formats give the same events (counted once), importing twice changes no
 * figure, and bad lines are refused one by one.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSummary, projectRoot, startServer, type RunningServer } from '../helpers/server';

const run = promisify(execFile);
const fixtures = path.join(projectRoot, 'tests', 'fixtures', 'asterisk');
const pipe = readFileSync(path.join(fixtures, 'queue_log'), 'utf8');
const csv = readFileSync(path.join(fixtures, 'queue_log.csv'), 'utf8');

describe('Asterisk queue_log entry points', () => {
	let server: RunningServer;
	let key: string;
	const post = async (body: string, contentType: string) => {
		const response = await fetch(`${server.url}/api/v1/ingest/asterisk/queue-log`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': contentType }, body });
		return { status: response.status, body: (await response.json()) as { accepted: number; duplicates: number; rejected: { index: number; error: string }[]; ignored?: Record<string, number>; error?: string } };
	};
	// The fixture's calls are on 19 June 2026 (Tirane).
	const day = { from: '2026-06-19', to: '2026-06-20' };

	beforeAll(async () => {
		server = await startServer();
		key = await server.createKey('ingest,stats');
	});
	afterAll(async () => {
		await server?.stop();
		server?.cleanup();
	});

	it('takes the pipe format once, and the same calls from the table export as duplicates', async () => {
		const first = await post(pipe, 'application/octet-stream');
		expect(first.status).toBe(200);
		expect(first.body.accepted).toBeGreaterThan(20);
		expect(first.body.rejected).toEqual([]);
		expect(first.body.ignored).toHaveProperty('QUEUESTART');
		const figures = (await getSummary(server, key, day)).body;
		expect(figures.offered).toBeGreaterThan(3);
		const again = await post(pipe, 'application/octet-stream');
		expect(again.body).toMatchObject({ accepted: 0, duplicates: first.body.accepted });
		const table = await post(csv, 'text/csv');
		expect(table.status).toBe(200);
		expect(table.body.accepted).toBe(0);
		expect(table.body.duplicates).toBeGreaterThan(20);
		expect((await getSummary(server, key, day)).body).toEqual(figures);
	});

	it('imports with the CLI through the running server, safe to run twice', async () => {
		const before = (await getSummary(server, key, day)).body;
		const { stderr } = await run(process.execPath, ['bin/alo.js', 'import', 'queue-log', path.join(fixtures, 'queue_log')], { cwd: projectRoot, env: { PATH: process.env.PATH, ...server.env } });
		expect(stderr).toMatch(/import: 0 accepted, \d+ duplicates, 0 rejected/);
		expect((await getSummary(server, key, day)).body).toEqual(before);
	});

	it('follows a growing queue_log with `alo tail`, and resumes where it stopped after a restart', async () => {
		const { spawn } = await import('node:child_process');
		const { appendFileSync, writeFileSync } = await import('node:fs');
		const log = path.join(server.dataDir, 'tail_queue_log');
		const t0 = 1781900000;
		const call = (id: number, at: number) => [`${at}|tail-${id}|116000|NONE|ENTERQUEUE||anonymous|1`, `${at + 5}|tail-${id}|116000|NONE|ABANDON|1|1|5`].join('\n') + '\n';
		writeFileSync(log, call(1, t0));
		const tailDay = { from: '2026-06-19', to: '2026-06-21' };
		const offered = async () => (await getSummary(server, key, tailDay)).body.offered as number;
		const base = await offered();
		const startTail = () => spawn(process.execPath, ['bin/alo.js', 'tail', 'queue-log', log], { cwd: projectRoot, env: { PATH: process.env.PATH, ...server.env }, stdio: 'ignore' });
		const until = async (want: number) => {
			const deadline = Date.now() + 20_000;
			while ((await offered()) !== want) {
				if (Date.now() > deadline) throw new Error(`offered stayed at ${await offered()}, wanted ${want}`);
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
		};
		let tail = startTail();
		await until(base + 1);
		appendFileSync(log, call(2, t0 + 60));
		await until(base + 2);
		tail.kill('SIGTERM');
		await new Promise((resolve) => tail.once('exit', resolve));
		// Written while the tail was down: read after the restart, nothing twice.
		appendFileSync(log, call(3, t0 + 120));
		tail = startTail();
		await until(base + 3);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await offered()).toBe(base + 3);
		tail.kill('SIGTERM');
		await new Promise((resolve) => tail.once('exit', resolve));
	});

	it('refuses bad lines one by one and an empty body as a whole', async () => {
		const mixed = await post(`garbage without pipes\n1781860000|1781860000.1|116000|NONE|ENTERQUEUE||+355691234567|1\n\u0000\u0001binary`, 'application/octet-stream');
		expect(mixed.status).toBe(200);
		expect(mixed.body.accepted).toBe(1);
		expect(mixed.body.rejected.map((r) => r.index)).toEqual([1, 3]);
		expect(mixed.body.rejected[0].error).toMatch(/^line 1: /);
		expect((await post('   ', 'application/octet-stream')).status).toBe(400);
		const unauthorised = await fetch(`${server.url}/api/v1/ingest/asterisk/queue-log`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: pipe });
		expect(unauthorised.status).toBe(401);
	});
});
