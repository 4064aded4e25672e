/**
 * Simulated hotline traffic as v1 events (DESIGN.md, "Call events — contract v1"), for demos,
 * load and KPI checks: a discrete-event simulation of callers arriving, queueing FIFO, abandoning,
 * being served by N booths with holds, wrap-up and breaks. Deterministic for a seed; it never
 * sleeps — the caller paces the events it takes (e.g. by a speed factor).
 */
import { offsetFormatter, utcOffsetMs } from '../time';
import type { CallClass, RawEvent } from '../ingest/events';
import {
	CALLER_HASH_LENGTH,
	CLASS_WEIGHTS,
	HOLD,
	HOURLY_WEIGHTS,
	IVR_SECONDS,
	MAX_WAIT_SECONDS,
	OPERATORS,
	OPERATOR_ENDS_SHARE,
	PATIENCE,
	PAUSE,
	PERSISTENT_SHARE,
	REPEAT_CALLER,
	RING_SECONDS,
	SECOND_CLASS_SHARE,
	SHIFT_HOURS,
	SHIFT_START_HOURS,
	SHORT_PATIENCE,
	TALK,
	WRAP_UP_SECONDS
} from './profile';
import { chance, createRandom, exponential, hexString, lognormal, pickWeighted, uniform, type Random } from './random';

export interface SimulateOptions {
	/** Number of booths, ids '1'..'N'; default 4. */
	booths?: number;
	/** Simulated start, epoch ms. */
	start: number;
	/** Length of the simulated period, ms; Infinity for an endless stream. */
	durationMs: number;
	/** Default 1. The same seed, start and options give the same events. */
	seed?: number;
	/** Hotline id put on every event; omitted when not given (ingest applies its default). */
	hotline?: string;
	/** IANA zone whose local hours shape the daily profile; default Europe/Tirane. */
	timeZone?: string;
	/** Mean calls offered per day; default 400. */
	callsPerDay?: number;
}

/** Operator ids the simulator puts on booths (for pickers and checks). */
export { OPERATORS } from './profile';
export { simulateCases, type SimulateCasesOptions } from './cases';

export const SIMULATOR_DEFAULTS = { booths: 4, seed: 1, timeZone: 'Europe/Tirane', callsPerDay: 400 } as const;
const MAX_BOOTHS = 200;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const DURATION_UNITS: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY };

/**
 * A duration like `1d`, `6h`, `90m`, `30s`, `250ms` or a sum such as `1h30m`, in milliseconds.
 * Throws with the accepted forms on anything else.
 */
export function parseDuration(text: string): number {
	const trimmed = text.trim();
	const part = /(\d+(?:\.\d+)?)(ms|d|h|m|s)/y;
	let total = 0;
	let position = 0;
	while (position < trimmed.length) {
		part.lastIndex = position;
		const match = part.exec(trimmed);
		if (!match) break;
		total += Number(match[1]) * DURATION_UNITS[match[2]];
		position = part.lastIndex;
	}
	if (trimmed.length === 0 || position !== trimmed.length || !Number.isFinite(total))
		throw new Error(`invalid duration "${text}": use a number followed by d, h, m, s or ms (e.g. 1d, 6h, 90m, 30s, 1h30m)`);
	return Math.round(total);
}

interface SimCall {
	callId: string;
	callerHash: string;
	state: 'ivr' | 'waiting' | 'ringing' | 'talking' | 'done';
	ivrMs: number;
	patienceMs: number;
	ringMs: number;
	talkMs: number;
	hold: { afterMs: number; durationMs: number } | null;
	endedBy: 'caller' | 'operator';
	classes: CallClass[];
	wrapUpMs: number;
	/** When during wrap-up the operator saves the classification, as a fraction of it. */
	classifyAtFraction: number;
	operator: string;
}

type BoothActivity = 'available' | 'ringing' | 'on_call' | 'wrap_up' | 'paused';

interface SimBooth {
	id: string;
	index: number;
	activity: BoothActivity;
	/** When the booth last became available, for longest-idle-first routing. */
	idleSince: number;
	pauseDue: boolean;
}

type Action =
	| { kind: 'arrival' }
	| { kind: 'enqueue'; call: SimCall }
	| { kind: 'patienceEnds'; call: SimCall }
	| { kind: 'maxWait'; call: SimCall }
	| { kind: 'answer'; call: SimCall; booth: SimBooth }
	| { kind: 'hold'; call: SimCall; booth: SimBooth }
	| { kind: 'resume'; call: SimCall; booth: SimBooth }
	| { kind: 'end'; call: SimCall; booth: SimBooth }
	| { kind: 'classify'; call: SimCall; booth: SimBooth }
	| { kind: 'wrapUpEnds'; booth: SimBooth }
	| { kind: 'pauseDue'; booth: SimBooth }
	| { kind: 'pauseEnds'; booth: SimBooth };

interface Scheduled {
	at: number;
	/** Tie-breaker: actions due at the same ms run in the order they were scheduled. */
	order: number;
	action: Action;
}

/** Binary min-heap of scheduled actions by (at, order). */
class Agenda {
	private readonly items: Scheduled[] = [];
	private nextOrder = 0;

	peekTime(): number {
		return this.items.length > 0 ? this.items[0].at : Infinity;
	}

	add(at: number, action: Action): void {
		const items = this.items;
		items.push({ at: Math.round(at), order: this.nextOrder++, action });
		let i = items.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!this.before(items[i], items[parent])) break;
			[items[i], items[parent]] = [items[parent], items[i]];
			i = parent;
		}
	}

	take(): Scheduled | undefined {
		const items = this.items;
		const top = items[0];
		const last = items.pop();
		if (items.length > 0 && last) {
			items[0] = last;
			let i = 0;
			for (;;) {
				const left = 2 * i + 1;
				const right = left + 1;
				let smallest = i;
				if (left < items.length && this.before(items[left], items[smallest])) smallest = left;
				if (right < items.length && this.before(items[right], items[smallest])) smallest = right;
				if (smallest === i) break;
				[items[i], items[smallest]] = [items[smallest], items[i]];
				i = smallest;
			}
		}
		return top;
	}

	private before(a: Scheduled, b: Scheduled): boolean {
		return a.at < b.at || (a.at === b.at && a.order < b.order);
	}
}

/** Local wall-clock time of `timeZone` for instants, cached per UTC quarter hour (zone changes fall on those). */
class LocalClock {
	private readonly offsets = new Map<number, number>();

	constructor(private readonly timeZone: string) {
		offsetFormatter(timeZone);
	}

	/** Milliseconds since 1970-01-01 00:00 on the local wall clock. */
	localMs(ts: number): number {
		const quarter = Math.floor(ts / (15 * MINUTE));
		let offset = this.offsets.get(quarter);
		if (offset === undefined) {
			offset = utcOffsetMs(quarter * 15 * MINUTE, this.timeZone);
			if (this.offsets.size > 10_000) this.offsets.clear();
			this.offsets.set(quarter, offset);
		}
		return ts + offset;
	}

	hourOfDay(ts: number): number {
		return Math.floor(positiveModulo(this.localMs(ts), DAY) / HOUR);
	}
}

function positiveModulo(value: number, modulus: number): number {
	return ((value % modulus) + modulus) % modulus;
}

interface SimulationConfig {
	booths: number;
	start: number;
	/** End of the period (exclusive), epoch ms; Infinity for an endless stream. */
	end: number;
	seed: number;
	hotline: string | undefined;
	timeZone: string;
	callsPerDay: number;
}

function validate(opts: SimulateOptions): SimulationConfig {
	const booths = opts.booths ?? SIMULATOR_DEFAULTS.booths;
	const seed = opts.seed ?? SIMULATOR_DEFAULTS.seed;
	const callsPerDay = opts.callsPerDay ?? SIMULATOR_DEFAULTS.callsPerDay;
	if (!Number.isInteger(booths) || booths < 1 || booths > MAX_BOOTHS) throw new Error(`booths must be a whole number from 1 to ${MAX_BOOTHS}, got ${booths}`);
	if (!Number.isFinite(opts.start) || opts.start < 0) throw new Error(`start must be epoch milliseconds ≥ 0, got ${opts.start}`);
	if (!(opts.durationMs > 0)) throw new Error(`durationMs must be > 0 (or Infinity), got ${opts.durationMs}`);
	if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`seed must be a whole number from 0 to 4294967295, got ${seed}`);
	if (!Number.isFinite(callsPerDay) || callsPerDay <= 0) throw new Error(`callsPerDay must be a number > 0, got ${callsPerDay}`);
	const start = Math.round(opts.start);
	return {
		booths,
		start,
		end: start + opts.durationMs,
		seed,
		hotline: opts.hotline,
		timeZone: opts.timeZone ?? SIMULATOR_DEFAULTS.timeZone,
		callsPerDay
	};
}

/**
 * Simulated events from `start` for `durationMs`, in non-decreasing `ts` order (epoch ms).
 * Calls still open when the period ends stay open, as in a cut of a live stream. Ids are
 * `sim-<seed>-<start in base 36>-<n>`, so two runs with different starts do not collide.
 */
export function simulate(opts: SimulateOptions): Generator<RawEvent, void, undefined> {
	const config = validate(opts);
	return new HotlineSimulation(config).run();
}

class HotlineSimulation {
	private readonly agenda = new Agenda();
	private readonly clock: LocalClock;
	/** Arrival times and everything about a caller: independent of the booths. */
	private readonly callerRandom: Random;
	/** Breaks and their kind. */
	private readonly boothRandom: Random;
	private readonly booths: SimBooth[];
	private readonly queue: SimCall[] = [];
	private readonly recentCallers: string[] = [];
	private readonly output: RawEvent[] = [];
	private readonly idPrefix: string;
	/** Peak arrival rate, calls per ms: the envelope for thinning. */
	private readonly peakRate: number;
	private readonly hourlyRate: number[];
	private eventCount = 0;
	private callCount = 0;
	private pausedBooths = 0;

	constructor(private readonly config: SimulationConfig) {
		this.clock = new LocalClock(config.timeZone);
		this.callerRandom = createRandom(config.seed, 1);
		this.boothRandom = createRandom(config.seed, 2);
		this.idPrefix = `sim-${config.seed}-${config.start.toString(36)}`;
		const weightSum = HOURLY_WEIGHTS.reduce((sum, weight) => sum + weight, 0);
		this.hourlyRate = HOURLY_WEIGHTS.map((weight) => (config.callsPerDay * weight) / weightSum / HOUR);
		this.peakRate = Math.max(...this.hourlyRate);
		this.booths = Array.from({ length: config.booths }, (_, index) => ({
			id: String(index + 1),
			index,
			activity: 'available' as BoothActivity,
			idleSince: config.start,
			pauseDue: false
		}));
	}

	*run(): Generator<RawEvent, void, undefined> {
		const start = this.config.start;
		for (const booth of this.booths) {
			this.emitBooth(start, booth, 'available', this.shiftOperator(booth, start));
			this.agenda.add(start + uniform(this.boothRandom, PAUSE.firstAfterMinutes.min, PAUSE.firstAfterMinutes.max) * MINUTE, {
				kind: 'pauseDue',
				booth
			});
		}
		this.scheduleNextArrival(start);
		yield* this.flush();
		while (this.agenda.peekTime() < this.config.end) {
			const next = this.agenda.take() as Scheduled;
			this.handle(next.at, next.action);
			yield* this.flush();
		}
	}

	private *flush(): Generator<RawEvent, void, undefined> {
		for (const event of this.output) yield event;
		this.output.length = 0;
	}

	private handle(now: number, action: Action): void {
		switch (action.kind) {
			case 'arrival':
				if (this.callerRandom() < this.hourlyRate[this.clock.hourOfDay(now)] / this.peakRate) this.arrive(now);
				this.scheduleNextArrival(now);
				break;
			case 'enqueue':
				this.enqueue(now, action.call);
				break;
			case 'patienceEnds':
				if (action.call.state === 'waiting') this.leaveQueue(now, action.call, 'call.abandoned');
				break;
			case 'maxWait':
				if (action.call.state === 'waiting') this.leaveQueue(now, action.call, 'call.timeout');
				break;
			case 'answer':
				this.answer(now, action.call, action.booth);
				break;
			case 'hold':
				this.emitCall(now, 'call.held', action.call, action.booth);
				break;
			case 'resume':
				this.emitCall(now, 'call.resumed', action.call, action.booth);
				break;
			case 'end':
				this.endCall(now, action.call, action.booth);
				break;
			case 'classify':
				this.emitCall(now, 'call.classified', action.call, action.booth, { classes: action.call.classes });
				break;
			case 'wrapUpEnds':
				if (action.booth.pauseDue) {
					action.booth.pauseDue = false;
					if (this.tryPause(now, action.booth)) break;
				}
				this.becomeAvailable(now, action.booth);
				break;
			case 'pauseDue':
				if (action.booth.activity === 'available') this.tryPause(now, action.booth);
				else action.booth.pauseDue = true;
				break;
			case 'pauseEnds':
				this.pausedBooths -= 1;
				this.becomeAvailable(now, action.booth);
				this.agenda.add(now + uniform(this.boothRandom, PAUSE.everyMinutes.min, PAUSE.everyMinutes.max) * MINUTE, {
					kind: 'pauseDue',
					booth: action.booth
				});
				break;
		}
	}

	/** Non-homogeneous Poisson arrivals by thinning: candidates at the peak rate, kept in proportion to the hour's rate. */
	private scheduleNextArrival(now: number): void {
		this.agenda.add(now + exponential(this.callerRandom, 1 / this.peakRate), { kind: 'arrival' });
	}

	/** A caller reaches the hotline; everything about them is drawn now, from the caller stream only. */
	private arrive(now: number): void {
		const random = this.callerRandom;
		this.callCount += 1;
		const call: SimCall = {
			callId: `${this.idPrefix}-c${this.callCount}`,
			callerHash: this.callerHash(),
			state: 'ivr',
			ivrMs: uniform(random, IVR_SECONDS.min, IVR_SECONDS.max) * SECOND,
			patienceMs: this.drawPatienceMs(),
			ringMs: uniform(random, RING_SECONDS.min, RING_SECONDS.max) * SECOND,
			talkMs: Math.min(TALK.maxSeconds, Math.max(TALK.minSeconds, lognormal(random, TALK.medianSeconds, TALK.sigma))) * SECOND,
			hold: null,
			endedBy: chance(random, OPERATOR_ENDS_SHARE) ? 'operator' : 'caller',
			classes: this.drawClasses(),
			wrapUpMs: uniform(random, WRAP_UP_SECONDS.min, WRAP_UP_SECONDS.max) * SECOND,
			classifyAtFraction: uniform(random, 0.3, 0.95),
			operator: ''
		};
		if (chance(random, HOLD.share)) {
			call.hold = {
				afterMs: call.talkMs * uniform(random, HOLD.earliestFraction, HOLD.latestFraction),
				durationMs: uniform(random, HOLD.minSeconds, HOLD.maxSeconds) * SECOND
			};
		}
		this.emitCall(now, 'call.offered', call, undefined, { callerHash: call.callerHash });
		this.agenda.add(now + call.ivrMs, { kind: 'enqueue', call });
	}

	/** How long this caller waits before hanging up, ms; Infinity for one who never does. */
	private drawPatienceMs(): number {
		const random = this.callerRandom;
		const kind = random();
		if (kind < SHORT_PATIENCE.share) return uniform(random, SHORT_PATIENCE.minSeconds, SHORT_PATIENCE.maxSeconds) * SECOND;
		if (kind < SHORT_PATIENCE.share + PERSISTENT_SHARE) return Infinity;
		return lognormal(random, PATIENCE.medianSeconds, PATIENCE.sigma) * SECOND;
	}

	/** A keyed-hash-like id of the caller (never a number); some callers call again. */
	private callerHash(): string {
		const random = this.callerRandom;
		if (this.recentCallers.length > 0 && chance(random, REPEAT_CALLER.share))
			return this.recentCallers[Math.floor(random() * this.recentCallers.length)];
		const hash = hexString(random, CALLER_HASH_LENGTH);
		this.recentCallers.push(hash);
		if (this.recentCallers.length > REPEAT_CALLER.memory) this.recentCallers.shift();
		return hash;
	}

	private drawClasses(): CallClass[] {
		const random = this.callerRandom;
		const first = pickWeighted(random, CLASS_WEIGHTS);
		if (!chance(random, SECOND_CLASS_SHARE)) return [first];
		return [first, pickWeighted(random, CLASS_WEIGHTS.filter(([cls]) => cls !== first))];
	}

	private enqueue(now: number, call: SimCall): void {
		call.state = 'waiting';
		this.queue.push(call);
		this.emitCall(now, 'call.queued', call, undefined, { position: this.queue.length });
		if (call.patienceMs < MAX_WAIT_SECONDS * SECOND) this.agenda.add(now + call.patienceMs, { kind: 'patienceEnds', call });
		else this.agenda.add(now + MAX_WAIT_SECONDS * SECOND, { kind: 'maxWait', call });
		this.dispatch(now);
	}

	private leaveQueue(now: number, call: SimCall, type: 'call.abandoned' | 'call.timeout'): void {
		call.state = 'done';
		this.queue.splice(this.queue.indexOf(call), 1);
		this.emitCall(now, type, call, undefined, type === 'call.timeout' ? { reason: 'timeout' } : undefined);
	}

	/** FIFO queue to the booth that has been idle longest. */
	private dispatch(now: number): void {
		while (this.queue.length > 0) {
			let booth: SimBooth | undefined;
			for (const candidate of this.booths) {
				if (candidate.activity === 'available' && (!booth || candidate.idleSince < booth.idleSince)) booth = candidate;
			}
			if (!booth) return;
			const call = this.queue.shift() as SimCall;
			call.state = 'ringing';
			call.operator = this.shiftOperator(booth, now);
			booth.activity = 'ringing';
			this.emitCall(now, 'call.ringing', call, booth);
			this.emitBooth(now, booth, 'ringing', call.operator);
			this.agenda.add(now + call.ringMs, { kind: 'answer', call, booth });
		}
	}

	private answer(now: number, call: SimCall, booth: SimBooth): void {
		call.state = 'talking';
		booth.activity = 'on_call';
		this.emitCall(now, 'call.answered', call, booth);
		this.emitBooth(now, booth, 'on_call', call.operator);
		let talkEnd = now + call.talkMs;
		if (call.hold) {
			const heldAt = now + call.hold.afterMs;
			this.agenda.add(heldAt, { kind: 'hold', call, booth });
			this.agenda.add(heldAt + call.hold.durationMs, { kind: 'resume', call, booth });
			talkEnd += call.hold.durationMs;
		}
		this.agenda.add(talkEnd, { kind: 'end', call, booth });
	}

	private endCall(now: number, call: SimCall, booth: SimBooth): void {
		call.state = 'done';
		booth.activity = 'wrap_up';
		this.emitCall(now, 'call.ended', call, booth, { endedBy: call.endedBy });
		this.emitBooth(now, booth, 'wrap_up', call.operator);
		this.agenda.add(now + call.wrapUpMs * call.classifyAtFraction, { kind: 'classify', call, booth });
		this.agenda.add(now + call.wrapUpMs, { kind: 'wrapUpEnds', booth });
	}

	/**
	 * A booth with a break due and no call: it pauses if no other booth is paused, otherwise the
	 * break is put off by a few minutes. Returns whether it paused.
	 */
	private tryPause(now: number, booth: SimBooth): boolean {
		if (this.pausedBooths > 0) {
			this.agenda.add(now + PAUSE.retryMinutes * MINUTE, { kind: 'pauseDue', booth });
			return false;
		}
		this.pausedBooths += 1;
		booth.activity = 'paused';
		const reason = chance(this.boothRandom, PAUSE.trainingShare) ? 'training' : 'break';
		this.emitBooth(now, booth, 'paused', this.shiftOperator(booth, now), reason);
		this.agenda.add(now + uniform(this.boothRandom, PAUSE.lengthMinutes.min, PAUSE.lengthMinutes.max) * MINUTE, { kind: 'pauseEnds', booth });
		return true;
	}

	private becomeAvailable(now: number, booth: SimBooth): void {
		booth.activity = 'available';
		booth.idleSince = now;
		this.emitBooth(now, booth, 'available', this.shiftOperator(booth, now));
		this.dispatch(now);
	}

	/** Who sits at a booth: three local 8-hour shifts a day, each with its own team. */
	private shiftOperator(booth: SimBooth, ts: number): string {
		const hoursSinceFirstShift = (this.clock.localMs(ts) - SHIFT_START_HOURS[0] * HOUR) / HOUR;
		const shift = positiveModulo(Math.floor(hoursSinceFirstShift / SHIFT_HOURS), SHIFT_START_HOURS.length);
		return OPERATORS[(shift * this.booths.length + booth.index) % OPERATORS.length];
	}

	private nextId(): string {
		this.eventCount += 1;
		return `${this.idPrefix}-${this.eventCount}`;
	}

	private emitCall(now: number, type: string, call: SimCall, booth?: SimBooth, data?: Record<string, unknown>): void {
		const event: RawEvent = { id: this.nextId(), type, ts: now };
		if (this.config.hotline !== undefined) event.hotline = this.config.hotline;
		event.callId = call.callId;
		if (booth) {
			event.booth = booth.id;
			event.operator = call.operator;
		}
		if (data) event.data = data;
		this.output.push(event);
	}

	private emitBooth(now: number, booth: SimBooth, state: BoothActivity, operator: string, reason?: string): void {
		const event: RawEvent = { id: this.nextId(), type: 'booth.state', ts: now };
		if (this.config.hotline !== undefined) event.hotline = this.config.hotline;
		event.booth = booth.id;
		event.operator = operator;
		event.data = reason ? { state, reason } : { state };
		this.output.push(event);
	}
}
