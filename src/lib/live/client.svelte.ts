/**
 * The browser's live state: one WebSocket to `/ws`, the snapshot kept current by deltas, and an
 * honest `status` that never calls old figures live.
 *
 *   const live = new LiveClient({ initial: data.snapshot });
 *   $effect(() => live.start());          // connects; the returned function disconnects
 *   live.snapshot                         // LiveSnapshot (reactive, replaced as a whole)
 *   live.status                           // 'live' | 'reconnecting'
 *   live.reconnectingSince                // server-clock ms when the data stopped being live, or null
 *   live.serverNow                        // server-clock ms, ticks once a second on the second
 *   live.timerNow                         // serverNow while live, frozen at reconnectingSince otherwise
 *
 * Protocol (see src/lib/server/live/hub.ts): the server sends `{type:'snapshot', seq, at, data}`
 * on connect, then `{type:'delta', seq, at, data}` whose sections replace the snapshot's. `seq`
 * grows by one per message; on a gap the client asks `{"type":"resync"}` and gets a snapshot.
 *
 * Staying honest:
 * - A dropped socket flips `status` to 'reconnecting' at once; reconnects back off from 0.5 s to
 *   15 s with jitter (so a wall of screens does not reconnect in step after a server restart).
 *   `status` is 'live' again only when a fresh snapshot has arrived.
 * - A connection that goes quiet is probed: after `quietMs` without a message the client asks for
 *   a snapshot, and a socket that does not answer within `probeTimeoutMs` is dropped — a half-open
 *   TCP connection (Wi-Fi gone, laptop lid closed) is found within seconds, not minutes.
 * - Waking up (page visible again, network back, or the clock jumping forward because the machine
 *   slept) reconnects immediately and re-syncs, without waiting for the back-off.
 * - A socket closed by the server because the session ended (code 4401) stops the client and calls
 *   `onSessionEnded` (a page reloads, and the guard sends it to the sign-in page).
 *
 * Clock: `offset` ≈ server clock − this browser's clock, from each message's `at` (the largest of
 * the last few samples, since network delay only makes a sample smaller). Ticking timers use
 * `serverNow` / `timerNow`, never a server message per second.
 */
import { untrack } from 'svelte';
import type { LiveDelta, LiveSnapshot } from './types';

export type LiveStatus = 'live' | 'reconnecting';

export interface LiveClientOptions {
	/** The snapshot the server rendered the page with (first paint); null to wait for /ws. */
	initial?: LiveSnapshot | null;
	/** WebSocket URL; default `ws(s)://<this host>/ws`. */
	url?: string;
	/** Back-off bounds between reconnect attempts, ms (defaults 500 and 15 000). */
	minDelayMs?: number;
	maxDelayMs?: number;
	/** After this long without any message, ask for a snapshot to prove the socket alive (20 000). */
	quietMs?: number;
	/** A probe or a new socket's first snapshot not arriving within this time drops the socket (5 000). */
	probeTimeoutMs?: number;
	/** A socket not open within this time is given up (10 000). */
	connectTimeoutMs?: number;
	/** The server ended the session (socket closed with 4401): the page should reload. */
	onSessionEnded?: () => void;
	/** For tests: makes the socket (default `new WebSocket(url)`). */
	createSocket?: (url: string) => WebSocket;
}

/** Sections of a snapshot a delta may replace. */
const DELTA_SECTIONS = ['at', 'booths', 'waiting', 'today', 'mix', 'alerts', 'caseAlerts', 'thresholds', 'janitor'] as const;

/** The server closes a socket with this code when its session ended (revoked, signed out). */
export const SESSION_ENDED_CODE = 4401;

const OFFSET_SAMPLES = 8;
/** A tick arriving this much later than due means the machine slept (or the tab was frozen). */
const SLEEP_GAP_MS = 5_000;

interface Message {
	type: 'snapshot' | 'delta';
	seq: number;
	at: number;
	data: Record<string, unknown>;
}

function parseMessage(raw: unknown): Message | null {
	if (typeof raw !== 'string') return null;
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch {
		return null;
	}
	if (!value || typeof value !== 'object') return null;
	const { type, seq, at, data } = value as Record<string, unknown>;
	if (type !== 'snapshot' && type !== 'delta') return null;
	if (typeof seq !== 'number' || !Number.isFinite(seq)) return null;
	if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
	const time = typeof at === 'string' ? Date.parse(at) : NaN;
	return { type, seq, at: time, data: data as Record<string, unknown> };
}

function isSnapshot(data: Record<string, unknown>): data is LiveSnapshot & Record<string, unknown> {
	return (
		Array.isArray(data.booths) &&
		Array.isArray(data.waiting) &&
		!!data.today &&
		typeof data.today === 'object' &&
		!!data.mix &&
		typeof data.mix === 'object'
	);
}

export class LiveClient {
	/** The current live state; replaced as a whole on every message (never mutated in place). */
	snapshot = $state.raw<LiveSnapshot | null>(null);
	status = $state<LiveStatus>('live');
	/** Server-clock ms since when the figures are not live, or null while live. */
	reconnectingSince = $state<number | null>(null);
	/** Server clock minus this browser's clock, ms. */
	offset = $state(0);
	/** Server-clock ms, updated once a second on the server's second (for clocks and timers). */
	serverNow = $state(0);
	/** Server-clock ms of the last message received, or of the first paint's snapshot. */
	lastMessageAt = $state<number | null>(null);
	/** Consecutive failed connection attempts (0 while connected). */
	failures = $state(0);

	private readonly options: Required<Omit<LiveClientOptions, 'initial' | 'url' | 'onSessionEnded' | 'createSocket'>> &
		Pick<LiveClientOptions, 'url' | 'onSessionEnded' | 'createSocket'>;
	private socket: WebSocket | null = null;
	/** seq of the last message applied on the current socket; -1 before its snapshot. */
	private seq = -1;
	private offsetSamples: number[] = [];
	/** Client-clock ms of the last message on any socket. */
	private lastHeard = 0;
	private running = false;
	private retryTimer: ReturnType<typeof setTimeout> | undefined;
	private probeTimer: ReturnType<typeof setTimeout> | undefined;
	private tickTimer: ReturnType<typeof setTimeout> | undefined;
	private lastTick = 0;
	private hiddenAt: number | null = null;
	private readonly cleanups: (() => void)[] = [];

	constructor(options: LiveClientOptions = {}) {
		this.options = {
			minDelayMs: options.minDelayMs ?? 500,
			maxDelayMs: options.maxDelayMs ?? 15_000,
			quietMs: options.quietMs ?? 20_000,
			probeTimeoutMs: options.probeTimeoutMs ?? 5_000,
			connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
			url: options.url,
			onSessionEnded: options.onSessionEnded,
			createSocket: options.createSocket
		};
		const initial = options.initial ?? null;
		this.snapshot = initial;
		const at = initial ? Date.parse(initial.at) : NaN;
		// Server and first client render agree on the time: the snapshot's.
		this.serverNow = Number.isFinite(at) ? at : Date.now();
		this.lastMessageAt = Number.isFinite(at) ? at : null;
		if (!initial) {
			this.status = 'reconnecting';
			this.reconnectingSince = null;
		}
	}

	/** True while the figures shown are live. */
	get live(): boolean {
		return this.status === 'live';
	}

	/** The time ticking timers count to: now while live, the moment the data went stale otherwise. */
	get timerNow(): number {
		return this.status === 'live' || this.reconnectingSince === null ? this.serverNow : Math.min(this.serverNow, this.reconnectingSince);
	}

	/** The server's clock right now, ms (not reactive; for one-off reads). */
	now(): number {
		return Date.now() + this.offset;
	}

	/**
	 * Connects and keeps connected until the returned function is called: `$effect(() => live.start())`.
	 * Browser only.
	 */
	start(): () => void {
		// Called from an $effect: reading this store's state here must not make the effect depend on it.
		return untrack(() => this.begin());
	}

	private begin(): () => void {
		if (this.running) return () => this.stop();
		this.running = true;
		if (this.snapshot) {
			// The first paint's snapshot: a first guess of the offset (page load time makes it low;
			// the first message corrects it) and a deadline for the socket to confirm it.
			const at = Date.parse(this.snapshot.at);
			if (Number.isFinite(at)) this.sampleOffset(at, Date.now());
			this.lastHeard = Date.now();
		}
		this.listen();
		this.tick();
		this.connect();
		return () => this.stop();
	}

	stop(): void {
		this.running = false;
		clearTimeout(this.retryTimer);
		clearTimeout(this.probeTimer);
		clearTimeout(this.tickTimer);
		for (const cleanup of this.cleanups.splice(0)) cleanup();
		this.dropSocket();
	}

	/** Asks the server for a fresh snapshot (or reconnects when there is no open socket). */
	resync(): void {
		if (!this.running) return;
		if (this.socket?.readyState === 1 /* OPEN */) {
			this.send({ type: 'resync' });
			this.armProbe(this.options.probeTimeoutMs);
		} else this.reconnectNow();
	}

	/** Drops the current socket and connects again at once (waking up, network back). */
	reconnectNow(): void {
		if (!this.running) return;
		// Data not confirmed in the last few seconds cannot be called live while we reconnect.
		if (Date.now() - this.lastHeard > 3_000) this.markStale();
		this.failures = 0;
		clearTimeout(this.retryTimer);
		this.dropSocket();
		this.connect();
	}

	private connect(): void {
		if (!this.running) return;
		clearTimeout(this.retryTimer);
		const url = this.options.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
		let socket: WebSocket;
		try {
			socket = this.options.createSocket ? this.options.createSocket(url) : new WebSocket(url);
		} catch {
			this.scheduleRetry();
			return;
		}
		this.socket = socket;
		this.seq = -1;
		// A connection attempt that hangs (a SYN lost, a proxy holding it) is given up in time.
		this.armProbe(this.options.connectTimeoutMs);
		socket.onopen = () => {
			if (this.socket !== socket) return;
			// The snapshot must follow promptly; if it does not, the socket is no good.
			this.armProbe(this.options.probeTimeoutMs);
		};
		socket.onmessage = (event: MessageEvent) => {
			if (this.socket !== socket) return;
			this.receive(event.data);
		};
		socket.onerror = () => {
			// A close event follows; nothing to do here.
		};
		socket.onclose = (event: CloseEvent) => {
			if (this.socket !== socket) return;
			this.socket = null;
			clearTimeout(this.probeTimer);
			if (!this.running) return;
			this.markStale();
			if (event.code === SESSION_ENDED_CODE) {
				this.stop();
				this.options.onSessionEnded?.();
				return;
			}
			this.scheduleRetry();
		};
	}

	private receive(raw: unknown): void {
		const message = parseMessage(raw);
		if (!message) return;
		const receivedAt = Date.now();
		this.lastHeard = receivedAt;
		if (Number.isFinite(message.at)) this.sampleOffset(message.at, receivedAt);

		if (message.type === 'snapshot') {
			if (!isSnapshot(message.data)) return;
			this.snapshot = message.data;
			this.seq = message.seq;
			this.failures = 0;
			this.setLive();
		} else {
			// Deltas before this socket's snapshot, or already seen, are ignored.
			if (this.seq < 0 || !this.snapshot || message.seq <= this.seq) return;
			const gap = message.seq !== this.seq + 1;
			this.snapshot = applyDelta(this.snapshot, message.data as LiveDelta);
			this.seq = message.seq;
			if (gap) {
				// A message was lost: the sections it carried may be old. Ask for the whole picture.
				this.send({ type: 'resync' });
				this.armProbe(this.options.probeTimeoutMs);
				return;
			}
			this.setLive();
		}
		this.lastMessageAt = Number.isFinite(message.at) ? message.at : receivedAt + this.offset;
		this.armProbe(this.options.quietMs, true);
	}

	private setLive(): void {
		clearTimeout(this.probeTimer);
		if (this.status !== 'live') {
			this.status = 'live';
			this.reconnectingSince = null;
		}
		this.serverNow = this.now();
	}

	private markStale(): void {
		if (this.status === 'reconnecting' && this.reconnectingSince !== null) return;
		this.status = 'reconnecting';
		this.reconnectingSince = this.now();
		this.serverNow = this.reconnectingSince;
	}

	/**
	 * Either a quiet-time probe (`quiet`: after `ms` without a message, ask for a snapshot) or a
	 * deadline (a snapshot must arrive within `ms`, else the socket is dropped).
	 */
	private armProbe(ms: number, quiet = false): void {
		clearTimeout(this.probeTimer);
		this.probeTimer = setTimeout(() => {
			if (!this.running || !this.socket) return;
			if (quiet && this.socket.readyState === 1) {
				this.send({ type: 'resync' });
				this.armProbe(this.options.probeTimeoutMs);
				return;
			}
			// No answer: the socket is dead or useless. Reconnect with back-off.
			this.markStale();
			this.dropSocket();
			this.scheduleRetry();
		}, ms);
	}

	private scheduleRetry(): void {
		if (!this.running) return;
		clearTimeout(this.retryTimer);
		const { minDelayMs, maxDelayMs } = this.options;
		const base = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(this.failures, 20));
		// ±25 % jitter, kept within the bounds.
		const delay = Math.max(minDelayMs, Math.min(maxDelayMs, base * (0.75 + Math.random() * 0.5)));
		this.failures += 1;
		this.retryTimer = setTimeout(() => this.connect(), delay);
	}

	private dropSocket(): void {
		const socket = this.socket;
		this.socket = null;
		clearTimeout(this.probeTimer);
		if (!socket) return;
		socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
		try {
			socket.close(1000, 'reconnecting');
		} catch {
			// Already closed.
		}
	}

	private send(message: { type: 'resync' }): void {
		try {
			this.socket?.send(JSON.stringify(message));
		} catch {
			// The close handler deals with a broken socket.
		}
	}

	private sampleOffset(serverAt: number, receivedAt: number): void {
		this.offsetSamples.push(serverAt - receivedAt);
		if (this.offsetSamples.length > OFFSET_SAMPLES) this.offsetSamples.shift();
		const offset = Math.round(Math.max(...this.offsetSamples));
		if (offset !== this.offset) this.offset = offset;
	}

	/** One timer for every clock on the page: fires just after each server second. */
	private tick = (): void => {
		if (!this.running) return;
		const now = Date.now();
		if (this.lastTick && now - this.lastTick > SLEEP_GAP_MS + 1_000) {
			// The machine slept (or the tab was frozen): whatever the socket says, re-check.
			this.lastTick = now;
			this.reconnectNow();
		}
		this.lastTick = now;
		this.serverNow = now + this.offset;
		const intoSecond = ((this.serverNow % 1000) + 1000) % 1000;
		this.tickTimer = setTimeout(this.tick, 1000 - intoSecond + 10);
	};

	private listen(): void {
		if (typeof window === 'undefined') return;
		const on = (target: EventTarget, type: string, handler: () => void) => {
			target.addEventListener(type, handler);
			this.cleanups.push(() => target.removeEventListener(type, handler));
		};
		on(document, 'visibilitychange', () => {
			if (document.visibilityState === 'hidden') {
				this.hiddenAt = Date.now();
				return;
			}
			const hiddenFor = this.hiddenAt === null ? 0 : Date.now() - this.hiddenAt;
			this.hiddenAt = null;
			// Back on screen: timers catch up now, and the data is re-checked at once.
			this.lastTick = Date.now();
			this.serverNow = this.now();
			if (hiddenFor > SLEEP_GAP_MS || this.socket?.readyState !== 1) this.reconnectNow();
			else this.resync();
		});
		on(window, 'online', () => this.reconnectNow());
		on(window, 'pageshow', () => {
			// Restored from the back/forward cache: the socket is gone.
			if (this.socket?.readyState !== 1) this.reconnectNow();
		});
	}
}

/** A delta's sections replace the snapshot's; anything else in it is ignored. */
export function applyDelta(snapshot: LiveSnapshot, delta: LiveDelta): LiveSnapshot {
	const next: LiveSnapshot = { ...snapshot };
	const target = next as unknown as Record<string, unknown>;
	const source = delta as unknown as Record<string, unknown>;
	for (const key of DELTA_SECTIONS) if (source[key] !== undefined && source[key] !== null) target[key] = source[key];
	return next;
}
