/**
 * AMI live adapter against a recorded Asterisk session (tests/fixtures/asterisk/ami/session.txt,
 * raw AMI wire text with CRLF): a local TCP server plays the recording to the real adapter, checking
 * its Login and QueueStatus actions and answering with the recorded text (ActionIDs rewritten to the
 * client's). Checks the v1 events produced, batching, keep-alives, and that after the server drops
 * the link the adapter logs in again, re-bootstraps, and every re-sent bootstrap event carries an id
 * already sent (a duplicate for ingest).
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
	AmiClient,
	AmiMapper,
	AmiParser,
	amiField,
	defaultBoothOf,
	runAmiAdapter,
	type AmiAdapter,
	type AmiMessage
} from '../../src/lib/server/ingest/adapters/ami';
import { validateEvent, type RawEvent } from '../../src/lib/server/ingest/events';

const FIXTURE = path.resolve(__dirname, '../fixtures/asterisk/ami/session.txt');
const RECORDED = readFileSync(FIXTURE, 'utf8');
const USER = 'alo116';
const SECRET = 's3cret-ami';
const LOGIN_ID = 'alo-4242-1';
const STATUS_ID = 'alo-4242-2';

/** The recording split into: banner, what follows Login, the QueueStatus answer, the live events. */
function splitRecording(text: string) {
	const bannerEnd = text.indexOf('\r\n') + 2;
	const banner = text.slice(0, bannerEnd);
	const blocks = text
		.slice(bannerEnd)
		.split('\r\n\r\n')
		.filter((block) => block.length > 0)
		.map((block) => `${block}\r\n\r\n`);
	const firstStatus = blocks.findIndex((block) => block.includes(`ActionID: ${STATUS_ID}\r\n`));
	const complete = blocks.findIndex((block) => block.startsWith('Event: QueueStatusComplete'));
	return {
		banner,
		afterLogin: blocks.slice(0, firstStatus),
		queueStatus: blocks.slice(firstStatus, complete + 1),
		live: blocks.slice(complete + 1)
	};
}

interface FakeAsterisk {
	port: number;
	logins: { username?: string; secret?: string; ok: boolean }[];
	actions: AmiMessage[];
	sockets: net.Socket[];
	dropAll(): void;
	close(): Promise<void>;
}

/**
 * Plays the recording to each client: banner, then the recorded answers to Login and QueueStatus,
 * then (first connection only, unless `liveEveryTime`) the live events, written in odd-sized chunks
 * so the client's parser sees messages split anywhere.
 */
async function startFakeAsterisk(options: { liveEveryTime?: boolean; answerPings?: boolean } = {}): Promise<FakeAsterisk> {
	const recording = splitRecording(RECORDED);
	const logins: FakeAsterisk['logins'] = [];
	const actions: AmiMessage[] = [];
	const sockets: net.Socket[] = [];
	let connections = 0;
	const server = net.createServer((socket) => {
		connections += 1;
		const connection = connections;
		sockets.push(socket);
		socket.setEncoding('utf8');
		socket.on('error', () => undefined);
		const parser = new AmiParser(false);
		let authenticated = false;
		socket.write(recording.banner);
		socket.on('data', (chunk: string) => {
			for (const action of parser.push(chunk)) {
				actions.push(action);
				const id = amiField(action, 'ActionID') ?? '';
				const name = (amiField(action, 'Action') ?? '').toLowerCase();
				if (name === 'login') {
					const ok = amiField(action, 'Username') === USER && amiField(action, 'Secret') === SECRET;
					logins.push({ username: amiField(action, 'Username'), secret: amiField(action, 'Secret'), ok });
					if (!ok) {
						socket.write(`Response: Error\r\nActionID: ${id}\r\nMessage: Authentication failed\r\n\r\n`);
						continue;
					}
					authenticated = true;
					socket.write(recording.afterLogin.join('').replaceAll(`ActionID: ${LOGIN_ID}\r\n`, `ActionID: ${id}\r\n`));
				} else if (!authenticated) {
					socket.write(`Response: Error\r\nActionID: ${id}\r\nMessage: Permission denied\r\n\r\n`);
				} else if (name === 'queuestatus') {
					socket.write(recording.queueStatus.join('').replaceAll(`ActionID: ${STATUS_ID}\r\n`, `ActionID: ${id}\r\n`));
					if (connection === 1 || options.liveEveryTime) {
						const live = recording.live.join('');
						// Odd chunk sizes: messages and even CRLFs split across writes.
						for (let at = 0, size = 97; at < live.length; at += size, size = size === 97 ? 1031 : 97) socket.write(live.slice(at, at + size));
					}
				} else if (name === 'ping') {
					if (options.answerPings !== false)
						socket.write(`Response: Success\r\nActionID: ${id}\r\nPing: Pong\r\nTimestamp: ${(Date.now() / 1000).toFixed(6)}\r\n\r\n`);
				} else if (name === 'logoff') {
					socket.end(`Response: Goodbye\r\nActionID: ${id}\r\nMessage: Thanks for all the fish.\r\n\r\n`);
				} else {
					socket.write(`Response: Error\r\nActionID: ${id}\r\nMessage: Invalid/unknown command\r\n\r\n`);
				}
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as net.AddressInfo).port;
	return {
		port,
		logins,
		actions,
		sockets,
		dropAll() {
			for (const socket of sockets) socket.destroy();
		},
		close() {
			for (const socket of sockets) socket.destroy();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
	const start = Date.now();
	while (!condition()) {
		if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

interface Batch {
	at: number;
	events: RawEvent[];
}

function startAdapter(port: number, extra: Partial<Parameters<typeof runAmiAdapter>[0]> = {}) {
	const batches: Batch[] = [];
	const warnings: Error[] = [];
	const adapter: AmiAdapter = runAmiAdapter({
		host: '127.0.0.1',
		port,
		username: USER,
		secret: SECRET,
		hotline: 'al-116000',
		random: () => 0.5,
		onWarning: (error) => warnings.push(error),
		send: async (events) => {
			batches.push({ at: Date.now(), events });
			return { accepted: events.length };
		},
		...extra
	});
	cleanups.push(() => adapter.stop());
	return { adapter, batches, warnings, sent: () => batches.flatMap((batch) => batch.events) };
}

describe('AMI wire format', () => {
	it('parses the recording the same whether it arrives whole or byte by byte', () => {
		const whole = new AmiParser();
		const all = whole.push(RECORDED);
		expect(whole.banner).toBe('Asterisk Call Manager/7.0.3');
		const bytewise = new AmiParser();
		const pieces: AmiMessage[] = [];
		for (const char of RECORDED) pieces.push(...bytewise.push(char));
		expect(pieces).toEqual(all);
		expect(bytewise.pending).toBe(0);
		expect(all[0]).toEqual({ Response: 'Success', ActionID: LOGIN_ID, Message: 'Authentication accepted' });
		const names = all.map((message) => message.Event ?? `Response:${message.Response}`);
		expect(names.filter((name) => name === 'QueueMember')).toHaveLength(4);
		expect(names).toContain('QueueStatusComplete');
		// Empty values stay empty strings; values may hold colons and spaces.
		const member = all.find((message) => message.Event === 'QueueMember')!;
		expect(member.PausedReason).toBe('');
		expect(member.Name).toBe('Ana Hoxha');
	});

	it('maps members to booths and device states', () => {
		expect(defaultBoothOf('PJSIP/201')).toBe('201');
		expect(defaultBoothOf('SIP/booth-3')).toBe('booth-3');
		expect(defaultBoothOf('Local/204@from-queue/n')).toBe('204');
		expect(defaultBoothOf('201')).toBe('201');
		expect(defaultBoothOf('SIP/201-0000002a')).toBe('201');
		expect(new AmiMapper().map({ Event: 'AgentDump', Interface: 'PJSIP/206', MemberName: 'Ëlira Çela' }, 1764345000500)[0]).toMatchObject({ id: 'ast-booth-206-available-1764345000000', operator: 'Elira_Cela' });
		const mapper = new AmiMapper();
		const states = Array.from({ length: 9 }, (_, status) =>
			mapper.map({ Event: 'QueueMemberStatus', Interface: 'PJSIP/9', MemberName: 'x', Status: String(status), Paused: '0', Timestamp: `1764345600.${status}00` }, 0)[0]?.data?.state
		);
		expect(states).toEqual([undefined, 'available', 'on_call', 'on_call', 'offline', 'offline', 'ringing', 'on_call', 'on_call']);
		const paused = mapper.map({ Event: 'QueueMemberStatus', Interface: 'PJSIP/9', MemberName: 'Ana Hoxha', Status: '1', Paused: '1', PausedReason: 'Coffee break', Timestamp: '1764345601.5' }, 0)[0];
		expect(paused).toMatchObject({ id: 'ast-booth-9-paused-1764345601000', ts: 1764345601500, booth: '9', operator: 'Ana_Hoxha', data: { state: 'paused', reason: 'Coffee_break' } });
		// Without a Timestamp header the receive time is used.
		expect(mapper.map({ Event: 'QueueCallerAbandon', Uniqueid: '1.2' }, 1764345000123)[0]).toMatchObject({ id: 'ast-1.2-abandoned', ts: 1764345000123 });
		const custom = new AmiMapper({ boothOf: (member) => (member === 'PJSIP/201' ? 'booth-A' : undefined) });
		expect(custom.map({ Event: 'AgentConnect', Uniqueid: '5.6', DestUniqueid: '5.7', Interface: 'PJSIP/201', MemberName: 'Ana' }, 10)[0]).toMatchObject({
			id: 'ast-5.6-answered',
			callId: '5.6',
			booth: 'booth-A'
		});
	});
});

describe('AMI adapter over TCP', () => {
	it('logs in, bootstraps, maps the recorded session, and re-bootstraps with the same ids after a drop', async () => {
		const asterisk = await startFakeAsterisk();
		cleanups.push(() => asterisk.close());
		const startedAt = Date.now();
		const { adapter, batches, warnings, sent } = startAdapter(asterisk.port);

		await waitFor(() => sent().some((event) => event.id === 'ast-booth-205-offline-1764345990000'), 5_000, 'the live events');
		const finishedAt = Date.now();
		expect(asterisk.logins).toEqual([{ username: USER, secret: SECRET, ok: true }]);
		const statusActions = asterisk.actions.filter((action) => action.Action === 'QueueStatus');
		expect(statusActions).toHaveLength(1);
		expect(statusActions[0].ActionID).toMatch(/\S/);
		expect(adapter.counters).toMatchObject({ connects: 1, logins: 1, bootstraps: 1, invalid: 0 });

		const events = sent();
		// Every event passes the v1 validation and carries the hotline.
		for (const event of events) expect(() => validateEvent(event, { defaultHotline: 'x', now: Date.now(), maxFutureMs: 0 })).not.toThrow();
		expect(events.every((event) => event.hotline === 'al-116000')).toBe(true);

		// Bootstrap: members now (paused since LastPause), the waiting caller queued `Wait` s ago.
		const bootstrap = events.slice(0, 5);
		const receivedAt = bootstrap[0].ts as number;
		expect(receivedAt).toBeGreaterThanOrEqual(startedAt);
		expect(receivedAt).toBeLessThanOrEqual(finishedAt);
		// Booth-state ids carry the whole second (as the queue_log mapper's do), ts keeps the ms.
		const idSecond = Math.floor(receivedAt / 1000) * 1000;
		expect(bootstrap).toEqual([
			{ id: `ast-booth-201-available-${idSecond}`, type: 'booth.state', ts: receivedAt, hotline: 'al-116000', booth: '201', operator: 'Ana_Hoxha', data: { state: 'available' } },
			{ id: 'ast-booth-202-paused-1764345400000', type: 'booth.state', ts: 1764345400000, hotline: 'al-116000', booth: '202', operator: 'Besnik_Dervishi', data: { state: 'paused', reason: 'Lunch' } },
			{ id: `ast-booth-203-offline-${idSecond}`, type: 'booth.state', ts: receivedAt, hotline: 'al-116000', booth: '203', operator: 'Drita_Kola', data: { state: 'offline' } },
			{ id: `ast-booth-204-on_call-${idSecond}`, type: 'booth.state', ts: receivedAt, hotline: 'al-116000', booth: '204', operator: 'Elira_Shehu', data: { state: 'on_call' } },
			{ id: 'ast-1764345588.97-queued', type: 'call.queued', ts: receivedAt - 12_000, hotline: 'al-116000', callId: '1764345588.97', data: { position: 1 } }
		]);

		// Live: ids shared with the queue_log mapper, ts from the Timestamp header (epoch ms).
		const live = events.slice(5).map(({ id, type, ts, callId, booth, operator, data }) => ({ id, type, ts, callId, booth, operator, data }));
		expect(live).toEqual([
			{ id: 'ast-1764345599.98-queued', type: 'call.queued', ts: 1764345600212, callId: '1764345599.98', booth: undefined, operator: undefined, data: { position: 2 } },
			{ id: 'ast-1764345588.97-abandoned', type: 'call.abandoned', ts: 1764345603870, callId: '1764345588.97', booth: undefined, operator: undefined, data: undefined },
			{ id: 'ast-1764345599.98-ringing-201', type: 'call.ringing', ts: 1764345604015, callId: '1764345599.98', booth: '201', operator: 'Ana_Hoxha', data: undefined },
			{ id: 'ast-booth-201-ringing-1764345604000', type: 'booth.state', ts: 1764345604015, callId: undefined, booth: '201', operator: 'Ana_Hoxha', data: { state: 'ringing' } },
			{ id: 'ast-booth-201-ringing-1764345604000', type: 'booth.state', ts: 1764345604021, callId: undefined, booth: '201', operator: 'Ana_Hoxha', data: { state: 'ringing' } },
			{ id: 'ast-1764345599.98-answered', type: 'call.answered', ts: 1764345609445, callId: '1764345599.98', booth: '201', operator: 'Ana_Hoxha', data: undefined },
			{ id: 'ast-booth-201-on_call-1764345609000', type: 'booth.state', ts: 1764345609451, callId: undefined, booth: '201', operator: 'Ana_Hoxha', data: { state: 'on_call' } },
			{ id: 'ast-1764345639.100-queued', type: 'call.queued', ts: 1764345640100, callId: '1764345639.100', booth: undefined, operator: undefined, data: { position: 1 } },
			{ id: 'ast-booth-202-available-1764345641000', type: 'booth.state', ts: 1764345641000, callId: undefined, booth: '202', operator: 'Besnik_Dervishi', data: { state: 'available' } },
			{ id: 'ast-1764345639.100-ringing-202', type: 'call.ringing', ts: 1764345641210, callId: '1764345639.100', booth: '202', operator: 'Besnik_Dervishi', data: undefined },
			{ id: 'ast-booth-202-ringing-1764345641000', type: 'booth.state', ts: 1764345641210, callId: undefined, booth: '202', operator: 'Besnik_Dervishi', data: { state: 'ringing' } },
			{ id: 'ast-booth-202-available-1764345656000', type: 'booth.state', ts: 1764345656215, callId: undefined, booth: '202', operator: 'Besnik_Dervishi', data: { state: 'available' } },
			{ id: 'ast-1764345639.100-abandoned', type: 'call.abandoned', ts: 1764345661734, callId: '1764345639.100', booth: undefined, operator: undefined, data: undefined },
			{ id: 'ast-booth-202-paused-1764345700000', type: 'booth.state', ts: 1764345700500, callId: undefined, booth: '202', operator: 'Besnik_Dervishi', data: { state: 'paused', reason: 'Supervision' } },
			{ id: 'ast-1764345599.98-ended', type: 'call.ended', ts: 1764345912004, callId: '1764345599.98', booth: '201', operator: 'Ana_Hoxha', data: { endedBy: 'caller' } },
			{ id: 'ast-booth-201-available-1764345912000', type: 'booth.state', ts: 1764345912010, callId: undefined, booth: '201', operator: 'Ana_Hoxha', data: { state: 'available' } },
			{ id: 'ast-booth-205-available-1764345950000', type: 'booth.state', ts: 1764345950300, callId: undefined, booth: '205', operator: 'Fatjona_Leka', data: { state: 'available' } },
			{ id: 'ast-booth-205-offline-1764345990000', type: 'booth.state', ts: 1764345990700, callId: undefined, booth: '205', operator: 'Fatjona_Leka', data: { state: 'offline' } }
		]);
		// FullyBooted, QueueParams, QueueStatusComplete and the three QueueCallerLeave produce nothing.
		expect(adapter.counters.ignored).toBe(6);
		// One id per fact: AgentCalled and QueueMemberStatus both report booth 201 ringing in that second.
		expect(events.filter((event) => event.id === 'ast-booth-201-ringing-1764345604000')).toHaveLength(2);
		expect(new Set(events.map((event) => event.id)).size).toBe(events.length - 1);
		// Batching: never two sends within 100 ms.
		for (let i = 1; i < batches.length; i++) expect(batches[i].at - batches[i - 1].at).toBeGreaterThanOrEqual(95);

		// The server drops the link: back-off (0.5 s with this jitter), login again, QueueStatus again.
		const before = sent().length;
		const idsBefore = new Set(sent().map((event) => event.id));
		asterisk.dropAll();
		await waitFor(() => adapter.counters.bootstraps === 2 && sent().length >= before + 5, 5_000, 'the re-bootstrap');
		expect(adapter.counters).toMatchObject({ disconnects: 1, connects: 2, logins: 2, bootstraps: 2 });
		expect(asterisk.logins).toHaveLength(2);
		expect(asterisk.actions.filter((action) => action.Action === 'QueueStatus')).toHaveLength(2);
		expect(warnings.every((warning) => /closed|ECONNRESET/i.test(warning.message))).toBe(true);

		const resent = sent().slice(before);
		expect(resent).toHaveLength(5);
		// Every re-sent bootstrap event is one already sent: ingest counts them all as duplicates.
		for (const event of resent) expect(idsBefore.has(event.id), event.id).toBe(true);
		const resentIds = resent.map((event) => event.id);
		// Unchanged since the first bootstrap: the very same ids as then.
		for (const id of [bootstrap[1].id, bootstrap[2].id, bootstrap[3].id, bootstrap[4].id]) expect(resentIds).toContain(id);
		// Booth 201 changed live since; its re-sent state is the last one the live feed reported.
		expect(resentIds).toContain('ast-booth-201-available-1764345912000');
	});

	it('sends keep-alive pings and reconnects when they go unanswered', async () => {
		const asterisk = await startFakeAsterisk({ answerPings: false });
		cleanups.push(() => asterisk.close());
		const { adapter, warnings } = startAdapter(asterisk.port, { pingIntervalMs: 150, actionTimeoutMs: 300, reconnectMinMs: 50 });
		await waitFor(() => adapter.counters.bootstraps >= 2, 4_000, 'a reconnect after a lost keep-alive');
		expect(asterisk.actions.some((action) => action.Action === 'Ping')).toBe(true);
		expect(warnings.some((warning) => /keep-alive failed/.test(warning.message))).toBe(true);
	});

	it('answers to a refused login with back-off, and close() stops for good', async () => {
		const asterisk = await startFakeAsterisk();
		cleanups.push(() => asterisk.close());
		const client = new AmiClient({ host: '127.0.0.1', port: asterisk.port, username: USER, secret: 'wrong', reconnectMinMs: 40, random: () => 0.5 });
		const warnings: Error[] = [];
		const delays: number[] = [];
		client.on('warning', (error: Error) => warnings.push(error));
		client.on('reconnecting', (delay: number) => delays.push(delay));
		client.start();
		await waitFor(() => asterisk.logins.length >= 3, 3_000, 'three login attempts');
		await client.close();
		const attempts = asterisk.logins.length;
		expect(asterisk.logins.every((login) => !login.ok)).toBe(true);
		expect(warnings.some((warning) => /Authentication failed/.test(warning.message))).toBe(true);
		// 40, 80, 160 … ms: exponential, capped at reconnectMaxMs.
		expect(delays.slice(0, 3)).toEqual([40, 80, 160]);
		expect(client.reconnectDelay(20)).toBe(30_000);
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(asterisk.logins.length).toBe(attempts);
	});

	it('retries a failed send without losing events', async () => {
		const asterisk = await startFakeAsterisk();
		cleanups.push(() => asterisk.close());
		let failures = 1;
		const received: RawEvent[] = [];
		const { adapter } = startAdapter(asterisk.port, {
			retryMs: 50,
			send: async (events) => {
				if (failures-- > 0) throw new Error('ingest down');
				received.push(...events);
			}
		});
		await waitFor(() => received.length === 23, 4_000, 'all events after a retry');
		expect(adapter.counters.sendErrors).toBe(1);
		expect(adapter.counters.sent).toBe(23);
		expect(new Set(received.map((event) => event.id)).size).toBe(22);
	});
});
