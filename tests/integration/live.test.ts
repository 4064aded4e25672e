/**
 * Live state against the real stores: events move booths and the queue at once, today's figures
 * equal the KPI summary (also after a simulated day), and a restart rebuilds the same state.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, summary, summaryRequestFrom } from '../../src/lib/server/analytics';
import { startApp, type App } from '../../src/lib/server/app';
import { loadConfig } from '../../src/lib/server/config';
import { saveThreshold } from '../../src/lib/server/live';
import { simulate } from '../../src/lib/server/simulator';
import { localDateText, zonedTimeToUtc } from '../../src/lib/server/time';
import { temporaryDir } from '../helpers/server';

const TODAY_FIELDS = ['offered', 'answered', 'abandoned', 'shortAbandoned', 'timedOut', 'serviceLevel', 'serviceLevelAnswered', 'asaSeconds', 'avgTalkSeconds', 'abandonRate'] as const;
/** These grow with the clock while a booth stays in a state (wrap-up, available): compared within 5 %. */
const CLOCK_FIELDS = ['ahtSeconds', 'occupancy'] as const;
const closeTo = (actual: number | null, expected: number | null) => (actual === null || expected === null ? actual === expected : Math.abs(actual - expected) <= Math.abs(expected) * 0.05);

describe('live state', () => {
	const dataDir = temporaryDir();
	const settings = loadConfig({ DATA_DIR: dataDir });
	let app: App;
	afterAll(async () => {
		await app?.shutdown();
		rmSync(dataDir, { recursive: true, force: true });
	});

	async function todaySummary(now = Date.now()) {
		const day = localDateText(now, settings.timeZone);
		return summary(app.analytics, summaryRequestFrom(new URLSearchParams({ from: day, to: addDays(day, 1) }), { hotline: settings.hotlineId, timeZone: settings.timeZone, now }), now);
	}

	async function expectTodayMatchesSummary() {
		await app.ingest.settled();
		await app.live.projection.refresh();
		const snapshot = app.live.snapshot();
		const kpis = await todaySummary();
		for (const field of TODAY_FIELDS) expect(snapshot.today[field], field).toEqual(kpis[field]);
		for (const field of CLOCK_FIELDS) expect(closeTo(snapshot.today[field], kpis[field]), `${field}: ${snapshot.today[field]} vs ${kpis[field]}`).toBe(true);
		expect(snapshot.mix).toEqual(kpis.mix);
		return snapshot;
	}

	it('moves booths and the queue with each event and keeps today equal to the summary', async () => {
		app = await startApp(settings, { role: 'cli' });
		const now = Date.now();
		let n = 0;
		const ev = (type: string, secondsAgo: number, extra: Record<string, unknown> = {}) => ({ id: `live-${++n}`, type, ts: now - secondsAgo * 1000, ...extra });
		await app.ingest.accept([
			ev('booth.state', 120, { booth: '1', data: { state: 'available' } }),
			ev('booth.state', 120, { booth: '2', data: { state: 'available' } }),
			ev('booth.state', 120, { booth: '3', data: { state: 'available' } }),
			ev('call.queued', 30, { callId: 'c1' }),
			ev('call.ringing', 25, { callId: 'c1', booth: '2' }),
			ev('booth.state', 25, { booth: '2', data: { state: 'ringing' } }),
			ev('call.answered', 20, { callId: 'c1', booth: '2', operator: 'ana' }),
			ev('booth.state', 20, { booth: '2', data: { state: 'on_call' }, operator: 'ana' }),
			ev('call.queued', 10, { callId: 'c2' }),
			ev('booth.state', 5, { booth: '3', data: { state: 'paused', reason: 'break' } })
		]);
		let snapshot = app.live.snapshot();
		expect(snapshot.booths.map((b) => [b.id, b.state])).toEqual([['1', 'available'], ['2', 'on_call'], ['3', 'paused']]);
		expect(snapshot.booths[1]).toMatchObject({ callId: 'c1', operator: 'ana', callSince: new Date(now - 20_000).toISOString() });
		expect(snapshot.booths[2]).toMatchObject({ reason: 'break', since: new Date(now - 5000).toISOString() });
		expect(snapshot.waiting.map((w) => w.callId)).toEqual(['c2']);
		expect(snapshot.today.longestWaitSeconds).toBeGreaterThanOrEqual(10);

		await app.ingest.accept([
			ev('call.held', 15, { callId: 'c1' }),
			ev('call.resumed', 12, { callId: 'c1' }),
			ev('call.ended', 2, { callId: 'c1', booth: '2', data: { endedBy: 'caller' } }),
			ev('booth.state', 2, { booth: '2', data: { state: 'wrap_up' } }),
			ev('call.classified', 1, { callId: 'c1', data: { classes: ['counseling', 'referral'] } })
		]);
		snapshot = await expectTodayMatchesSummary();
		expect(snapshot.booths[1]).toMatchObject({ state: 'wrap_up' });
		expect(snapshot.booths[1].callId).toBeUndefined();
		expect(snapshot.today).toMatchObject({ offered: 2, answered: 1 });
		expect(snapshot.mix).toMatchObject({ counseling: 1, referral: 1 });
	});

	it('rebuilds the same live state after a restart, open alerts keeping their start', async () => {
		// A strict threshold turns the waiting call into an alarm.
		await saveThreshold(app.database.db, { id: null, name: 'test' }, 'longestWaitSeconds', 1, 2);
		await app.live.projection.setThresholds();
		await new Promise((resolve) => setTimeout(resolve, 300));
		const before = app.live.snapshot();
		expect(before.alerts.find((alert) => alert.key === 'longestWaitSeconds')).toMatchObject({ level: 'alarm', threshold: 2 });
		await app.shutdown();
		app = await startApp(settings, { role: 'cli' });
		const after = app.live.snapshot();
		expect(after.booths).toEqual(before.booths);
		expect(after.waiting.map((w) => [w.callId, w.queuedAt])).toEqual(before.waiting.map((w) => [w.callId, w.queuedAt]));
		for (const field of TODAY_FIELDS) expect(after.today[field], field).toEqual(before.today[field]);
		// AHT and occupancy run on with the clock (a wrap-up still open, booths logged in), so they
		// are compared with today's summary as of now rather than with the figures before a restart
		// of unknown length.
		const now = await todaySummary();
		for (const field of CLOCK_FIELDS) expect(closeTo(after.today[field], now[field]), `${field}: ${after.today[field]} vs ${now[field]}`).toBe(true);
		expect(after.mix).toEqual(before.mix);
		const alarm = ({ key, level, threshold, since }: { key: string; level: string; threshold: number; since: string }) => ({ key, level, threshold, since });
		expect(alarm(after.alerts.find((alert) => alert.key === 'longestWaitSeconds')!)).toEqual(alarm(before.alerts.find((alert) => alert.key === 'longestWaitSeconds')!));
	});

	it('puts a booth the console made available on a call when the PBX sends only call events', async () => {
		const t = Date.now() - 30_000;
		await app.ingest.accept([{ id: 'console-9-a', type: 'booth.state', ts: t, booth: '9', operator: 'ana', data: { state: 'available' } }]);
		await app.ingest.accept([
			{ id: 'c9-q', type: 'call.queued', ts: t + 1000, callId: 'c9' },
			{ id: 'c9-a', type: 'call.answered', ts: t + 2000, callId: 'c9', booth: '9' }
		]);
		expect(app.live.snapshot().booths.find((booth) => booth.id === '9')).toMatchObject({ state: 'on_call', callId: 'c9' });
		// A restart rebuilds the same: on the call, and available again when it ends.
		await app.ingest.settled();
		await app.live.projection.rebuild();
		expect(app.live.snapshot().booths.find((booth) => booth.id === '9')).toMatchObject({ state: 'on_call', callId: 'c9' });
		await app.ingest.accept([{ id: 'c9-e', type: 'call.ended', ts: t + 9000, callId: 'c9', booth: '9' }]);
		expect(app.live.snapshot().booths.find((booth) => booth.id === '9')).toMatchObject({ state: 'available' });
		// A pause the operator chose is not undone by a call's end.
		await app.ingest.accept([
			{ id: 'c10-q', type: 'call.queued', ts: t + 10_000, callId: 'c10' },
			{ id: 'c10-a', type: 'call.answered', ts: t + 11_000, callId: 'c10', booth: '9' },
			{ id: 'console-9-p', type: 'booth.state', ts: t + 12_000, booth: '9', data: { state: 'paused', reason: 'case_work' } },
			{ id: 'c10-e', type: 'call.ended', ts: t + 13_000, callId: 'c10', booth: '9' }
		]);
		expect(app.live.snapshot().booths.find((booth) => booth.id === '9')).toMatchObject({ state: 'paused', reason: 'case_work' });
	});

	it('shows the same figures as the summary for a simulated day', async () => {
		const now = Date.now();
		const day = localDateText(now, settings.timeZone);
		const midnight = zonedTimeToUtc({ year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) }, 0, settings.timeZone);
		const events = [...simulate({ start: midnight, durationMs: Math.max(60_000, now - midnight - 60_000), seed: 7, hotline: settings.hotlineId })];
		for (let i = 0; i < events.length; i += 5000) await app.ingest.accept(events.slice(i, i + 5000));
		const snapshot = await expectTodayMatchesSummary();
		expect(snapshot.today.offered).toBeGreaterThan(2);
		expect(snapshot.booths.length).toBeGreaterThanOrEqual(4);
	});
});
