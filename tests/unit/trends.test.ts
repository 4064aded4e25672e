/**
 * Trend helpers without a database: buckets in the hotline's time zone (across daylight-saving
 * changes, weeks from Monday), CSV, and the advocacy protection of small cells.
 */
import { describe, expect, it } from 'vitest';
import { alignToMonths, bucketLabel, bucketStarts, protectCount, protectMean, protectResult, trendCsv, trendRequestFrom, type TrendResult } from '../../src/lib/server/analytics';

const TZ = 'Europe/Tirane';
const labels = (from: string, to: string, granularity: 'hour' | 'day' | 'week' | 'month' | 'year') =>
	bucketStarts({ from, to, timeZone: TZ, granularity }).map((ms) => bucketLabel(ms, granularity, TZ));

describe('buckets', () => {
	it('counts days, weeks from Monday, months and years in the hotline time zone', () => {
		expect(labels('2026-03-28', '2026-03-31', 'day')).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
		expect(labels('2026-11-25', '2026-12-10', 'week')).toEqual(['2026-11-23', '2026-11-30', '2026-12-07']);
		expect(labels('2026-01-15', '2026-04-01', 'month')).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
		expect(labels('2025-06-01', '2027-01-01', 'year')).toEqual(['2025-01-01', '2026-01-01']);
	});

	it('has 23 hours on the spring-forward day and 25 on the fall-back day, labelled with their offsets', () => {
		const spring = labels('2026-03-29', '2026-03-30', 'hour');
		expect(spring).toHaveLength(23);
		expect(spring.slice(1, 3)).toEqual(['2026-03-29T01:00:00+01:00', '2026-03-29T03:00:00+02:00']);
		const autumn = labels('2026-10-25', '2026-10-26', 'hour');
		expect(autumn).toHaveLength(25);
		expect(autumn.slice(2, 4)).toEqual(['2026-10-25T02:00:00+02:00', '2026-10-25T02:00:00+01:00']);
	});

	it('refuses unknown metrics, breakdowns that do not apply, and too many buckets', () => {
		const request = (query: string) => () => trendRequestFrom(new URLSearchParams(query), { hotline: 'al-116000', timeZone: TZ });
		expect(request('metric=offered&from=2026-01-01&to=2026-02-01')().granularity).toBe('day');
		expect(request('metric=calls&from=2026-01-01&to=2026-02-01')).toThrow(/metric must be one of/);
		expect(request('metric=asaSeconds&from=2026-01-01&to=2026-02-01&by=missingType')).toThrow(/does not apply/);
		expect(request('metric=offered&from=2020-01-01&to=2026-02-01&granularity=hour')).toThrow(/too many/);
		expect(request('metric=offered&from=2026-02-01&to=2026-01-01')).toThrow(/must be after/);
	});
});

describe('CSV', () => {
	it('writes one row per bucket and round-trips', () => {
		const result: TrendResult = { metric: 'mix', granularity: 'day', from: '2026-01-01', to: '2026-01-03', timeZone: TZ, by: 'class', series: { counseling: [{ t: '2026-01-01', value: 3 }, { t: '2026-01-02', value: 0 }], 'a,b': [{ t: '2026-01-01', value: 1.5 }, { t: '2026-01-02', value: null }] } };
		const csv = trendCsv(result);
		expect(csv).toBe('t,counseling,"a,b"\r\n2026-01-01,3,1.5\r\n2026-01-02,0,\r\n');
	});
});

describe('advocacy protection', () => {
	it('never shows a count from 1 to 4 and rounds the rest to 5', () => {
		expect([0, 1, 4, 5, 7, 8, 12, 13].map((n) => protectCount(n).value)).toEqual([0, null, null, 5, 5, 10, 10, 15]);
		expect(protectCount(3).suppressed).toBe(true);
		expect(protectMean(1234, 4)).toEqual({ value: null, suppressed: true });
		expect(protectMean(1234, 5)).toEqual({ value: 1234 });
	});

	it('protects every cell and total of a count series, shown as <5 in CSV', () => {
		const result: TrendResult = { metric: 'casesOpened', granularity: 'month', from: '2026-01-01', to: '2026-03-01', timeZone: TZ, by: 'missingType', series: { runaway: [{ t: '2026-01-01', value: 3 }, { t: '2026-02-01', value: 11 }], other: [{ t: '2026-01-01', value: 1 }, { t: '2026-02-01', value: 2 }] } };
		const safe = protectResult(result, 'casesOpened');
		const cells = Object.values((safe as { series: Record<string, { value: number | null }[]> }).series).flat();
		for (const cell of cells) expect(cell.value === null || (cell.value >= 5 && cell.value % 5 === 0) || cell.value === 0).toBe(true);
		expect(safe.totals).toMatchObject({ runaway: { value: 15 }, other: { value: null, suppressed: true } });
		expect(trendCsv(safe)).toContain('2026-01-01,<5,<5');
		expect(trendCsv(safe)).toContain('total,15,<5');
		// Rates are not counts: left as they are.
		const rate: TrendResult = { ...result, metric: 'serviceLevel' };
		expect(protectResult(rate, 'serviceLevel').protected).toBe(false);
	});

	it('aligns periods to whole months so overlapping ranges differ by whole protected months', () => {
		expect(alignToMonths('2026-01-02', '2026-01-31')).toEqual({ from: '2026-01-01', to: '2026-02-01' });
		expect(alignToMonths('2026-01-01', '2026-03-01')).toEqual({ from: '2026-01-01', to: '2026-03-01' });
		expect(alignToMonths('2026-12-05', '2026-12-20')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
	});
});
