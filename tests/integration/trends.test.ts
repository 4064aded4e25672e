/**
 * Trends and advocacy reports on the real engines: simulated calls and case events go in through
 * ingest; the trends agree with the KPI summary, case figures count the case events, advocacy
 * figures are protected (never 1–4, rounded to 5, whole months, so differencing two overlapping
 * ranges never yields a small cell), the cache serves repeats and forgets when data lands, and
 * the annual exports add up.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, summary, timeseries, trendRequestFrom, type TrendResult } from '../../src/lib/server/analytics';
import { startApp, type App } from '../../src/lib/server/app';
import { loadConfig } from '../../src/lib/server/config';
import { annualExports, parseTrendsQuery, type TrendsData } from '../../src/lib/server/reports';
import { simulate, simulateCases } from '../../src/lib/server/simulator';
import { temporaryDir } from '../helpers/server';

const START = Date.parse('2026-06-01T00:00:00+02:00');
const DAYS = 61;
const TARGETS = { targets: { serviceLevel: 0.8, asaSeconds: 20 } };

describe('trends and reports', () => {
	const dataDir = temporaryDir();
	let app: App;
	let caseEvents: { type: string; ts: number | string; data?: Record<string, unknown> }[];

	beforeAll(async () => {
		app = await startApp(loadConfig({ DATA_DIR: dataDir }), { role: 'cli' });
		const calls = [...simulate({ start: START, durationMs: DAYS * 86_400_000, seed: 3, callsPerDay: 60 })];
		caseEvents = [...simulateCases({ start: START, durationMs: DAYS * 86_400_000, seed: 3, casesPerDay: 2 })];
		for (let i = 0; i < calls.length; i += 10_000) await app.ingest.accept(calls.slice(i, i + 10_000));
		await app.ingest.accept(caseEvents);
		await app.ingest.settled();
	}, 240_000);
	afterAll(async () => {
		await app?.shutdown();
		rmSync(dataDir, { recursive: true, force: true });
	});

	const request = (query: string) => trendRequestFrom(new URLSearchParams(query), { hotline: app.settings.hotlineId, timeZone: app.settings.timeZone });
	const sumOf = (result: TrendResult) => ('points' in result ? result.points : Object.values(result.series).flat()).reduce((total, point) => total + (point.value ?? 0), 0);

	it('adds up to the KPI summary over the same period, whatever the granularity', async () => {
		const kpis = await summary(app.analytics, { hotline: app.settings.hotlineId, from: '2026-06-01', to: '2026-08-01', timeZone: app.settings.timeZone, slThreshold: 20, shortAbandon: 5 });
		expect(kpis.offered).toBeGreaterThan(2500);
		for (const granularity of ['hour', 'day', 'week', 'month'])
			expect(sumOf(await timeseries(app.analytics, request(`metric=offered&from=2026-06-01&to=2026-08-01&granularity=${granularity}`))), granularity).toBe(kpis.offered);
		const byBooth = await timeseries(app.analytics, request('metric=answered&from=2026-06-01&to=2026-08-01&granularity=month&by=booth'));
		expect(sumOf(byBooth)).toBe(kpis.answered);
		const mix = await timeseries(app.analytics, request('metric=mix&from=2026-06-01&to=2026-08-01&granularity=month&by=class'));
		expect('series' in mix && mix.series.counseling.reduce((s, p) => s + (p.value ?? 0), 0)).toBe(kpis.mix.counseling);
		const monthly = await timeseries(app.analytics, request('metric=serviceLevel&from=2026-06-01&to=2026-07-01&granularity=month'));
		const june = await summary(app.analytics, { hotline: app.settings.hotlineId, from: '2026-06-01', to: '2026-07-01', timeZone: app.settings.timeZone, slThreshold: 20, shortAbandon: 5 });
		expect('points' in monthly && monthly.points[0].value).toBeCloseTo(june.serviceLevel!, 12);
		// Zero-filled: days with no calls are there, with 0.
		const empty = await timeseries(app.analytics, request('metric=offered&from=2026-09-01&to=2026-09-08&granularity=day'));
		expect('points' in empty && empty.points.map((p) => p.value)).toEqual([0, 0, 0, 0, 0, 0, 0]);
	});

	it('gives occupancy and AHT over time as the summary gives them for each period', async () => {
		const period = (from: string, to: string) => summary(app.analytics, { hotline: app.settings.hotlineId, from, to, timeZone: app.settings.timeZone, ...app.settings.kpi });
		const pointsOf = (result: TrendResult) => ('points' in result ? result.points : []);
		const june = await period('2026-06-01', '2026-07-01');
		expect(june.occupancy).toBeGreaterThan(0.05);
		expect(pointsOf(await timeseries(app.analytics, request('metric=occupancy&from=2026-06-01&to=2026-07-01&granularity=month')))[0].value).toBeCloseTo(june.occupancy!, 9);
		expect(pointsOf(await timeseries(app.analytics, request('metric=ahtSeconds&from=2026-06-01&to=2026-07-01&granularity=month')))[0].value).toBeCloseTo(june.ahtSeconds!, 6);
		// Day by day: states running past midnight are cut there, so each day is that day's summary.
		const days = pointsOf(await timeseries(app.analytics, request('metric=occupancy&from=2026-06-08&to=2026-06-15&granularity=day')));
		const aht = pointsOf(await timeseries(app.analytics, request('metric=ahtSeconds&from=2026-06-08&to=2026-06-15&granularity=day')));
		for (const [i, day] of ['2026-06-08', '2026-06-11', '2026-06-14'].entries()) {
			const index = [0, 3, 6][i];
			const one = await period(day, addDays(day, 1));
			expect(days[index].value, day).toBeCloseTo(one.occupancy!, 9);
			expect(aht[index].value, day).toBeCloseTo(one.ahtSeconds!, 6);
		}
		// Hour by hour too (a booth's state often runs past the hour).
		const hours = pointsOf(await timeseries(app.analytics, request('metric=occupancy&from=2026-06-10&to=2026-06-11&granularity=hour')));
		for (const hour of [9, 10, 17]) {
			const at = (h: number) => `2026-06-10T${String(h).padStart(2, '0')}:00:00+02:00`;
			expect(hours[hour].value, at(hour)).toBeCloseTo((await period(at(hour), at(hour + 1))).occupancy!, 9);
		}
		// Per booth, as the summary's booth state time says.
		const byBooth = await timeseries(app.analytics, request('metric=occupancy&from=2026-06-01&to=2026-07-01&granularity=month&by=booth'));
		const boothOne = june.byBooth.find((booth) => booth.booth === '1')!.stateSeconds;
		const busy = (boothOne.on_call ?? 0) + (boothOne.wrap_up ?? 0);
		expect('series' in byBooth && byBooth.series['1'][0].value).toBeCloseTo(busy / (busy + (boothOne.available ?? 0) + (boothOne.ringing ?? 0)), 4);
	});

	it('shares the answered calls out among the operators who took them, with their occupancy', async () => {
		const settings = { timeZone: app.settings.timeZone, audience: 'management' as const, hotline: app.settings.hotlineId };
		const query = parseTrendsQuery(new URLSearchParams('preset=custom&from=2026-06-01&to=2026-07-01'), settings);
		const data = await app.trends.load(query, 'management', TARGETS);
		const june = await summary(app.analytics, { hotline: app.settings.hotlineId, from: '2026-06-01', to: '2026-07-01', timeZone: app.settings.timeZone, ...app.settings.kpi });
		const operators = data.operators!;
		expect(operators.length).toBeGreaterThan(3);
		// The simulator names an operator on every answered call and every booth state.
		expect(operators.reduce((total, row) => total + row.answered, 0)).toBe(june.answered);
		expect(operators.reduce((total, row) => total + row.talkSeconds, 0)).toBeCloseTo(june.byBooth.reduce((total, booth) => total + booth.talkSeconds, 0), -2);
		for (const row of operators) {
			expect(row.occupancy, row.operator).not.toBeNull();
			expect(row.occupancy!).toBeGreaterThan(0);
			expect(row.occupancy!).toBeLessThanOrEqual(1);
		}
		// One booth: only what its operators did there.
		const boothOne = await app.trends.load(parseTrendsQuery(new URLSearchParams('preset=custom&from=2026-06-01&to=2026-07-01&booth=1'), settings), 'management', TARGETS);
		expect(boothOne.operators!.reduce((total, row) => total + row.answered, 0)).toBe(june.byBooth.find((booth) => booth.booth === '1')!.answered);
		// Advocacy never sees people's workload.
		const advocacy = await app.trends.load(parseTrendsQuery(new URLSearchParams('preset=custom&from=2026-06-01&to=2026-07-01'), { ...settings, audience: 'advocacy' }), 'advocacy', TARGETS);
		expect(advocacy.operators).toBeNull();
		// Occupancy over time, management only, each bucket as the timeseries gives it.
		const occupancy = await timeseries(app.analytics, request(`metric=occupancy&from=2026-06-01&to=2026-07-01&granularity=${query.granularity}`));
		expect(data.occupancy).toEqual('points' in occupancy ? occupancy.points : null);
		expect(data.occupancy!.some((point) => point.value !== null && point.value > 0)).toBe(true);
		expect(advocacy.occupancy).toBeNull();
	});

	it('counts case events by code', async () => {
		const opened = caseEvents.filter((event) => event.type === 'case.opened');
		const located = caseEvents.filter((event) => event.type === 'case.located');
		const byType = await timeseries(app.analytics, request('metric=casesOpened&from=2026-06-01&to=2026-08-01&granularity=month&by=missingType'));
		expect(sumOf(byType)).toBe(opened.length);
		expect('series' in byType && byType.series.runaway.reduce((s, p) => s + (p.value ?? 0), 0)).toBe(opened.filter((event) => event.data?.missingType === 'runaway').length);
		expect(sumOf(await timeseries(app.analytics, request('metric=casesLocated&from=2026-06-01&to=2026-08-15&granularity=week&by=status')))).toBe(
			located.filter((event) => Number(event.ts) < Date.parse('2026-08-15T00:00:00+02:00')).length
		);
		const repeats = opened.filter((event) => Number(event.data?.episode) > 1).length;
		expect(sumOf(await timeseries(app.analytics, request('metric=repeatEpisodes&from=2026-06-01&to=2026-08-01&granularity=month')))).toBe(repeats);
		const late = caseEvents.filter((event) => event.type === 'case.partner_responded' && Number(event.data?.durationSeconds) > Number(event.data?.expectedSeconds));
		expect(sumOf(await timeseries(app.analytics, request('metric=lateResponses&from=2026-06-01&to=2026-09-01&granularity=year&by=partner')))).toBe(late.length);
	});

	function advocacyNumbers(data: TrendsData): number[] {
		const numbers: number[] = [];
		const walk = (value: unknown, key = '') => {
			if (Array.isArray(value)) value.forEach((item) => walk(item, key));
			else if (value && typeof value === 'object') for (const [name, inner] of Object.entries(value)) walk(inner, name);
			else if (typeof value === 'number' && ['value', 'count', 'offered', 'answered', 'abandoned', 'responses', 'late'].includes(key)) {
				numbers.push(value);
			}
		};
		walk({ volume: data.volume, heatmap: data.heatmap, mix: data.mix.counts, waits: data.waits, talks: data.talks, cases: { ...data.cases, timeToLocate: data.cases.timeToLocate } });
		return numbers;
	}

	it('shows advocacy only protected counts, in whole months, and no workload', async () => {
		const query = parseTrendsQuery(new URLSearchParams('preset=custom&from=2026-06-03&to=2026-07-20'), { timeZone: app.settings.timeZone, audience: 'advocacy', hotline: app.settings.hotlineId });
		expect([query.from, query.to, query.granularity]).toEqual(['2026-06-01', '2026-08-01', 'month']);
		const data = await app.trends.load(query, 'advocacy', TARGETS);
		expect(data.workload).toBeNull();
		expect(data.cases.overdueReferrals).toBeNull();
		const numbers = advocacyNumbers(data);
		expect(numbers.length).toBeGreaterThan(100);
		for (const n of numbers) expect(n === 0 || (n >= 5 && n % 5 === 0), String(n)).toBe(true);
		const suppressed = JSON.stringify(data).match(/"suppressed":true/g) ?? [];
		expect(suppressed.length).toBeGreaterThan(0);
		const management = await app.trends.load({ ...query }, 'management', TARGETS);
		expect(management.workload?.length).toBeGreaterThan(0);
	});

	it('cannot recover a small cell by differencing two overlapping advocacy ranges', async () => {
		// Each month's protected count, and every range made of whole months: any difference of
		// two ranges is a difference of protected figures (multiples of 5), never 1–4.
		const total = async (from: string, to: string) => {
			const query = parseTrendsQuery(new URLSearchParams(`preset=custom&from=${from}&to=${to}&granularity=year`), { timeZone: app.settings.timeZone, audience: 'advocacy', hotline: app.settings.hotlineId });
			const data = await app.trends.load(query, 'advocacy', TARGETS);
			return Object.values(data.cases.openedByType).flat().reduce((sum, point) => sum + (point.value ?? 0), 0);
		};
		const whole = await total('2026-06-01', '2026-08-01');
		const shifted = await total('2026-06-02', '2026-08-01');
		const later = await total('2026-07-01', '2026-08-01');
		expect(shifted).toBe(whole);
		for (const difference of [whole - later, whole - shifted]) expect(Math.abs(difference) % 5).toBe(0);
	});

	it('serves a repeated query from the cache until data lands in its period', async () => {
		const query = parseTrendsQuery(new URLSearchParams('preset=custom&from=2026-06-01&to=2026-07-01'), { timeZone: app.settings.timeZone, audience: 'management', hotline: app.settings.hotlineId });
		await app.trends.load(query, 'management', TARGETS);
		const { hits, misses } = app.trendCache;
		const again = await app.trends.load(query, 'management', TARGETS);
		expect(app.trendCache.misses).toBe(misses);
		expect(app.trendCache.hits).toBeGreaterThan(hits);
		const before = again.volume.offered.reduce((s, p) => s + (p.value ?? 0), 0);
		// Read at once, before the call is derived into the rollup: the figures wait for it.
		await app.ingest.accept([{ id: 'late-1-q', type: 'call.queued', ts: Date.parse('2026-06-15T10:00:00+02:00'), callId: 'late-1' }]);
		const after = await app.trends.load(query, 'management', TARGETS);
		expect(after.volume.offered.reduce((s, p) => s + (p.value ?? 0), 0)).toBe(before + 1);
	});

	it('shows another hotline with figures on request, and refuses one without', async () => {
		const other = 'xk-116111';
		const calls = [...simulate({ start: START, durationMs: 3 * 86_400_000, seed: 9, callsPerDay: 40 })].map((event) => ({ ...event, id: `${other}-${event.id}`, hotline: other, ...('callId' in event ? { callId: `${other}-${event.callId}` } : {}) }));
		await app.ingest.accept(calls);
		await app.ingest.settled();
		const hotlines = await app.trends.hotlines();
		expect(hotlines).toEqual([app.settings.hotlineId, other].sort());
		const settings = { timeZone: app.settings.timeZone, audience: 'management' as const, hotline: app.settings.hotlineId, hotlines };
		const period = 'preset=custom&from=2026-06-01&to=2026-06-05';
		const query = parseTrendsQuery(new URLSearchParams(`${period}&hotline=${other}`), settings);
		const theirs = await app.trends.load(query, 'management', TARGETS);
		const kpis = await summary(app.analytics, { hotline: other, from: '2026-06-01', to: '2026-06-05', timeZone: app.settings.timeZone, ...app.settings.kpi });
		expect(kpis.offered).toBeGreaterThan(50);
		expect(theirs.volume.offered.reduce((s, p) => s + (p.value ?? 0), 0)).toBe(kpis.offered);
		expect(theirs.otherHotline).toBe(true);
		// This server's cases and partners are its own hotline's: not shown as the other's.
		expect(theirs.cases.overdueReferrals).toBeNull();
		const ours = await app.trends.load(parseTrendsQuery(new URLSearchParams(period), settings), 'management', TARGETS);
		expect(ours.otherHotline).toBe(false);
		expect(ours.volume.offered.reduce((s, p) => s + (p.value ?? 0), 0)).not.toBe(kpis.offered);
		expect(() => parseTrendsQuery(new URLSearchParams(`${period}&hotline=al-116111`), settings)).toThrow(/has no figures here/);
	});

	it('makes the annual exports, exact for management and protected for advocacy', async () => {
		const exact = await annualExports(app.analytics, { hotline: app.settings.hotlineId, timeZone: app.settings.timeZone, kpi: app.settings.kpi }, 2026, false);
		const opened = caseEvents.filter((event) => event.type === 'case.opened').length;
		expect(exact.mce.cases).toBe(opened);
		expect(Object.values(exact.mce.casesByType).reduce((s: number, n) => s + (n ?? 0), 0)).toBe(opened);
		expect(exact.mce.foundShare).toBeGreaterThan(0.5);
		const protectedExports = await annualExports(app.analytics, { hotline: app.settings.hotlineId, timeZone: app.settings.timeZone, kpi: app.settings.kpi }, 2026, true);
		for (const value of [...Object.values(protectedExports.mce.casesByType), ...Object.values(protectedExports.chi.contactsByCategory)])
			expect(value === null || value === 0 || (value >= 5 && value % 5 === 0)).toBe(true);
	});
});
