import { describe, expect, it } from 'vitest';
import { CALL_CLASSES, validateEvent, type RawEvent } from '../../src/lib/server/ingest/events';
import { OPERATORS, parseDuration, simulate, type SimulateOptions } from '../../src/lib/server/simulator';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TZ = 'Europe/Tirane';
/**
 * Three local days in Tirane, 2026-03-28 to 2026-03-30: the 29th has 23 hours (change to summer
 * time), so the period is 71 h.
 */
const START = Date.parse('2026-03-28T00:00:00+01:00');
const END = Date.parse('2026-03-31T00:00:00+02:00');

function run(opts: Partial<SimulateOptions> = {}): RawEvent[] {
	return [...simulate({ start: START, durationMs: END - START, seed: 7, ...opts })];
}

const threeDays = run({ hotline: 'al-116000' });
const ts = (event: RawEvent) => event.ts as number;
const ofType = (events: RawEvent[], type: string) => events.filter((event) => event.type === type);

function byCall(events: RawEvent[]): Map<string, RawEvent[]> {
	const calls = new Map<string, RawEvent[]>();
	for (const event of events) {
		if (!event.callId) continue;
		const list = calls.get(event.callId) ?? [];
		list.push(event);
		calls.set(event.callId, list);
	}
	return calls;
}

const localParts = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' });
function local(t: number, timeZone = TZ): { date: string; hour: number } {
	const formatter = timeZone === TZ ? localParts : new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' });
	const parts = Object.fromEntries(formatter.formatToParts(t).map((part) => [part.type, part.value]));
	return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

describe('simulate: determinism and contract', () => {
	it('gives identical events for the same seed and different ones for another seed', () => {
		const oneDay = { durationMs: DAY };
		expect(run({ ...oneDay, seed: 42 })).toEqual(run({ ...oneDay, seed: 42 }));
		const other = run({ ...oneDay, seed: 43 });
		const first = run({ ...oneDay, seed: 42 });
		expect(other.map((event) => `${event.type}@${event.ts}`)).not.toEqual(first.map((event) => `${event.type}@${event.ts}`));
	});

	it('keeps the offered traffic of a seed when only the number of booths changes', () => {
		const offered = (booths: number) => ofType(run({ durationMs: DAY, booths }), 'call.offered').map((event) => [event.callId, event.ts, event.data]);
		expect(offered(6)).toEqual(offered(4));
	});

	it('emits only events that pass v1 validation, with unique ids, in non-decreasing time inside the period', () => {
		const limits = { defaultHotline: 'al-116000', now: Date.UTC(2100, 0, 1), maxFutureMs: 0 };
		for (const event of threeDays) expect(() => validateEvent(event, limits)).not.toThrow();
		for (const event of run({ durationMs: 6 * HOUR })) expect(() => validateEvent(event, limits)).not.toThrow();
		expect(new Set(threeDays.map((event) => event.id)).size).toBe(threeDays.length);
		expect(threeDays.every((event, i) => i === 0 || ts(event) >= ts(threeDays[i - 1]))).toBe(true);
		expect(threeDays.every((event) => Number.isInteger(event.ts) && ts(event) >= START && ts(event) < END)).toBe(true);
		expect(threeDays.every((event) => event.hotline === 'al-116000')).toBe(true);
		expect(threeDays[0].id).toBe(`sim-7-${START.toString(36)}-1`);
	});

	it('logs every booth in as available at the start, with booth ids 1..N and operators from the list', () => {
		const events = run({ durationMs: 2 * HOUR, booths: 5 });
		const atStart = events.filter((event) => event.ts === START && event.type === 'booth.state');
		expect(atStart.map((event) => [event.booth, event.data])).toEqual(['1', '2', '3', '4', '5'].map((booth) => [booth, { state: 'available' }]));
		const booths = new Set(events.filter((event) => event.booth).map((event) => event.booth));
		expect([...booths].sort()).toEqual(['1', '2', '3', '4', '5']);
		for (const event of events) if (event.operator) expect(OPERATORS).toContain(event.operator);
	});

	it('identifies callers by a hex hash only, and some call again', () => {
		const hashes = ofType(threeDays, 'call.offered').map((event) => (event.data as { callerHash: string }).callerHash);
		for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{32}$/);
		const repeats = hashes.length - new Set(hashes).size;
		expect(repeats / hashes.length).toBeGreaterThan(0.05);
		expect(repeats / hashes.length).toBeLessThan(0.25);
	});

	it('runs lazily without an end when durationMs is Infinity', () => {
		const stream = simulate({ start: START, durationMs: Infinity, seed: 1 });
		let count = 0;
		for (const event of stream) {
			count += 1;
			if (count === 5000 || ts(event) > START + 30 * DAY) break;
		}
		expect(count).toBe(5000);
	});

	it.each([
		[{ booths: 0 }, /booths must be a whole number from 1 to 200, got 0/],
		[{ booths: 2.5 }, /booths must be a whole number/],
		[{ durationMs: 0 }, /durationMs must be > 0/],
		[{ durationMs: Number.NaN }, /durationMs must be > 0/],
		[{ start: -1 }, /start must be epoch milliseconds ≥ 0/],
		[{ seed: -3 }, /seed must be a whole number from 0 to 4294967295/],
		[{ callsPerDay: 0 }, /callsPerDay must be a number > 0/],
		[{ timeZone: 'Mars/Olympus' }, /unknown time zone "Mars\/Olympus"/]
	])('rejects bad options %o with a clear message', (bad, message) => {
		expect(() => simulate({ start: START, durationMs: DAY, ...bad })).toThrow(message);
	});
});

describe('simulate: calls', () => {
	const calls = byCall(threeDays);

	it('follows the v1 sequence for every call (a call still open at the end may stop early)', () => {
		const sequence =
			/^offered( queued( (abandoned|timeout|ringing( answered( held( resumed)?)?( ended( classified)?)?)?)?)?)?$/;
		for (const [callId, events] of calls) {
			const types = events.map((event) => event.type.replace('call.', '')).join(' ');
			expect(types, callId).toMatch(sequence);
			expect(events.every((event, i) => i === 0 || ts(event) >= ts(events[i - 1])), callId).toBe(true);
		}
		const open = [...calls.values()].filter((events) => !['abandoned', 'timeout', 'classified'].includes(events.at(-1)!.type.replace('call.', '')));
		expect(open.length).toBeLessThan(10);
	});

	it('has abandons with no answer, a share of them short (< 5 s)', () => {
		const abandonedCalls = [...calls.values()].filter((events) => events.some((event) => event.type === 'call.abandoned'));
		for (const events of abandonedCalls) expect(events.some((event) => event.type === 'call.answered' || event.type === 'call.ringing')).toBe(false);
		const waits = abandonedCalls.map((events) => (ts(events.at(-1)!) - ts(events.find((event) => event.type === 'call.queued')!)) / 1000);
		const short = waits.filter((wait) => wait < 5).length;
		expect(abandonedCalls.length / calls.size).toBeGreaterThan(0.03);
		expect(abandonedCalls.length / calls.size).toBeLessThan(0.3);
		expect(short).toBeGreaterThan(0);
		expect(short).toBeLessThan(waits.length);
	});

	it('talks for about 4 minutes (median), holds some calls, lets both sides end calls', () => {
		const talks = [...calls.values()]
			.filter((events) => events.some((event) => event.type === 'call.ended'))
			.map((events) => (ts(events.find((event) => event.type === 'call.ended')!) - ts(events.find((event) => event.type === 'call.answered')!)) / 1000)
			.sort((a, b) => a - b);
		const median = talks[Math.floor(talks.length / 2)];
		expect(median).toBeGreaterThan(200);
		expect(median).toBeLessThan(300);
		const held = ofType(threeDays, 'call.held').length;
		expect(held / talks.length).toBeGreaterThan(0.05);
		expect(held / talks.length).toBeLessThan(0.25);
		const endedBy = new Set(ofType(threeDays, 'call.ended').map((event) => (event.data as { endedBy: string }).endedBy));
		expect([...endedBy].sort()).toEqual(['caller', 'operator']);
	});

	it('classifies answered calls with all six classes in a believable mix, ~15% with two', () => {
		const classified = ofType(threeDays, 'call.classified').map((event) => (event.data as { classes: string[] }).classes);
		const counts = Object.fromEntries(CALL_CLASSES.map((cls) => [cls, classified.filter((classes) => classes.includes(cls)).length]));
		for (const cls of CALL_CLASSES) expect(counts[cls], cls).toBeGreaterThan(0);
		expect(counts.counseling).toBeGreaterThan(counts.localization);
		expect(counts.counseling).toBeGreaterThan(counts.referral);
		expect(counts.info_parent).toBeGreaterThan(counts.referral);
		const two = classified.filter((classes) => classes.length === 2).length / classified.length;
		expect(two).toBeGreaterThan(0.1);
		expect(two).toBeLessThan(0.2);
		for (const classes of classified) expect(new Set(classes).size).toBe(classes.length);
	});

	it('times a call out after 10 minutes in an overloaded queue', () => {
		const overloaded = run({ booths: 1, durationMs: DAY });
		const timeouts = ofType(overloaded, 'call.timeout');
		expect(timeouts.length).toBeGreaterThan(0);
		const queuedAt = new Map(ofType(overloaded, 'call.queued').map((event) => [event.callId, ts(event)]));
		for (const event of timeouts) {
			expect(event.data).toEqual({ reason: 'timeout' });
			expect(ts(event) - (queuedAt.get(event.callId) as number)).toBe(10 * MINUTE);
		}
		expect(ofType(threeDays, 'call.timeout').length).toBeLessThan(5);
	});
});

describe('simulate: traffic shape', () => {
	const offered = ofType(threeDays, 'call.offered');

	it('offers about 400 calls on each local day (±25%)', () => {
		const perDay = new Map<string, number>();
		for (const event of offered) perDay.set(local(ts(event)).date, (perDay.get(local(ts(event)).date) ?? 0) + 1);
		expect([...perDay.keys()]).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
		for (const [day, count] of perDay) {
			expect(count, day).toBeGreaterThan(300);
			expect(count, day).toBeLessThan(500);
		}
	});

	it('is quiet at night (3–4 am) and busy in the afternoon (15–18 h), in local time', () => {
		const inHours = (events: RawEvent[], from: number, to: number, timeZone = TZ) =>
			events.filter((event) => {
				const hour = local(ts(event), timeZone).hour;
				return hour >= from && hour < to;
			}).length;
		const night = inHours(offered, 3, 5);
		const afternoon = inHours(offered, 15, 19);
		// Per hour, the afternoon carries well over five times the night's calls.
		expect(afternoon / 4).toBeGreaterThan((night / 2) * 5);
		const newYork = ofType(run({ timeZone: 'America/New_York' }), 'call.offered');
		expect(inHours(newYork, 15, 19, 'America/New_York') / 4).toBeGreaterThan((inHours(newYork, 3, 5, 'America/New_York') / 2) * 5);
	});

	it('scales with callsPerDay', () => {
		const busy = ofType(run({ callsPerDay: 1200, durationMs: DAY }), 'call.offered').length;
		expect(busy).toBeGreaterThan(1000);
		expect(busy).toBeLessThan(1400);
	});
});

describe('simulate: booths', () => {
	it('never has a booth on two calls at once, and booth states follow calls', () => {
		const current = new Map<string, string>();
		for (const event of threeDays) {
			if (event.type === 'call.ringing') {
				expect(current.get(event.booth!), `booth ${event.booth} at ${event.ts}`).toBeUndefined();
				current.set(event.booth!, event.callId!);
			}
			if (event.type === 'call.answered' || event.type === 'call.held' || event.type === 'call.resumed' || event.type === 'call.ended') {
				expect(current.get(event.booth!)).toBe(event.callId);
			}
			if (event.type === 'call.ended') current.delete(event.booth!);
		}
	});

	it('moves each booth through valid states: ringing → on_call → wrap_up (20–90 s) → available or paused (5–20 min)', () => {
		const allowed: Record<string, string[]> = {
			available: ['ringing', 'paused'],
			ringing: ['on_call'],
			on_call: ['wrap_up'],
			wrap_up: ['available', 'paused'],
			paused: ['available']
		};
		const last = new Map<string, { state: string; ts: number }>();
		const pauses: { reason: string; minutes: number }[] = [];
		for (const event of threeDays.filter((event) => event.type === 'booth.state')) {
			const { state, reason } = event.data as { state: string; reason?: string };
			const previous = last.get(event.booth!);
			if (previous) {
				expect(allowed[previous.state], `booth ${event.booth}: ${previous.state} → ${state}`).toContain(state);
				if (previous.state === 'wrap_up') {
					expect(ts(event) - previous.ts).toBeGreaterThanOrEqual(20_000);
					expect(ts(event) - previous.ts).toBeLessThanOrEqual(90_000);
				}
				if (previous.state === 'paused') pauses[pauses.length - 1].minutes = (ts(event) - previous.ts) / MINUTE;
			} else {
				expect(state).toBe('available');
			}
			if (state === 'paused') pauses.push({ reason: reason!, minutes: NaN });
			last.set(event.booth!, { state, ts: ts(event) });
		}
		const finished = pauses.filter((pause) => !Number.isNaN(pause.minutes));
		expect(finished.length).toBeGreaterThan(10);
		for (const pause of finished) {
			expect(pause.minutes).toBeGreaterThanOrEqual(5);
			expect(pause.minutes).toBeLessThanOrEqual(20);
		}
		expect(new Set(pauses.map((pause) => pause.reason))).toEqual(new Set(['break', 'training']));
	});

	it('classifies a call during the wrap-up that follows it', () => {
		const calls = byCall(threeDays);
		for (const events of calls.values()) {
			const ended = events.find((event) => event.type === 'call.ended');
			const classified = events.find((event) => event.type === 'call.classified');
			if (!ended || !classified) continue;
			expect(classified.booth).toBe(ended.booth);
			expect(ts(classified) - ts(ended)).toBeLessThanOrEqual(90_000);
		}
	});
});

describe('parseDuration', () => {
	it.each([
		['1d', DAY],
		['6h', 6 * HOUR],
		['90m', 90 * MINUTE],
		['30s', 30_000],
		['250ms', 250],
		['1h30m', 90 * MINUTE],
		['1.5h', 90 * MINUTE],
		[' 2d ', 2 * DAY]
	])('%s → %d ms', (text, ms) => {
		expect(parseDuration(text)).toBe(ms);
	});

	it.each(['', '10', 'h', '5x', '1 d', '-1h', '1h 30m', 'abc'])('rejects "%s" with the accepted forms', (text) => {
		expect(() => parseDuration(text)).toThrow(/invalid duration .*use a number followed by d, h, m, s or ms/);
	});
});
