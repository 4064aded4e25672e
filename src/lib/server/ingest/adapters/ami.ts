/**
 * Asterisk Manager Interface (AMI) live adapter (issue 5, item 3): a TCP client that logs in,
 * bootstraps the live state with `QueueStatus`, keeps the link alive with `Ping`, reconnects with
 * back-off and re-bootstraps; a mapper that turns AMI queue/agent events into v1 RawEvents; and
 * `runAmiAdapter`, which wires both to a batching `send`.
 *
 * Event ids are the ones the queue_log mapper produces for the same fact (`ast-<uniqueid>-queued`,
 * `-answered`, `-ended`, `-abandoned`), so a call reported by both feeds is counted once.
 * Pure Node (`node:net`), no dependencies.
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { DEFAULT_MAX_FUTURE_MS, EventValidationError, validateEvent, type BoothState, type RawEvent } from '../events';
import { defaultBoothOf, idTime, sanitizeCode } from './asterisk';

export { defaultBoothOf, idTime, sanitizeCode } from './asterisk';

// ---------------------------------------------------------------------------------------------
// Wire format
// ---------------------------------------------------------------------------------------------

/** One AMI message: `Key: value` lines as received (the last of repeated keys wins). */
export type AmiMessage = Record<string, string>;

/** A header of an AMI message, matched case-insensitively (Asterisk versions differ: `Uniqueid`/`UniqueID`). */
export function amiField(message: AmiMessage, name: string): string | undefined {
	if (name in message) return message[name];
	const lower = name.toLowerCase();
	for (const key of Object.keys(message)) if (key.toLowerCase() === lower) return message[key];
	return undefined;
}

/** Serialises an action: `Key: value\r\n` lines ending with a blank line. */
export function formatAmiMessage(fields: Record<string, string | number>): string {
	let out = '';
	for (const [key, value] of Object.entries(fields)) out += `${key}: ${String(value).replace(/[\r\n]+/g, ' ')}\r\n`;
	return `${out}\r\n`;
}

/**
 * Incremental parser of the AMI stream: the banner line (`Asterisk Call Manager/x.y.z\r\n`) first,
 * then messages separated by a blank line. Feed it chunks as they arrive, split anywhere.
 */
export class AmiParser {
	banner: string | undefined;
	private buffer = '';

	constructor(private expectBanner = true) {}

	push(chunk: string): AmiMessage[] {
		this.buffer += chunk;
		const messages: AmiMessage[] = [];
		if (this.expectBanner && this.banner === undefined) {
			const end = this.buffer.indexOf('\n');
			if (end < 0) {
				if (this.buffer.length > 4096) throw new Error('AMI: no banner line in the first 4 KiB');
				return messages;
			}
			this.banner = this.buffer.slice(0, end).replace(/\r$/, '');
			this.buffer = this.buffer.slice(end + 1);
		}
		for (;;) {
			const match = /\r?\n\r?\n/.exec(this.buffer);
			if (!match) break;
			const block = this.buffer.slice(0, match.index);
			this.buffer = this.buffer.slice(match.index + match[0].length);
			const message = parseAmiBlock(block);
			if (message) messages.push(message);
		}
		return messages;
	}

	/** Bytes (characters) received but not yet part of a complete message. */
	get pending(): number {
		return this.buffer.length;
	}
}

/** Parses one message block (without its terminating blank line); null when it is empty. */
export function parseAmiBlock(block: string): AmiMessage | null {
	const message: AmiMessage = {};
	let any = false;
	for (const line of block.split(/\r?\n/)) {
		if (!line) continue;
		const colon = line.indexOf(':');
		if (colon <= 0) {
			// Command output without a key (Response: Follows); kept, never needed by the mapper.
			message.Output = message.Output === undefined ? line : `${message.Output}\n${line}`;
		} else {
			message[line.slice(0, colon).trim()] = line.slice(colon + 1).replace(/^ /, '');
		}
		any = true;
	}
	return any ? message : null;
}

// ---------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------

export interface AmiClientOptions {
	host: string;
	port: number;
	username: string;
	secret: string;
	/** Sent as `Events:` in the Login action when set (e.g. `agent,call`); default: the user's read permissions. */
	events?: string;
	/** Keep-alive period, ms (default 20 000). */
	pingIntervalMs?: number;
	/** How long an action may wait for its answer (login, ping, QueueStatus complete), ms (default 10 000). */
	actionTimeoutMs?: number;
	/** TCP connect timeout, ms (default 10 000). */
	connectTimeoutMs?: number;
	/** First reconnect delay, ms (default 500); doubles per failed attempt. */
	reconnectMinMs?: number;
	/** Longest reconnect delay, ms (default 30 000). */
	reconnectMaxMs?: number;
	/** Ask QueueStatus after each login (default true). */
	bootstrap?: boolean;
	/** Random source for the back-off jitter (tests). */
	random?: () => number;
}

/** Raised when Asterisk answers `Response: Error` (e.g. "Authentication failed"). */
export class AmiResponseError extends Error {
	constructor(
		message: string,
		readonly response: AmiMessage
	) {
		super(message);
	}
}

interface PendingAction {
	resolve(message: AmiMessage): void;
	reject(error: Error): void;
	timer: NodeJS.Timeout;
	/** For list actions: the event that ends the list (e.g. QueueStatusComplete). */
	completeEvent?: string;
	response?: AmiMessage;
	/** Events of the list received so far. */
	count: number;
}

/**
 * Events:
 * - `banner` (text) — the `Asterisk Call Manager/x.y.z` line;
 * - `login` () — authenticated;
 * - `event` (message, receivedAt) — every AMI event, bootstrap lists included, in arrival order;
 * - `bootstrapped` (count) — QueueStatusComplete arrived (count = events in the list);
 * - `disconnect` (error?) — the link closed;
 * - `reconnecting` (delayMs, attempt);
 * - `warning` (error) — anything that went wrong (never thrown, never an unhandled `error` event).
 */
export class AmiClient extends EventEmitter {
	readonly options: Required<Omit<AmiClientOptions, 'events'>> & { events?: string };
	private socket: net.Socket | null = null;
	private generation = 0;
	private stopped = false;
	private started = false;
	private attempt = 0;
	private actionSeq = 0;
	private pending = new Map<string, PendingAction>();
	private reconnectTimer: NodeJS.Timeout | null = null;
	private pingTimer: NodeJS.Timeout | null = null;
	private closedPromise: Promise<void> | null = null;
	/** True between a successful login and the link closing. */
	loggedIn = false;

	constructor(options: AmiClientOptions) {
		super();
		this.options = {
			pingIntervalMs: 20_000,
			actionTimeoutMs: 10_000,
			connectTimeoutMs: 10_000,
			reconnectMinMs: 500,
			reconnectMaxMs: 30_000,
			bootstrap: true,
			random: Math.random,
			...options
		};
	}

	/** Connects (and keeps reconnecting until `close()`). */
	start(): this {
		if (this.started || this.stopped) return this;
		this.started = true;
		this.connect();
		return this;
	}

	/** Stops for good: logs off when possible, closes the link, cancels every timer. */
	async close(): Promise<void> {
		if (this.stopped) return this.closedPromise ?? undefined;
		this.stopped = true;
		if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
		this.reconnectTimer = null;
		this.stopPing();
		const socket = this.socket;
		this.closedPromise = new Promise<void>((resolve) => {
			if (!socket || socket.destroyed) return resolve();
			socket.once('close', () => resolve());
			if (this.loggedIn && socket.writable) {
				try {
					socket.write(formatAmiMessage({ Action: 'Logoff', ActionID: this.nextActionId() }));
				} catch {
					/* closing anyway */
				}
				socket.end();
				setTimeout(() => socket.destroy(), 500).unref();
			} else socket.destroy();
		});
		this.failPending(new Error('AMI client closed'));
		return this.closedPromise;
	}

	/** Sends an action and resolves with its `Response` (rejects on `Response: Error` or timeout). */
	action(fields: Record<string, string | number>): Promise<AmiMessage> {
		return this.send(fields);
	}

	/**
	 * Sends a list action (QueueStatus, …) and resolves when the event `completeEvent` with the same
	 * ActionID arrives; the list's events are emitted as `event` meanwhile.
	 */
	actionList(fields: Record<string, string | number>, completeEvent: string): Promise<AmiMessage> {
		return this.send(fields, completeEvent);
	}

	private nextActionId(): string {
		this.actionSeq += 1;
		return `alo-${process.pid}-${this.actionSeq}`;
	}

	private send(fields: Record<string, string | number>, completeEvent?: string): Promise<AmiMessage> {
		const socket = this.socket;
		if (!socket || socket.destroyed || !socket.writable) return Promise.reject(new Error('AMI: not connected'));
		const actionId = this.nextActionId();
		return new Promise<AmiMessage>((resolve, reject) => {
			const timer = setTimeout(() => {
				this.pending.delete(actionId);
				reject(new Error(`AMI: no answer to ${String(fields.Action)} within ${this.options.actionTimeoutMs} ms`));
			}, this.options.actionTimeoutMs);
			this.pending.set(actionId, { resolve, reject, timer, completeEvent, count: 0 });
			socket.write(formatAmiMessage({ Action: fields.Action, ActionID: actionId, ...fields }));
		});
	}

	private connect(): void {
		if (this.stopped) return;
		const generation = ++this.generation;
		const { host, port } = this.options;
		const socket = net.createConnection({ host, port });
		this.socket = socket;
		socket.setEncoding('utf8');
		socket.setNoDelay(true);
		socket.setKeepAlive(true, 30_000);
		const parser = new AmiParser(true);
		let bannerSeen = false;
		let failure: Error | undefined;
		const connectTimer = setTimeout(() => {
			failure = new Error(`AMI: no banner from ${host}:${port} within ${this.options.connectTimeoutMs} ms`);
			socket.destroy();
		}, this.options.connectTimeoutMs);

		socket.on('data', (chunk: string) => {
			if (generation !== this.generation) return;
			const receivedAt = Date.now();
			let messages: AmiMessage[];
			try {
				messages = parser.push(chunk);
			} catch (error) {
				failure = error as Error;
				socket.destroy();
				return;
			}
			if (!bannerSeen && parser.banner !== undefined) {
				bannerSeen = true;
				clearTimeout(connectTimer);
				if (!/^Asterisk Call Manager\//i.test(parser.banner)) {
					failure = new Error(`AMI: unexpected banner "${parser.banner.slice(0, 80)}"`);
					socket.destroy();
					return;
				}
				this.emit('banner', parser.banner);
				void this.session(generation);
			}
			for (const message of messages) this.dispatch(message, receivedAt);
		});
		socket.on('error', (error) => {
			failure = error;
		});
		socket.on('close', () => {
			clearTimeout(connectTimer);
			if (generation !== this.generation) return;
			this.loggedIn = false;
			this.stopPing();
			this.failPending(failure ?? new Error('AMI: connection closed'));
			if (this.socket === socket) this.socket = null;
			if (failure) this.emit('warning', failure);
			this.emit('disconnect', failure);
			this.scheduleReconnect();
		});
	}

	/** Login, then QueueStatus, then pings; any failure drops the link (and so reconnects). */
	private async session(generation: number): Promise<void> {
		const socket = this.socket;
		try {
			const login: Record<string, string> = { Action: 'Login', Username: this.options.username, Secret: this.options.secret };
			if (this.options.events !== undefined) login.Events = this.options.events;
			await this.send(login);
			if (generation !== this.generation) return;
			this.loggedIn = true;
			this.emit('login');
			this.startPing(generation);
			if (this.options.bootstrap) {
				const complete = await this.actionList({ Action: 'QueueStatus' }, 'QueueStatusComplete');
				if (generation !== this.generation) return;
				this.attempt = 0;
				const listed = Number(amiField(complete, 'ListItems'));
				const count = Number.isFinite(listed) ? listed : this.lastListCount;
				this.emit('bootstrapped', count);
			} else this.attempt = 0;
		} catch (error) {
			if (generation !== this.generation || this.stopped) return;
			this.emit('warning', error);
			socket?.destroy();
		}
	}

	/** Events received in the most recent completed list action. */
	private lastListCount = 0;

	private dispatch(message: AmiMessage, receivedAt: number): void {
		const actionId = amiField(message, 'ActionID');
		const response = amiField(message, 'Response');
		if (response !== undefined) {
			const pending = actionId === undefined ? undefined : this.pending.get(actionId);
			if (!pending) return;
			if (/^(success|goodbye|follows)$/i.test(response)) {
				if (pending.completeEvent) {
					pending.response = message;
					return;
				}
				this.settle(actionId!, pending);
				pending.resolve(message);
			} else {
				this.settle(actionId!, pending);
				const text = amiField(message, 'Message') ?? response;
				pending.reject(new AmiResponseError(`AMI: ${text}`, message));
			}
			return;
		}
		const event = amiField(message, 'Event');
		if (event === undefined) return;
		this.emit('event', message, receivedAt);
		if (actionId !== undefined) {
			const pending = this.pending.get(actionId);
			if (pending?.completeEvent) {
				if (pending.completeEvent.toLowerCase() === event.toLowerCase()) {
					this.lastListCount = pending.count;
					this.settle(actionId, pending);
					pending.resolve(message);
				} else pending.count += 1;
			}
		}
	}

	private settle(actionId: string, pending: PendingAction): void {
		clearTimeout(pending.timer);
		this.pending.delete(actionId);
	}

	private failPending(error: Error): void {
		for (const [id, pending] of this.pending) {
			this.settle(id, pending);
			pending.reject(error);
		}
	}

	private startPing(generation: number): void {
		this.stopPing();
		this.pingTimer = setInterval(() => {
			if (generation !== this.generation) return;
			this.send({ Action: 'Ping' }).catch((error: Error) => {
				if (generation !== this.generation || this.stopped) return;
				this.emit('warning', new Error(`AMI: keep-alive failed: ${error.message}`));
				this.socket?.destroy();
			});
		}, this.options.pingIntervalMs);
		this.pingTimer.unref();
	}

	private stopPing(): void {
		if (this.pingTimer) clearInterval(this.pingTimer);
		this.pingTimer = null;
	}

	/** Exponential back-off with ±20 % jitter: 0.5 s, 1 s, 2 s … capped at 30 s. */
	reconnectDelay(attempt: number): number {
		const { reconnectMinMs, reconnectMaxMs, random } = this.options;
		const base = Math.min(reconnectMaxMs, reconnectMinMs * 2 ** Math.min(attempt, 30));
		return Math.round(Math.min(reconnectMaxMs, base * (0.8 + 0.4 * random())));
	}

	private scheduleReconnect(): void {
		if (this.stopped || this.reconnectTimer) return;
		const delay = this.reconnectDelay(this.attempt);
		this.attempt += 1;
		this.emit('reconnecting', delay, this.attempt);
		this.reconnectTimer = setTimeout(() => {
			this.reconnectTimer = null;
			this.connect();
		}, delay);
	}
}

// ---------------------------------------------------------------------------------------------
// Mapper
// ---------------------------------------------------------------------------------------------

/** The shared clean-up, as `undefined` when nothing is left (AMI headers are often absent). */
function code(value: string | undefined): string | undefined {
	return value === undefined ? undefined : sanitizeCode(value) || undefined;
}

/** Device status 0–8 of queue members → booth state; 0 (unknown) maps to nothing. */
export const MEMBER_STATUS_STATES: Record<number, BoothState | undefined> = {
	0: undefined,
	1: 'available',
	2: 'on_call',
	3: 'on_call',
	4: 'offline',
	5: 'offline',
	6: 'ringing',
	7: 'on_call',
	8: 'on_call'
};

export interface AmiMapperOptions {
	/** Written on every event when set; otherwise ingest's default applies. */
	hotline?: string;
	/** Member (its `Interface`, else `StateInterface`, else `MemberName`) → booth id. */
	boothOf?: (member: string, info: { interface?: string; memberName?: string; queue?: string }) => string | undefined;
}

/** Counters of what the mapper saw. */
export interface AmiMapperCounters {
	/** AMI events handled. */
	seen: number;
	/** v1 events produced. */
	mapped: number;
	/** AMI events that produce nothing (unknown type, QueueCallerLeave, missing fields, …). */
	ignored: number;
}

/** AMI event → v1 RawEvents. Stateful only for booth states, to keep bootstrap ids stable. */
export class AmiMapper {
	readonly counters: AmiMapperCounters = { seen: 0, mapped: 0, ignored: 0 };
	private readonly hotline?: string;
	private readonly boothOfFn: NonNullable<AmiMapperOptions['boothOf']>;
	/** Last booth.state emitted per booth: a bootstrap that finds the same state re-sends the same event. */
	private readonly boothStates = new Map<string, { state: BoothState; reason?: string; ts: number }>();

	constructor(options: AmiMapperOptions = {}) {
		this.hotline = options.hotline;
		this.boothOfFn = options.boothOf ?? ((member) => defaultBoothOf(member) || undefined);
	}

	/** Epoch ms of an event: its `Timestamp` header (timestampevents=yes), else the receive time. */
	static timestampOf(message: AmiMessage, receivedAt: number): number {
		const raw = amiField(message, 'Timestamp');
		if (raw && /^\d+(\.\d+)?$/.test(raw.trim())) {
			const [seconds, fraction = ''] = raw.trim().split('.');
			return Number(seconds) * 1000 + Number((fraction + '000').slice(0, 3));
		}
		return receivedAt;
	}

	map(message: AmiMessage, receivedAt = Date.now()): RawEvent[] {
		this.counters.seen += 1;
		const events = this.mapInner(message, receivedAt);
		if (events.length) this.counters.mapped += events.length;
		else this.counters.ignored += 1;
		return events;
	}

	private base(type: string, id: string, ts: number): RawEvent {
		const event: RawEvent = { id, type, ts };
		if (this.hotline) event.hotline = this.hotline;
		return event;
	}

	private member(message: AmiMessage): { booth?: string; operator?: string } {
		const iface = amiField(message, 'Interface') ?? amiField(message, 'Location') ?? amiField(message, 'Member');
		const stateInterface = amiField(message, 'StateInterface');
		const memberName = amiField(message, 'MemberName') ?? amiField(message, 'Name');
		const queue = amiField(message, 'Queue');
		const source = iface || stateInterface || memberName;
		const booth = source ? code(this.boothOfFn(source, { interface: iface, memberName, queue })) : undefined;
		return { booth, operator: code(memberName) };
	}

	private boothState(booth: string, state: BoothState, ts: number, reason?: string, operator?: string): RawEvent {
		const event = this.base('booth.state', `ast-booth-${booth}-${state}-${idTime(ts)}`, ts);
		event.booth = booth;
		if (operator) event.operator = operator;
		event.data = reason ? { state, reason } : { state };
		this.boothStates.set(booth, { state, reason, ts });
		return event;
	}

	/** The state a member is in from its device status and paused flag (offline wins over paused). */
	private memberState(message: AmiMessage): { state?: BoothState; reason?: string } {
		const status = Number(amiField(message, 'Status'));
		const fromStatus = Number.isInteger(status) ? MEMBER_STATUS_STATES[status] : undefined;
		const paused = amiField(message, 'Paused') === '1';
		if (fromStatus === 'offline') return { state: 'offline' };
		if (paused) return { state: 'paused', reason: code(amiField(message, 'PausedReason') ?? amiField(message, 'Reason')) };
		return { state: fromStatus };
	}

	private mapInner(message: AmiMessage, receivedAt: number): RawEvent[] {
		const name = amiField(message, 'Event');
		if (!name) return [];
		const ts = AmiMapper.timestampOf(message, receivedAt);
		const uniqueid = code(amiField(message, 'Uniqueid'));
		switch (name.toLowerCase()) {
			case 'queuecallerjoin':
			case 'join': {
				if (!uniqueid) return [];
				const event = this.base('call.queued', `ast-${uniqueid}-queued`, ts);
				event.callId = uniqueid;
				const position = Number(amiField(message, 'Position'));
				event.data = Number.isInteger(position) && position >= 0 ? { position } : {};
				return [event];
			}
			case 'queueentry': {
				// Bootstrap: a caller already waiting; queued `Wait` seconds before the answer arrived.
				if (!uniqueid) return [];
				const wait = Number(amiField(message, 'Wait'));
				const event = this.base('call.queued', `ast-${uniqueid}-queued`, receivedAt - (Number.isFinite(wait) && wait > 0 ? wait * 1000 : 0));
				event.callId = uniqueid;
				const position = Number(amiField(message, 'Position'));
				event.data = Number.isInteger(position) && position >= 0 ? { position } : {};
				return [event];
			}
			case 'queuecallerabandon': {
				if (!uniqueid) return [];
				const event = this.base('call.abandoned', `ast-${uniqueid}-abandoned`, ts);
				event.callId = uniqueid;
				return [event];
			}
			case 'queuecallerleave':
			case 'leave':
				// Leaving after a connect, or with an abandon/timeout reported by its own event.
				return [];
			case 'agentcalled': {
				const { booth, operator } = this.member(message);
				if (!uniqueid || !booth) return [];
				const ringing = this.base('call.ringing', `ast-${uniqueid}-ringing-${booth}`, ts);
				ringing.callId = uniqueid;
				ringing.booth = booth;
				if (operator) ringing.operator = operator;
				return [ringing, this.boothState(booth, 'ringing', ts, undefined, operator)];
			}
			case 'agentconnect': {
				const { booth, operator } = this.member(message);
				if (!uniqueid || !booth) return [];
				const event = this.base('call.answered', `ast-${uniqueid}-answered`, ts);
				event.callId = uniqueid;
				event.booth = booth;
				if (operator) event.operator = operator;
				return [event];
			}
			case 'agentcomplete': {
				const { booth, operator } = this.member(message);
				if (!uniqueid) return [];
				const event = this.base('call.ended', `ast-${uniqueid}-ended`, ts);
				event.callId = uniqueid;
				if (booth) event.booth = booth;
				if (operator) event.operator = operator;
				const reason = (amiField(message, 'Reason') ?? '').toLowerCase();
				event.data = reason === 'caller' ? { endedBy: 'caller' } : reason === 'agent' ? { endedBy: 'operator' } : {};
				return [event];
			}
			case 'agentringnoanswer':
			case 'agentdump': {
				const { booth, operator } = this.member(message);
				if (!booth) return [];
				return [this.boothState(booth, 'available', ts, undefined, operator)];
			}
			case 'queuememberstatus': {
				const { booth, operator } = this.member(message);
				const { state, reason } = this.memberState(message);
				if (!booth || !state) return [];
				return [this.boothState(booth, state, ts, reason, operator)];
			}
			case 'queuememberpause':
			case 'queuememberpaused': {
				const { booth, operator } = this.member(message);
				if (!booth) return [];
				if (amiField(message, 'Paused') === '1') {
					const reason = code(amiField(message, 'PausedReason') ?? amiField(message, 'Reason'));
					return [this.boothState(booth, 'paused', ts, reason, operator)];
				}
				const { state } = this.memberState(message);
				return [this.boothState(booth, state ?? 'available', ts, undefined, operator)];
			}
			case 'queuememberadded': {
				const { booth, operator } = this.member(message);
				if (!booth) return [];
				const { state, reason } = this.memberState(message);
				const added: BoothState = state === 'paused' ? 'paused' : 'available';
				return [this.boothState(booth, added, ts, added === 'paused' ? reason : undefined, operator)];
			}
			case 'queuememberremoved': {
				const { booth, operator } = this.member(message);
				if (!booth) return [];
				return [this.boothState(booth, 'offline', ts, undefined, operator)];
			}
			case 'queuemember': {
				// Bootstrap: the member's state now. The same state as last emitted re-sends the same
				// event (same id: a duplicate for ingest); a paused member dates from LastPause.
				const { booth, operator } = this.member(message);
				const { state, reason } = this.memberState(message);
				if (!booth || !state) return [];
				const known = this.boothStates.get(booth);
				let at = receivedAt;
				if (known && known.state === state && known.reason === reason) at = known.ts;
				else if (state === 'paused') {
					const lastPause = Number(amiField(message, 'LastPause'));
					if (Number.isInteger(lastPause) && lastPause > 0 && lastPause * 1000 <= receivedAt) at = lastPause * 1000;
				}
				return [this.boothState(booth, state, at, reason, operator)];
			}
			default:
				return [];
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Adapter
// ---------------------------------------------------------------------------------------------

export interface AmiAdapterOptions extends Omit<AmiClientOptions, 'random'> {
	hotline?: string;
	boothOf?: AmiMapperOptions['boothOf'];
	/** Hands a batch to ingest (HTTP POST, `ingest.accept`, …). A rejected promise is retried. */
	send(events: RawEvent[]): Promise<unknown>;
	/** Shortest time between two sends, ms (default 100). */
	batchMs?: number;
	/** Most events per send (default 5 000). */
	maxBatch?: number;
	/** Events kept while `send` fails; older ones are dropped beyond this (default 100 000). */
	maxBuffered?: number;
	/** Delay before retrying a failed send, ms (default 1 000). */
	retryMs?: number;
	/** Called for warnings (connection problems, failed sends); default: none. */
	onWarning?(error: Error): void;
	random?: () => number;
}

export interface AmiAdapterCounters {
	connects: number;
	logins: number;
	bootstraps: number;
	disconnects: number;
	/** AMI events received. */
	amiEvents: number;
	/** v1 events produced by the mapper. */
	mapped: number;
	/** AMI events that produce nothing. */
	ignored: number;
	/** Produced events that fail `validateEvent` (not sent). */
	invalid: number;
	/** Events handed to `send` successfully. */
	sent: number;
	batches: number;
	sendErrors: number;
	dropped: number;
	/** Events waiting to be sent. */
	buffered: number;
}

export interface AmiAdapter {
	readonly counters: AmiAdapterCounters;
	readonly client: AmiClient;
	readonly mapper: AmiMapper;
	/** Flushes what is buffered now (normally done every `batchMs`). */
	flush(): Promise<void>;
	/** Closes the AMI link for good and sends what is still buffered. */
	stop(): Promise<void>;
}

/** Client + mapper + batching: every AMI event becomes v1 events handed to `send`. */
export function runAmiAdapter(options: AmiAdapterOptions): AmiAdapter {
	const { send, hotline, boothOf, batchMs = 100, maxBatch = 5_000, maxBuffered = 100_000, retryMs = 1_000, onWarning, ...clientOptions } = options;
	const client = new AmiClient(clientOptions);
	const mapper = new AmiMapper({ hotline, boothOf });
	const counters: AmiAdapterCounters = {
		connects: 0,
		logins: 0,
		bootstraps: 0,
		disconnects: 0,
		amiEvents: 0,
		mapped: 0,
		ignored: 0,
		invalid: 0,
		sent: 0,
		batches: 0,
		sendErrors: 0,
		dropped: 0,
		buffered: 0
	};
	let buffer: RawEvent[] = [];
	let timer: NodeJS.Timeout | null = null;
	let inFlight: Promise<void> | null = null;
	let lastSendAt = 0;
	let stopped = false;

	const warn = (error: unknown) => onWarning?.(error instanceof Error ? error : new Error(String(error)));

	function schedule(delay?: number): void {
		if (timer || inFlight || buffer.length === 0) return;
		const wait = delay ?? Math.max(0, lastSendAt + batchMs - Date.now());
		timer = setTimeout(() => {
			timer = null;
			void flushOnce();
		}, wait);
	}

	async function flushOnce(): Promise<void> {
		if (inFlight) return inFlight;
		if (buffer.length === 0) return;
		const batch = buffer.slice(0, maxBatch);
		buffer = buffer.slice(batch.length);
		counters.buffered = buffer.length;
		lastSendAt = Date.now();
		let failed = false;
		inFlight = (async () => {
			try {
				await send(batch);
				counters.sent += batch.length;
				counters.batches += 1;
			} catch (error) {
				failed = true;
				counters.sendErrors += 1;
				warn(error);
				buffer = batch.concat(buffer);
				const excess = buffer.length - maxBuffered;
				if (excess > 0) {
					buffer = buffer.slice(excess);
					counters.dropped += excess;
				}
				counters.buffered = buffer.length;
			} finally {
				inFlight = null;
			}
		})();
		await inFlight;
		if (!stopped) schedule(failed ? retryMs : undefined);
	}

	client.on('banner', () => (counters.connects += 1));
	client.on('login', () => (counters.logins += 1));
	client.on('bootstrapped', () => (counters.bootstraps += 1));
	client.on('disconnect', () => (counters.disconnects += 1));
	client.on('warning', warn);
	client.on('event', (message: AmiMessage, receivedAt: number) => {
		counters.amiEvents += 1;
		const events = mapper.map(message, receivedAt);
		if (events.length === 0) {
			counters.ignored += 1;
			return;
		}
		const now = Date.now();
		for (const event of events) {
			try {
				validateEvent(event, { defaultHotline: hotline ?? 'default', now, maxFutureMs: DEFAULT_MAX_FUTURE_MS });
			} catch (error) {
				if (!(error instanceof EventValidationError)) throw error;
				counters.invalid += 1;
				warn(new Error(`AMI ${amiField(message, 'Event')}: ${(error as Error).message}`));
				continue;
			}
			counters.mapped += 1;
			buffer.push(event);
		}
		if (buffer.length > maxBuffered) {
			const excess = buffer.length - maxBuffered;
			buffer = buffer.slice(excess);
			counters.dropped += excess;
		}
		counters.buffered = buffer.length;
		schedule();
	});
	client.start();

	async function flush(): Promise<void> {
		if (timer) clearTimeout(timer);
		timer = null;
		while (inFlight) await inFlight.catch(() => undefined);
		while (buffer.length) {
			const before = counters.sendErrors;
			await flushOnce();
			if (counters.sendErrors !== before) break;
		}
	}

	return {
		counters,
		client,
		mapper,
		flush,
		async stop() {
			if (stopped) return;
			await client.close();
			stopped = true;
			await flush();
		}
	};
}
