/**
 * Call facts and KPIs against real chDB, in-process: the same figures whatever order events
 * arrive in, late events correcting earlier facts, duplicates counted once, and repair after a
 * commit interrupted between storing events and updating facts.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summary, summaryRequestFrom } from '../../src/lib/server/analytics';
import { Bus } from '../../src/lib/server/bus';
import { migrateAnalytics, openAnalytics, type Analytics } from '../../src/lib/server/clickhouse';
import { loadConfig } from '../../src/lib/server/config';
import { createIngest, type CallEvent } from '../../src/lib/server/ingest';
import { temporaryDir } from '../helpers/server';

const T0 = Date.parse('2026-11-27T09:00:00Z');
const s = (seconds: number) => T0 + seconds * 1000;

/** A small day with every kind of call, each event a v1 event. */
function scenario(hotline: string) {
	let n = 0;
	const ev = (type: string, at: number, extra: Record<string, unknown> = {}) => ({ id: `${hotline}-${++n}`, type, ts: at, hotline, ...extra });
	return [
		ev('booth.state', s(0), { booth: '1', data: { state: 'available' } }),
		ev('booth.state', s(0), { booth: '2', data: { state: 'available' } }),
		// A: queued 10 s, talk 100 s with a 20 s hold, wrap-up 30 s, two classes.
		ev('call.offered', s(5), { callId: 'A' }),
		ev('call.queued', s(10), { callId: 'A' }),
		ev('call.ringing', s(18), { callId: 'A', booth: '1' }),
		ev('booth.state', s(18), { booth: '1', data: { state: 'ringing' } }),
		ev('call.answered', s(20), { callId: 'A', booth: '1', operator: 'ana' }),
		ev('booth.state', s(20), { booth: '1', data: { state: 'on_call' } }),
		ev('call.held', s(50), { callId: 'A' }),
		ev('call.resumed', s(70), { callId: 'A' }),
		ev('call.ended', s(140), { callId: 'A', booth: '1', data: { endedBy: 'caller' } }),
		ev('booth.state', s(140), { booth: '1', data: { state: 'wrap_up' } }),
		ev('call.classified', s(150), { callId: 'A', data: { classes: ['counseling', 'info_parent'] } }),
		ev('booth.state', s(170), { booth: '1', data: { state: 'available' } }),
		// B: waits 30 s (misses SL 20 s), talk 60 s, reclassified later (last classification wins).
		ev('call.queued', s(100), { callId: 'B' }),
		ev('call.answered', s(130), { callId: 'B', booth: '2' }),
		ev('booth.state', s(130), { booth: '2', data: { state: 'on_call' } }),
		ev('call.classified', s(150), { callId: 'B', data: { classes: ['info_child'] } }),
		ev('call.ended', s(190), { callId: 'B', booth: '2', data: { endedBy: 'operator' } }),
		ev('call.classified', s(195), { callId: 'B', data: { classes: ['localization'] } }),
		ev('booth.state', s(190), { booth: '2', data: { state: 'available' } }),
		// C: abandons after 3 s (short abandon), D: abandons after 40 s, E: times out after 600 s.
		ev('call.queued', s(200), { callId: 'C' }),
		ev('call.abandoned', s(203), { callId: 'C' }),
		ev('call.queued', s(210), { callId: 'D' }),
		ev('call.abandoned', s(250), { callId: 'D' }),
		ev('call.queued', s(300), { callId: 'E' }),
		ev('call.timeout', s(900), { callId: 'E', data: { reason: 'timeout' } }),
		// F: answered without queueing (wait 0), still talking at the end of the data.
		ev('call.answered', s(1000), { callId: 'F', booth: '2' }),
		// G: only reached the IVR: not offered to the queue.
		ev('call.offered', s(1100), { callId: 'G' }),
		ev('booth.state', s(1200), { booth: '1', data: { state: 'paused', reason: 'break' } })
	];
}

function shuffled<T>(items: T[], seed: number): T[] {
	const copy = [...items];
	let state = seed;
	for (let i = copy.length - 1; i > 0; i--) {
		state = (state * 1103515245 + 12345) % 2147483648;
		const j = state % (i + 1);
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

describe('call facts and KPIs in chDB', () => {
	let dataDir: string;
	let analytics: Analytics;
	let ingest: ReturnType<typeof createIngest>;
	const settings = loadConfig({});
	const period = (hotline: string) => summaryRequestFrom(new URLSearchParams({ from: '2026-11-27', to: '2026-11-28', hotline }), { hotline, timeZone: settings.timeZone });

	beforeAll(async () => {
		dataDir = temporaryDir();
		analytics = await openAnalytics(settings.clickhouse, dataDir);
		await migrateAnalytics(analytics);
		ingest = createIngest(analytics, new Bus(), { defaultHotline: 'al-116000', dataDir });
	});
	afterAll(async () => {
		await analytics?.close();
		rmSync(dataDir, { recursive: true, force: true });
	});

	async function settledSummary(request: ReturnType<typeof period>, now: number) {
		await ingest.settled();
		return summary(analytics, request, now);
	}

	async function factsOf(hotline: string) {
		await ingest.settled();
		const result = await analytics.client.query({
			query: `SELECT call_id, outcome, wait_ms, talk_ms, hold_ms, booth, classes, sum(sign) AS net FROM call_facts
			        WHERE hotline = {h:String} GROUP BY ALL HAVING net != 0 ORDER BY call_id`,
			query_params: { h: hotline },
			format: 'JSONEachRow'
		});
		return result.json<Record<string, unknown>>();
	}

	it('computes every KPI of the contract from events in order', async () => {
		const answer = await ingest.accept(scenario('in-order'));
		expect(answer).toEqual({ accepted: 30, duplicates: 0, rejected: [] });
		const kpis = await settledSummary(period('in-order'), s(1300));
		expect(kpis).toMatchObject({ offered: 6, answered: 3, abandoned: 2, shortAbandoned: 1, timedOut: 1, waiting: 0 });
		// Waits of answered calls: A 10 s, B 30 s, F 0 s.
		expect(kpis.asaSeconds).toBeCloseTo(40 / 3, 6);
		// SL = answered within 20 s ÷ (answered + abandoned − short abandoned) = 2 ÷ (3 + 2 − 1).
		expect(kpis.serviceLevel).toBeCloseTo(2 / 4, 6);
		expect(kpis.serviceLevelAnswered).toBeCloseTo(2 / 3, 6);
		expect(kpis.abandonRate).toBeCloseTo(2 / 6, 6);
		// Completed calls A (120 s − 20 s hold) and B (60 s); F has not ended.
		expect(kpis.avgTalkSeconds).toBeCloseTo((100 + 60) / 2, 6);
		expect(kpis.avgHoldSeconds).toBeCloseTo(10, 6);
		// AHT = (talk + hold + wrap-up 30 s) ÷ completed calls.
		expect(kpis.wrapUpSeconds).toBeCloseTo(30, 6);
		expect(kpis.ahtSeconds).toBeCloseTo((100 + 60 + 20 + 30) / 2, 6);
		expect(kpis.mix).toEqual({ localization: 1, counseling: 1, info_child: 0, info_parent: 1, info_professional: 0, referral: 0 });
		expect(kpis.classified).toBe(2);
		expect(kpis.byBooth.map((b) => [b.booth, b.answered])).toEqual([['1', 1], ['2', 2]]);
		// Booth 1: available 18 s, ringing 2, on call 120, wrap-up 30, available 1030 until paused at 1200 s.
		// Booth 2: available 130, on call 60, available 1110 until now (1300 s). F's answer has no booth.state.
		const onCallAndWrap = 120 + 30 + 60;
		const loggedIn = 18 + 2 + 120 + 30 + 1030 + 130 + 60 + 1110;
		expect(kpis.occupancy).toBeCloseTo(onCallAndWrap / loggedIn, 6);
		expect(kpis.boothSeconds.paused).toBeCloseTo(100, 6);
	});

	it('gives the same facts and KPIs in reverse and shuffled order, with duplicates counted once', async () => {
		const reference = await settledSummary(period('in-order'), s(1300));
		const referenceFacts = await factsOf('in-order');
		const hotlines = ['reversed', 'shuffled'];
		await ingest.accept(scenario('reversed').reverse());
		const events = scenario('shuffled');
		for (const [index, batch] of [shuffled(events, 7).slice(0, 11), shuffled(events, 7).slice(11)].entries()) {
			const answer = await ingest.accept(batch);
			expect(answer.accepted).toBe(index === 0 ? 11 : 19);
		}
		const again = await ingest.accept(shuffled([...events, ...events], 3));
		expect(again).toEqual({ accepted: 0, duplicates: 60, rejected: [] });
		for (const hotline of hotlines) {
			const kpis = await settledSummary(period(hotline), s(1300));
			expect({ ...kpis, hotline: 'x' }).toEqual({ ...reference, hotline: 'x' });
			expect(await factsOf(hotline)).toEqual(referenceFacts);
		}
	});

	it('splits a period at any instant (rollup hours plus raw edges) and the parts add up', async () => {
		const at = (iso: string) => summaryRequestFrom(new URLSearchParams({ hotline: 'in-order', from: iso.split('/')[0], to: iso.split('/')[1] }), { hotline: 'in-order', timeZone: settings.timeZone });
		const whole = await settledSummary(period('in-order'), s(1300));
		// 10:03:25 Tirane = T0 + 205 s: A, B, C were queued before; D, E and F after.
		const before = await settledSummary(at('2026-11-27/2026-11-27T10:03:25+01:00'), s(1300));
		const after = await settledSummary(at('2026-11-27T10:03:25+01:00/2026-11-28'), s(1300));
		expect([before.offered, after.offered]).toEqual([3, 3]);
		expect([before.answered, after.answered]).toEqual([2, 1]);
		expect([before.abandoned, after.abandoned, before.shortAbandoned, after.timedOut]).toEqual([1, 1, 1, 1]);
		expect(before.offered + after.offered).toBe(whole.offered);
		expect(before.mix.counseling + after.mix.counseling).toBe(whole.mix.counseling);
		// Inside a single hour, only raw rows are read.
		const inside = await settledSummary(at('2026-11-27T10:00:05+01:00/2026-11-27T10:00:15+01:00'), s(1300));
		expect(inside).toMatchObject({ offered: 1, answered: 1, asaSeconds: 10 });
	});

	it('lets a late event correct a fact (answered first, queued arrives later)', async () => {
		const ev = (id: string, type: string, at: number, extra = {}) => ({ id, type, ts: at, hotline: 'late', callId: 'L', ...extra });
		await ingest.accept([ev('l1', 'call.answered', s(60), { booth: '1' })]);
		expect((await factsOf('late'))[0]).toMatchObject({ outcome: 'answered', wait_ms: 0 });
		await ingest.accept([ev('l2', 'call.queued', s(15))]);
		const facts = await factsOf('late');
		expect(facts).toHaveLength(1);
		expect(facts[0]).toMatchObject({ outcome: 'answered', wait_ms: 45_000, net: 1 });
		const kpis = await settledSummary(period('late'), s(100));
		expect(kpis).toMatchObject({ offered: 1, answered: 1, asaSeconds: 45 });
	});

	it('repairs call facts after a commit interrupted between the events insert and the facts update', async () => {
		const events = scenario('crashed').map((event) => event as unknown as CallEvent);
		// Events stored (as a crash right after the insert would leave them) but nothing derived
		// from them, and the journal's mark on disk.
		const receivedAt = Date.now();
		await analytics.client.insert({
			table: 'events',
			values: events.map((e) => ({ hotline: e.hotline, id: e.id, type: e.type, ts: e.ts, received_at: receivedAt, call_id: e.callId ?? '', booth: e.booth ?? '', operator: e.operator ?? '', state: (e.data as { state?: string })?.state ?? '', classes: (e.data as { classes?: string[] })?.classes ?? [], ended_by: (e.data as { endedBy?: string })?.endedBy ?? '', reason: (e.data as { reason?: string })?.reason ?? '' })),
			format: 'JSONEachRow'
		});
		writeFileSync(path.join(dataDir, 'ingest-journal.json'), JSON.stringify({ since: receivedAt }));
		expect(await factsOf('crashed')).toEqual([]);
		expect(await ingest.recover()).toBe(7);
		const reference = await settledSummary(period('in-order'), s(1300));
		const repaired = await settledSummary(period('crashed'), s(1300));
		expect({ ...repaired, hotline: 'x' }).toEqual({ ...reference, hotline: 'x' });
		// A second recovery finds nothing to do; resending the events adds nothing.
		expect(await ingest.recover()).toBe(0);
		expect(await ingest.accept(scenario('crashed'))).toEqual({ accepted: 0, duplicates: 30, rejected: [] });
	});

	it('serves concurrent writers with one group commit each, every event exactly once', async () => {
		const ev = (i: number) => ({ id: `g-${i}`, type: 'call.queued', ts: s(i), hotline: 'group', callId: `g${i % 50}` });
		const writes = Array.from({ length: 20 }, (_, w) => ingest.accept(Array.from({ length: 50 }, (_, i) => ev(w * 25 + i))));
		const answers = await Promise.all(writes);
		expect(answers.reduce((sum, a) => sum + a.accepted, 0)).toBe(20 * 25 + 25);
		expect(answers.reduce((sum, a) => sum + a.accepted + a.duplicates, 0)).toBe(1000);
		const kpis = await settledSummary(period('group'), s(2000));
		expect(kpis.offered).toBe(50);
	});
});
