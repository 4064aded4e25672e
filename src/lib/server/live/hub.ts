/**
 * The WebSocket push protocol: on connect a client gets `{type:'snapshot', seq, at, data}`, then
 * `{type:'delta', seq, at, data}` messages. Changes are coalesced so a screen gets at most one
 * message per `coalesceMs` whatever the event rate. `seq` grows by one per message to all
 * clients; a client that sees a gap (or wants a fresh view) sends `{"type":"resync"}` and gets a
 * new snapshot. Dead sockets are dropped by a ping every `heartbeatMs`.
 */
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';

/** Unsent bytes one client may have queued before it is dropped. */
const MAX_BUFFERED_BYTES = 1 << 20;

export interface LiveMessage<Snapshot, Delta> {
	type: 'snapshot' | 'delta';
	seq: number;
	/** Server time when the message was made, ISO-8601; clients correct their clock offset by it. */
	at: string;
	data: Snapshot | Delta;
}

export interface HubOptions<Snapshot, Delta> {
	snapshot(): Snapshot;
	/** Folds a newer delta into a pending one while messages are coalesced. */
	merge(pending: Delta, next: Delta): Delta;
	/** Minimum interval between two pushes, ms. */
	coalesceMs?: number;
	heartbeatMs?: number;
}

export class LiveHub<Snapshot, Delta> {
	private readonly clients = new Set<WebSocket>();
	private readonly alive = new WeakSet<WebSocket>();
	private seq = 0;
	private pending: Delta | undefined;
	private timer: NodeJS.Timeout | undefined;
	private lastPush = 0;
	private readonly heartbeat: NodeJS.Timeout;
	private readonly coalesceMs: number;
	/** The cookie each socket connected with, re-checked on every heartbeat. */
	private readonly credentials = new WeakMap<WebSocket, string | undefined>();
	private gate: ((cookie: string | undefined) => Promise<boolean>) | undefined;

	constructor(private readonly options: HubOptions<Snapshot, Delta>) {
		this.coalesceMs = options.coalesceMs ?? 250;
		this.heartbeat = setInterval(() => this.sweep(), options.heartbeatMs ?? 30_000);
		this.heartbeat.unref();
	}

	get clientCount(): number {
		return this.clients.size;
	}

	/** Serves the hub on a ws server that server.js upgrades `/ws` into (after checking the session). */
	attach(server: WebSocketServer): void {
		server.on('connection', (socket: WebSocket, request?: IncomingMessage) => {
			this.credentials.set(socket, request?.headers.cookie);
			this.add(socket);
		});
	}

	/**
	 * Re-checks every open socket's session on each heartbeat, so a revoked display or a signed-out
	 * person stops receiving live data within `heartbeatMs`.
	 */
	guard(gate: (cookie: string | undefined) => Promise<boolean>): void {
		this.gate = gate;
	}

	add(socket: WebSocket): void {
		// Changes pending before this client came go to the others first; the snapshot covers them.
		this.flushNow();
		this.clients.add(socket);
		this.alive.add(socket);
		socket.on('pong', () => this.alive.add(socket));
		socket.on('close', () => this.clients.delete(socket));
		socket.on('error', () => this.clients.delete(socket));
		// Clients may only ask for a resync; anything else closes that client alone.
		socket.on('message', (raw, isBinary) => {
			let request: { type?: unknown } | undefined;
			try {
				request = isBinary ? undefined : JSON.parse(String(raw));
			} catch {
				request = undefined;
			}
			if (request?.type === 'resync') this.sendSnapshot(socket);
			else socket.close(1003, 'only {"type":"resync"} is understood');
		});
		this.sendSnapshot(socket);
	}

	/** Queues a change; it reaches clients within `coalesceMs`, merged with others. */
	publish(delta: Delta): void {
		this.pending = this.pending === undefined ? delta : this.options.merge(this.pending, delta);
		if (this.timer) return;
		const wait = Math.max(0, this.lastPush + this.coalesceMs - Date.now());
		this.timer = setTimeout(() => this.flush(), wait);
	}

	close(): void {
		clearInterval(this.heartbeat);
		if (this.timer) clearTimeout(this.timer);
		for (const socket of this.clients) socket.close(1001, 'server shutting down');
		this.clients.clear();
	}

	private flushNow(): void {
		if (this.pending === undefined) return;
		if (this.timer) clearTimeout(this.timer);
		this.flush();
	}

	private flush(): void {
		this.timer = undefined;
		if (this.pending === undefined) return;
		const data = this.pending;
		this.pending = undefined;
		this.lastPush = Date.now();
		const message: LiveMessage<Snapshot, Delta> = { type: 'delta', seq: ++this.seq, at: new Date().toISOString(), data };
		const text = JSON.stringify(message);
		for (const socket of this.clients) {
			if (socket.readyState !== socket.OPEN) continue;
			// A client that does not read (a frozen TV, a bad network) is dropped rather than
			// buffered without end; it reconnects and resyncs. Nobody else waits for it.
			if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
				socket.terminate();
				this.clients.delete(socket);
				continue;
			}
			socket.send(text);
		}
	}

	private sendSnapshot(socket: WebSocket): void {
		// Pending changes go out first so the snapshot's seq follows every delta already counted.
		this.flushNow();
		const message: LiveMessage<Snapshot, Delta> = { type: 'snapshot', seq: this.seq, at: new Date().toISOString(), data: this.options.snapshot() };
		if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
	}

	private sweep(): void {
		if (this.gate) {
			const gate = this.gate;
			for (const socket of this.clients)
				gate(this.credentials.get(socket))
					.then((allowed) => {
						if (!allowed) socket.close(4401, 'session ended');
					})
					.catch(() => socket.close(1011, 'session check failed'));
		}
		for (const socket of this.clients) {
			if (!this.alive.has(socket)) {
				socket.terminate();
				this.clients.delete(socket);
				continue;
			}
			this.alive.delete(socket);
			socket.ping();
		}
	}
}
