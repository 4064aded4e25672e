/**
 * The HTTP API of the built server, once per PostgreSQL target: keys and scopes, every kind of
 * bad input answered clearly without losing what was accepted, a few thousand generated bad
 * bodies, the /ws snapshot + delta protocol, and the CLI going through a running server.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DATABASE_TARGETS, databaseEnv } from '../helpers/databases';
import { getSummary, postEvents, projectRoot, signIn, startServer, type RunningServer } from '../helpers/server';

const run = promisify(execFile);
const alo = (server: RunningServer, args: string[]) =>
	run(process.execPath, ['bin/alo.js', ...args], { cwd: projectRoot, env: { PATH: process.env.PATH, ...server.env } });

const signedInCookie = async (server: RunningServer, role: string) => (await signIn(server, role)).cookie;

const now = Date.now();
const queued = (id: string, callId = id, at = now - 60_000) => ({ id, type: 'call.queued', ts: new Date(at).toISOString(), callId });

describe.each(DATABASE_TARGETS)('HTTP API on %s', (target) => {
	let server: RunningServer;
	let drop: () => Promise<void>;
	let key: string;

	beforeAll(async () => {
		const database = await databaseEnv(target);
		drop = database.drop;
		server = await startServer({ env: database.env });
		key = await server.createKey('ingest,stats', 'pbx');
	});
	afterAll(async () => {
		await server?.stop();
		server?.cleanup();
		await drop?.();
	});

	it('requires a valid, unrevoked key with the right scope', async () => {
		expect(await postEvents(server, undefined, [queued('k1')])).toMatchObject({ status: 401, body: { error: expect.stringContaining('missing API key') } });
		expect(await postEvents(server, 'alo_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', [queued('k1')])).toMatchObject({ status: 401, body: { error: 'invalid API key' } });
		const statsOnly = await server.createKey('stats', 'reader');
		expect(await postEvents(server, statsOnly, [queued('k1')])).toMatchObject({ status: 403, body: { error: expect.stringContaining('scope "ingest"') } });
		const ingestOnly = await server.createKey('ingest', 'writer');
		expect((await getSummary(server, ingestOnly, {})).status).toBe(403);
		expect(await postEvents(server, ingestOnly, [queued('k1')])).toMatchObject({ status: 200, body: { accepted: 1 } });
		// Revoked through the CLI, which goes through the running server.
		const { stdout } = await alo(server, ['apikey', 'revoke', 'writer']);
		expect(stdout).toContain('revoked 1 key');
		expect(await postEvents(server, ingestOnly, [queued('k2')])).toMatchObject({ status: 401, body: { error: expect.stringContaining('revoked') } });
	});

	it('creates keys through the CLI while the server runs (key on the last line) and refuses to migrate beside it', async () => {
		const { stdout } = await alo(server, ['apikey', 'create', '--name', 'cli-made', '--scopes', 'ingest']);
		const cliKey = stdout.trim().split('\n').at(-1)!;
		expect(cliKey).toMatch(/^alo_[a-z2-7]{32}$/);
		expect(await postEvents(server, cliKey, [queued('cli-1')])).toMatchObject({ status: 200, body: { accepted: 1 } });
		const list = await alo(server, ['apikey', 'list', '--json']);
		const keys = JSON.parse(list.stdout) as { name: string; lastUsedAt: string | null; revokedAt: string | null }[];
		expect(keys.find((k) => k.name === 'cli-made')?.lastUsedAt).toBeTruthy();
		expect(JSON.stringify(keys)).not.toContain(cliKey);
		const refused = await alo(server, ['migrate']).catch((error: { code: number; stderr: string }) => error);
		expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('holds') });
	});

	it('answers each kind of bad input precisely and keeps the good events of a batch', async () => {
		const batch = [
			queued('b-good-1'),
			{ ...queued('b-bad-type'), type: 'call.exploded' },
			{ ...queued('b-no-ts'), ts: undefined },
			{ ...queued('b-future'), ts: new Date(now + 3600_000).toISOString() },
			{ ...queued('b-wrong-type'), callId: { nested: true } },
			queued('b-good-2'),
			queued('b-good-1')
		];
		const { status, body } = await postEvents(server, key, batch);
		expect(status).toBe(200);
		expect(body).toMatchObject({ accepted: 2, duplicates: 1 });
		expect(body.rejected).toEqual([
			{ index: 1, error: expect.stringContaining('unknown type "call.exploded"') },
			{ index: 2, error: 'ts is required' },
			{ index: 3, error: expect.stringContaining('in the future') },
			{ index: 4, error: 'callId must be a string, got object' }
		]);
		expect(await postEvents(server, key, '[{"id":')).toMatchObject({ status: 400, body: { error: expect.stringContaining('not valid JSON') } });
		expect(await postEvents(server, key, '')).toMatchObject({ status: 400 });
		expect(await postEvents(server, key, '<events/>', 'application/xml')).toMatchObject({ status: 415 });
		const big = 'x'.repeat(5 * 1024 * 1024 + 10);
		expect(await postEvents(server, key, big, 'application/x-ndjson')).toMatchObject({ status: 413, body: { error: expect.stringContaining('5 MB') } });
		const many = Array.from({ length: 10_001 }, (_, i) => queued(`many-${i}`));
		expect(await postEvents(server, key, many)).toMatchObject({ status: 413, body: { error: expect.stringContaining('10000') } });
		const ndjson = `${JSON.stringify(queued('nd-1'))}\n{broken\n${JSON.stringify(queued('nd-2'))}`;
		const nd = await postEvents(server, key, ndjson, 'application/x-ndjson');
		expect(nd).toMatchObject({ status: 200, body: { accepted: 2, rejected: [{ index: 1, error: expect.stringContaining('line 2 is not JSON') }] } });
		// Summary parameters are checked too.
		expect(await getSummary(server, key, { from: '2026-02-30' })).toMatchObject({ status: 400, body: { error: expect.stringContaining('not a real date') } });
		expect(await getSummary(server, key, { from: '2026-11-28', to: '2026-11-27' })).toMatchObject({ status: 400 });
		expect(await getSummary(server, key, { slThreshold: '2.5' })).toMatchObject({ status: 400, body: { error: expect.stringContaining('whole seconds') } });
	});

	it('survives a few thousand generated bad bodies and loses nothing already accepted', async () => {
		const before = await postEvents(server, key, [queued('keep-1'), queued('keep-2')]);
		expect(before.body).toMatchObject({ accepted: 2 });
		let seed = 1;
		const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
		const values: unknown[] = [null, true, 0, -1, 1e308, '', 'x'.repeat(300), [], {}, [1], { a: 1 }, '2026-11-28', 'call.queued', '💥', '\u0000'];
		const fields = ['id', 'type', 'ts', 'hotline', 'callId', 'booth', 'operator', 'data', 'extra'];
		const bodies: { text: string; type: string }[] = [];
		for (let i = 0; i < 3000; i++) {
			const kind = i % 4;
			if (kind === 0) {
				const event: Record<string, unknown> = { ...queued(`fuzz-${i}`) };
				event[pick(fields)] = pick(values);
				if (random() < 0.5) delete event[pick(fields)];
				bodies.push({ text: JSON.stringify([event]), type: 'application/json' });
			} else if (kind === 1) {
				const valid = JSON.stringify([queued(`fz-${i}`)]);
				const cut = Math.floor(random() * (valid.length - 1)) + 1;
				bodies.push({ text: valid.slice(0, cut) + pick(['', '}', ']]', ',', '"']), type: pick(['application/json', 'application/x-ndjson']) });
			} else if (kind === 2) {
				bodies.push({ text: Array.from({ length: 1 + Math.floor(random() * 20) }, () => String.fromCharCode(Math.floor(random() * 256))).join(''), type: pick(['application/json', 'application/x-ndjson']) });
			} else {
				bodies.push({ text: JSON.stringify(pick(values)), type: 'application/json' });
			}
		}
		const statuses = new Map<number, number>();
		for (let i = 0; i < bodies.length; i += 50) {
			const answers = await Promise.all(bodies.slice(i, i + 50).map((b) => postEvents(server, key, b.text, b.type)));
			for (const answer of answers) {
				statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
				expect([200, 400, 413, 415]).toContain(answer.status);
				if (answer.status !== 200) expect(typeof answer.body.error).toBe('string');
			}
		}
		expect(statuses.get(400)).toBeGreaterThan(100);
		expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
		const again = await postEvents(server, key, [queued('keep-1'), queued('keep-2')]);
		expect(again.body).toMatchObject({ accepted: 0, duplicates: 2 });
		expect(server.output()).not.toMatch(/failed:/);
	});

	it('pushes a snapshot on connect, then coalesced deltas with increasing seq, and a snapshot on resync', async () => {
		const wsUrl = `${server.url.replace('http', 'ws')}/ws`;
		const connects = (headers: Record<string, string>) =>
			new Promise((resolve, reject) => {
				const probe = new WebSocket(wsUrl, { headers });
				probe.once('open', () => resolve(probe.close()));
				probe.once('error', reject);
			});
		// Live data only for a signed-in role that may see the wallboard or sit at the console.
		await expect(connects({})).rejects.toThrow(/401/);
		await expect(connects({ cookie: await signedInCookie(server, 'advocacy') })).rejects.toThrow(/401/);
		await expect(connects({ cookie: await signedInCookie(server, 'operator') })).resolves.toBeUndefined();
		const socket = new WebSocket(wsUrl, { headers: { cookie: await signedInCookie(server, 'supervisor') } });
		const messages: { type: string; seq: number; data: { booths?: { id: string; state: string }[] } }[] = [];
		socket.on('message', (raw) => messages.push(JSON.parse(String(raw))));
		await new Promise((resolve, reject) => {
			socket.once('open', resolve);
			socket.once('error', reject);
		});
		const waitFor = async (predicate: () => boolean) => {
			const deadline = Date.now() + 5000;
			while (!predicate()) {
				if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(messages).slice(0, 2000)}`);
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		};
		await waitFor(() => messages.length >= 1);
		const snapshot = messages[0];
		expect(snapshot.type).toBe('snapshot');
		const boothIds = Array.from({ length: 10 }, (_, i) => `ws${i}`);
		const latestBooths = () => [...messages].reverse().find((m) => m.data.booths)?.data.booths ?? [];
		// Ten requests at once: one push (or a few), not ten.
		await Promise.all(boothIds.map((booth, i) => postEvents(server, key, [{ id: `ws-state-${i}`, type: 'booth.state', ts: new Date(now - 1000).toISOString(), booth, data: { state: 'available' } }])));
		await waitFor(() => boothIds.every((id) => latestBooths().some((b) => b.id === id && b.state === 'available')));
		const deltas = messages.filter((m) => m.type === 'delta');
		expect(deltas.filter((m) => m.data.booths).length).toBeLessThan(10);
		deltas.forEach((delta, i) => expect(delta.seq).toBe(snapshot.seq + i + 1));
		socket.send(JSON.stringify({ type: 'resync' }));
		await waitFor(() => messages.filter((m) => m.type === 'snapshot').length === 2);
		const resync = messages.filter((m) => m.type === 'snapshot')[1];
		expect(resync.seq).toBeGreaterThanOrEqual(deltas.at(-1)!.seq);
		expect(resync.data.booths!.filter((b) => boothIds.includes(b.id))).toHaveLength(10);
		socket.close();
		const refused = new WebSocket(`${server.url.replace('http', 'ws')}/elsewhere`);
		await expect(new Promise((resolve, reject) => { refused.once('open', resolve); refused.once('error', reject); })).rejects.toThrow();
	});
});
