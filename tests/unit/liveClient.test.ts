/**
 * The browser's live store against a scripted socket: snapshot and deltas by seq, resync on a
 * gap, back-off between reconnects, the quiet-time probe, the clock offset, a server-ended
 * session, and messages that are not the protocol.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveClient, SESSION_ENDED_CODE } from '../../src/lib/live/client.svelte';
import type { LiveSnapshot } from '../../src/lib/live/types';

class FakeSocket {
	static made: FakeSocket[] = [];
	readyState = 0;
	sent: string[] = [];
	closed = false;
	onopen: (() => void) | null = null;
	onmessage: ((event: { data: unknown }) => void) | null = null;
	onerror: (() => void) | null = null;
	onclose: ((event: { code: number }) => void) | null = null;
	constructor(readonly url: string) {
		FakeSocket.made.push(this);
	}
	send(text: string) {
		this.sent.push(text);
	}
	close() {
		this.closed = true;
		this.readyState = 3;
	}
	// Test side:
	open() {
		this.readyState = 1;
		this.onopen?.();
	}
	message(value: unknown) {
		this.onmessage?.({ data: typeof value === 'string' ? value : JSON.stringify(value) });
	}
	drop(code = 1006) {
		this.readyState = 3;
		this.onclose?.({ code });
	}
	get resyncs() {
		return this.sent.filter((text) => JSON.parse(text).type === 'resync').length;
	}
}

function snapshot(at: number, offered = 0): LiveSnapshot {
	return {
		at: new Date(at).toISOString(),
		hotline: 'al-116000',
		timeZone: 'Europe/Tirane',
		booths: [{ id: '1', label: '1', state: 'available', since: new Date(at - 60_000).toISOString() }],
		waiting: [],
		today: {
			day: '2026-11-28',
			offered,
			answered: 0,
			abandoned: 0,
			shortAbandoned: 0,
			timedOut: 0,
			serviceLevel: null,
			serviceLevelAnswered: null,
			asaSeconds: null,
			ahtSeconds: null,
			avgTalkSeconds: null,
			abandonRate: null,
			longestWaitSeconds: 0,
			maxWaitTodaySeconds: 0,
			occupancy: null,
			slThresholdSeconds: 20
		},
		mix: { localization: 0, counseling: 0, info_child: 0, info_parent: 0, info_professional: 0, referral: 0 },
		alerts: [],
		caseAlerts: [],
		thresholds: [],
		janitor: { waitingHours: 4, activeHours: 12, closedToday: 0 }
	};
}

const T0 = Date.parse('2026-11-28T15:00:00Z');
let client: LiveClient;
let stop: () => void;

function start(options: ConstructorParameters<typeof LiveClient>[0] = {}) {
	client = new LiveClient({ url: 'ws://test/ws', createSocket: (url) => new FakeSocket(url) as unknown as WebSocket, ...options });
	stop = client.start();
	return FakeSocket.made.at(-1)!;
}

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(T0);
	FakeSocket.made = [];
});

afterEach(() => {
	stop?.();
	vi.useRealTimers();
});

describe('LiveClient', () => {
	it('takes the snapshot, applies deltas in order and asks for a resync on a gap', () => {
		const socket = start();
		expect(client.status).toBe('reconnecting');
		socket.open();
		socket.message({ type: 'snapshot', seq: 7, at: new Date(T0).toISOString(), data: snapshot(T0, 10) });
		expect(client.status).toBe('live');
		expect(client.snapshot?.today.offered).toBe(10);

		socket.message({ type: 'delta', seq: 8, at: new Date(T0).toISOString(), data: { today: { ...snapshot(T0, 11).today } } });
		expect(client.snapshot?.today.offered).toBe(11);
		expect(client.snapshot?.booths).toHaveLength(1); // sections not in the delta stay
		expect(socket.resyncs).toBe(0);

		// An old or repeated delta changes nothing.
		socket.message({ type: 'delta', seq: 8, at: new Date(T0).toISOString(), data: { today: { ...snapshot(T0, 99).today } } });
		expect(client.snapshot?.today.offered).toBe(11);

		// seq 9 was lost: apply 10 (its sections are newer) and ask for the whole picture.
		socket.message({ type: 'delta', seq: 10, at: new Date(T0).toISOString(), data: { today: { ...snapshot(T0, 13).today } } });
		expect(client.snapshot?.today.offered).toBe(13);
		expect(socket.resyncs).toBe(1);
		socket.message({ type: 'snapshot', seq: 10, at: new Date(T0).toISOString(), data: snapshot(T0, 13) });
		socket.message({ type: 'delta', seq: 11, at: new Date(T0).toISOString(), data: { waiting: [] } });
		expect(socket.resyncs).toBe(1);
	});

	it('ignores what is not the protocol', () => {
		const socket = start({ initial: snapshot(T0, 5) });
		socket.open();
		socket.message({ type: 'snapshot', seq: 1, at: new Date(T0).toISOString(), data: snapshot(T0, 5) });
		for (const junk of ['not json', '[]', 'null', { type: 'delta', seq: 'x', data: {} }, { type: 'hello', seq: 2, data: {} }, { type: 'snapshot', seq: 2, data: { booths: 'no' } }, { type: 'delta', seq: 2, data: [1] }]) {
			socket.message(junk);
		}
		expect(client.snapshot?.today.offered).toBe(5);
		expect(client.status).toBe('live');
	});

	it('says since when it is reconnecting, backs off from 0.5 s to 15 s, and is live again only with a snapshot', () => {
		const socket = start({ initial: snapshot(T0, 5) });
		expect(client.status).toBe('live'); // the first paint's snapshot is fresh
		socket.open();
		socket.message({ type: 'snapshot', seq: 1, at: new Date(T0).toISOString(), data: snapshot(T0, 5) });
		vi.advanceTimersByTime(2_000);
		socket.drop();
		expect(client.status).toBe('reconnecting');
		expect(client.reconnectingSince).toBe(T0 + 2_000);

		// Each attempt fails at once: the pauses grow from about 0.5 s to at most 15 s.
		const delays: number[] = [];
		let last = FakeSocket.made.length;
		let since = Date.now();
		for (let attempt = 0; attempt < 9; attempt++) {
			while (FakeSocket.made.length === last) vi.advanceTimersByTime(50);
			delays.push(Date.now() - since);
			last = FakeSocket.made.length;
			FakeSocket.made.at(-1)!.drop();
			since = Date.now();
		}
		expect(delays[0]).toBeGreaterThanOrEqual(350);
		expect(delays[0]).toBeLessThanOrEqual(700);
		expect(delays[1]).toBeGreaterThanOrEqual(700);
		for (const delay of delays) expect(delay).toBeLessThanOrEqual(15_050);
		expect(delays.at(-1)).toBeGreaterThanOrEqual(11_000);
		expect(client.status).toBe('reconnecting');
		// Timers stay at the moment the data stopped being live.
		expect(client.timerNow).toBe(T0 + 2_000);

		// A connection attempt that hangs is given up and retried.
		while (FakeSocket.made.length === last) vi.advanceTimersByTime(100);
		const hanging = FakeSocket.made.at(-1)!;
		last = FakeSocket.made.length;
		vi.advanceTimersByTime(10_100);
		expect(hanging.closed).toBe(true);

		// Open alone is not live; the snapshot is.
		while (FakeSocket.made.length === last) vi.advanceTimersByTime(100);
		const fresh = FakeSocket.made.at(-1)!;
		fresh.open();
		expect(client.status).toBe('reconnecting');
		fresh.message({ type: 'snapshot', seq: 0, at: new Date(Date.now()).toISOString(), data: snapshot(Date.now(), 6) });
		expect(client.status).toBe('live');
		expect(client.reconnectingSince).toBeNull();
		expect(client.failures).toBe(0);
		expect(client.snapshot?.today.offered).toBe(6);
	});

	it('probes a quiet connection and drops one that does not answer', () => {
		const socket = start();
		socket.open();
		socket.message({ type: 'snapshot', seq: 1, at: new Date(T0).toISOString(), data: snapshot(T0) });
		vi.advanceTimersByTime(19_000);
		expect(socket.resyncs).toBe(0);
		vi.advanceTimersByTime(1_500);
		expect(socket.resyncs).toBe(1);
		// An answer keeps it.
		socket.message({ type: 'snapshot', seq: 1, at: new Date(Date.now()).toISOString(), data: snapshot(Date.now()) });
		expect(client.status).toBe('live');
		// The next probe goes unanswered: dropped, stale, a new socket follows.
		vi.advanceTimersByTime(20_500);
		expect(socket.resyncs).toBe(2);
		vi.advanceTimersByTime(5_100);
		expect(socket.closed).toBe(true);
		expect(client.status).toBe('reconnecting');
		vi.advanceTimersByTime(1_000);
		expect(FakeSocket.made.length).toBe(2);
	});

	it('drops a socket whose snapshot does not come', () => {
		const socket = start();
		socket.open();
		vi.advanceTimersByTime(5_100);
		expect(socket.closed).toBe(true);
		vi.advanceTimersByTime(1_000);
		expect(FakeSocket.made.length).toBe(2);
	});

	it('corrects its clock by the server time of each message', () => {
		const socket = start();
		socket.open();
		// The server's clock is 90 s ahead; a message that took 40 ms is a slightly smaller sample.
		socket.message({ type: 'snapshot', seq: 1, at: new Date(T0 + 90_000).toISOString(), data: snapshot(T0 + 90_000) });
		socket.message({ type: 'delta', seq: 2, at: new Date(T0 + 90_000 - 40).toISOString(), data: {} });
		expect(client.offset).toBe(90_000);
		expect(Math.abs(client.now() - (T0 + 90_000))).toBeLessThan(5);
		vi.advanceTimersByTime(1_000);
		expect(client.serverNow % 1000).toBeLessThan(50); // ticks on the server's second
	});

	it('stops and says so when the server ends the session', () => {
		const ended = vi.fn();
		const socket = start({ onSessionEnded: ended });
		socket.open();
		socket.message({ type: 'snapshot', seq: 1, at: new Date(T0).toISOString(), data: snapshot(T0) });
		socket.drop(SESSION_ENDED_CODE);
		expect(ended).toHaveBeenCalledOnce();
		vi.advanceTimersByTime(60_000);
		expect(FakeSocket.made.length).toBe(1);
	});
});
