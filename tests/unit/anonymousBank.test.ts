import path from 'node:path';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	anonymousBankCallToEvents,
	classifyAnonymousBankRow,
	parseAnonymousBankLine,
	readAnonymousBank,
	zonedTimeToUtc,
	type AnonymousBankItem,
	type AnonymousBankRow,
	type AnonymousBankStats
} from '../../src/lib/server/ingest/adapters/anonymousBank';
import { validateEvent, type RawEvent } from '../../src/lib/server/ingest/events';

const HEADER =
	'vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver';
const TZ = 'Europe/Tirane';
// ../shared next to the checkout, as DESIGN.md places it; absent on machines without it.
const REAL_FILE = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'anonymous-bank-1999-02.tsv');

/** Rows as they appear in the source (tab separated). */
const rows = {
	servedWithQueue: 'AA0101\t34540\t23317894\t2\tPS\t990201\t8:09:16\t8:09:22\t6\t8:09:22\t8:09:57\t35\tAGENT\t8:09:57\t8:12:03\t126\tDORIT',
	servedWithoutQueue: 'AA0101\t34536\t0\t0\tPS\t990201\t7:02:47\t7:02:56\t9\t0:00:00\t0:00:00\t0\tAGENT\t7:02:55\t7:05:41\t166\tDORIT',
	abandoned: 'AA0101\t34539\t23317894\t2\tPS\t990201\t8:09:16\t8:09:22\t6\t8:09:22\t8:09:27\t5\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER',
	phantom: 'AA0101\t34541\t0\t0\tPS\t990201\t9:00:00\t9:00:05\t5\t0:00:00\t0:00:00\t0\tPHANTOM\t0:00:00\t0:00:00\t0\tNO_SERVER',
	hangWithoutQueue: 'AA0101\t35223\t0\t0\tNW\t990211\t0:57:38\t0:58:05\t27\t0:00:00\t0:00:00\t0\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER',
	agentNoServer: 'AA0101\t34537\t0\t0\tPS\t990201\t7:31:45\t7:31:55\t10\t0:00:00\t0:00:00\t0\tAGENT\t7:31:54\t7:31:59\t5\tNO_SERVER',
	agentEmptyServer: 'AA0101\t34542\t0\t0\tPS\t990201\t7:31:45\t7:31:55\t10\t0:00:00\t0:00:00\t0\tAGENT\t7:31:54\t7:31:59\t5\t',
	agentNoServiceStart: 'AA0101\t34543\t0\t0\tPS\t990201\t7:31:45\t7:31:55\t10\t7:31:55\t7:32:05\t10\tAGENT\t0:00:00\t0:00:00\t0\tTOVA',
	serviceEndsAfterMidnight: 'AA0104\t22869\t24309866\t2\tPS\t990208\t23:51:29\t23:51:34\t5\t23:51:34\t23:52:21\t47\tAGENT\t23:52:20\t0:00:55\t515\tAVNI',
	queuedAfterMidnight: 'AA0115\t14375\t25245705\t1\tPS\t990210\t23:59:56\t23:59:56\t0\t0:00:02\t0:00:29\t27\tAGENT\t0:00:29\t0:00:58\t29\tBENSION',
	summer: 'AA0101\t50001\t0\t0\tPS\t990715\t9:59:50\t10:00:00\t10\t10:00:00\t10:00:30\t30\tAGENT\t10:00:30\t10:05:30\t300\tDORIT'
};

function row(line: string, lineNo = 2): AnonymousBankRow {
	const parsed = parseAnonymousBankLine(line, lineNo);
	if (!parsed.ok) throw new Error(parsed.error);
	return parsed.row;
}

function events(line: string, opts: { hotline?: string; dateShiftDays?: number; timeZone?: string } = {}): RawEvent[] {
	return anonymousBankCallToEvents(row(line), { timeZone: TZ, ...opts });
}

const iso = (ts: string | number) => new Date(ts).toISOString();
const validationLimits = { defaultHotline: 'al-116000', now: Date.UTC(2100, 0, 1), maxFutureMs: 0 };

describe('parseAnonymousBankLine', () => {
	it('parses clock times as seconds after midnight and 0:00:00 as "did not happen"', () => {
		const parsed = row(rows.servedWithoutQueue);
		expect(parsed).toMatchObject({
			vruLine: 'AA0101',
			callId: '34536',
			dateText: '990201',
			date: { year: 1999, month: 2, day: 1 },
			vruEntry: 7 * 3600 + 2 * 60 + 47,
			qStart: null,
			qTime: 0,
			outcome: 'AGENT',
			serTime: 166,
			server: 'DORIT'
		});
		expect(parsed).not.toHaveProperty('customerId');
	});

	it('tolerates a trailing CR (the file has CRLF line ends)', () => {
		expect(row(`${rows.servedWithQueue}\r`).server).toBe('DORIT');
	});

	it('reads NO_SERVER and an empty server as no server', () => {
		expect(row(rows.agentNoServer).server).toBeNull();
		expect(row(rows.agentEmptyServer).server).toBeNull();
	});

	it.each([
		['too few columns', 'AA0101\t1\t0', /line 7: expected 17 tab-separated columns, got 3/],
		['too many columns', `${rows.abandoned}\textra`, /line 7: expected 17 .* got 18/],
		['a bad date', rows.abandoned.replace('990201', '990230'), /line 7: date is not a real date: "990230"/],
		['a date in another format', rows.abandoned.replace('990201', '1999-02-01'), /line 7: date must be YYMMDD/],
		['a bad time', rows.abandoned.replace('8:09:16', '8:9:16'), /line 7: vru_entry must be a time H:MM:SS/],
		['an impossible time', rows.abandoned.replace('8:09:27', '8:61:27'), /line 7: q_exit is not a clock time/],
		['a negative wait', rows.abandoned.replace('\t5\tHANG', '\t-5\tHANG'), /line 7: q_time must not be negative/],
		['a non-numeric duration', rows.servedWithQueue.replace('\t126\t', '\tlong\t'), /line 7: ser_time must be a whole number/],
		['an unknown outcome', rows.abandoned.replace('HANG', 'BUSY'), /line 7: outcome must be AGENT, HANG or PHANTOM/],
		['an empty line', '', /line 7: expected 17/]
	])('reports %s with the line number instead of throwing', (_case, line, message) => {
		const parsed = parseAnonymousBankLine(line, 7);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) {
			expect(parsed.lineNo).toBe(7);
			expect(parsed.error).toMatch(message);
		}
	});
});

describe('classifyAnonymousBankRow', () => {
	it.each([
		['servedWithQueue', { kind: 'served', server: 'DORIT' }],
		['servedWithoutQueue', { kind: 'served', server: 'DORIT' }],
		['abandoned', { kind: 'abandoned' }],
		['phantom', { kind: 'skipped', reason: 'phantom' }],
		['hangWithoutQueue', { kind: 'skipped', reason: 'hang_without_queue' }],
		['agentNoServer', { kind: 'skipped', reason: 'agent_without_server' }],
		['agentEmptyServer', { kind: 'skipped', reason: 'agent_without_server' }],
		['agentNoServiceStart', { kind: 'skipped', reason: 'agent_without_service_start' }]
	] as const)('%s → %o', (name, kind) => {
		expect(classifyAnonymousBankRow(row(rows[name]))).toEqual(kind);
	});
});

describe('anonymousBankCallToEvents', () => {
	it('served after queueing: queued at q_start, answered q_time later at booth = server, ended ser_time later', () => {
		expect(events(rows.servedWithQueue)).toEqual([
			{ id: 'ab-19990201-AA0101-34540-queued', type: 'call.queued', ts: Date.parse('1999-02-01T07:09:22Z'), callId: 'ab-19990201-AA0101-34540' },
			{
				id: 'ab-19990201-AA0101-34540-answered',
				type: 'call.answered',
				ts: Date.parse('1999-02-01T07:09:57Z'),
				callId: 'ab-19990201-AA0101-34540',
				booth: 'DORIT',
				operator: 'dorit'
			},
			{
				id: 'ab-19990201-AA0101-34540-ended',
				type: 'call.ended',
				ts: Date.parse('1999-02-01T07:12:03Z'),
				callId: 'ab-19990201-AA0101-34540',
				booth: 'DORIT',
				operator: 'dorit',
				data: { endedBy: 'caller' }
			}
		]);
	});

	it('served without queueing: queued at vru_exit, answered at once (wait 0)', () => {
		const [queued, answered, ended] = events(rows.servedWithoutQueue);
		expect(iso(queued.ts)).toBe('1999-02-01T06:02:56.000Z');
		expect(answered.ts).toBe(queued.ts);
		expect(Number(ended.ts) - Number(answered.ts)).toBe(166_000);
	});

	it('a never-queued row with a stray q_time still waits 0 s (q_start 0:00:00 means not queued)', () => {
		const line = 'AA0102\t31056\t15696776\t2\tPS\t990215\t23:59:54\t23:59:54\t0\t0:00:00\t0:00:27\t27\tAGENT\t0:00:26\t0:01:33\t67\tAVNI';
		const [queued, answered] = events(line);
		expect(iso(queued.ts)).toBe('1999-02-15T22:59:54.000Z');
		expect(answered.ts).toBe(queued.ts);
	});

	it('abandoned: queued at q_start, abandoned q_time later, no booth', () => {
		expect(events(rows.abandoned, { hotline: 'al-116000' })).toEqual([
			{
				id: 'ab-19990201-AA0101-34539-queued',
				type: 'call.queued',
				ts: Date.parse('1999-02-01T07:09:22Z'),
				hotline: 'al-116000',
				callId: 'ab-19990201-AA0101-34539'
			},
			{
				id: 'ab-19990201-AA0101-34539-abandoned',
				type: 'call.abandoned',
				ts: Date.parse('1999-02-01T07:09:27Z'),
				hotline: 'al-116000',
				callId: 'ab-19990201-AA0101-34539'
			}
		]);
	});

	it.each(['phantom', 'hangWithoutQueue', 'agentNoServer', 'agentEmptyServer', 'agentNoServiceStart'] as const)('%s gives no events', (name) => {
		expect(events(rows[name])).toEqual([]);
	});

	it('service running past midnight ends on the next day', () => {
		const [, answered, ended] = events(rows.serviceEndsAfterMidnight);
		expect(iso(answered.ts)).toBe('1999-02-08T22:52:21.000Z');
		expect(iso(ended.ts)).toBe('1999-02-08T23:00:56.000Z');
	});

	it('a queue start just after midnight belongs to the day after the row date', () => {
		const [queued, answered] = events(rows.queuedAfterMidnight);
		expect(iso(queued.ts)).toBe('1999-02-10T23:00:02.000Z');
		expect(iso(answered.ts)).toBe('1999-02-10T23:00:29.000Z');
	});

	it('reads summer clock times with the summer offset (CEST, UTC+2)', () => {
		const [queued, answered, ended] = events(rows.summer);
		expect(iso(queued.ts)).toBe('1999-07-15T08:00:00.000Z');
		expect(iso(answered.ts)).toBe('1999-07-15T08:00:30.000Z');
		expect(iso(ended.ts)).toBe('1999-07-15T08:05:30.000Z');
	});

	it('honours another time zone', () => {
		expect(iso(events(rows.servedWithQueue, { timeZone: 'Asia/Jerusalem' })[0].ts)).toBe('1999-02-01T06:09:22.000Z');
		expect(iso(events(rows.servedWithQueue, { timeZone: 'UTC' })[0].ts)).toBe('1999-02-01T08:09:22.000Z');
	});

	it('shifts by whole days keeping local clock times, across a DST change, and puts the new date in ids', () => {
		// From winter 1999 (UTC+1) to summer 2026 (UTC+2): same clock time, one hour earlier in UTC.
		const shift = Math.round((Date.UTC(2026, 5, 1) - Date.UTC(1999, 1, 1)) / 86_400_000);
		const [queued, answered] = events(rows.servedWithQueue, { dateShiftDays: shift });
		expect(iso(queued.ts)).toBe('2026-06-01T06:09:22.000Z');
		expect(queued.id).toBe('ab-20260601-AA0101-34540-queued');
		expect(answered.callId).toBe('ab-20260601-AA0101-34540');
	});

	it('produces events that pass v1 validation', () => {
		for (const name of ['servedWithQueue', 'servedWithoutQueue', 'abandoned', 'serviceEndsAfterMidnight', 'summer'] as const) {
			for (const event of events(rows[name], { hotline: 'al-116000' })) expect(() => validateEvent(event, validationLimits)).not.toThrow();
		}
	});
});

describe('zonedTimeToUtc', () => {
	const day = (year: number, month: number, d: number) => ({ year, month, day: d });
	const hms = (h: number, m = 0, s = 0) => h * 3600 + m * 60 + s;

	it('uses winter and summer offsets of Europe/Tirane', () => {
		expect(iso(zonedTimeToUtc(day(2026, 1, 15), hms(12), TZ))).toBe('2026-01-15T11:00:00.000Z');
		expect(iso(zonedTimeToUtc(day(2026, 7, 15), hms(12), TZ))).toBe('2026-07-15T10:00:00.000Z');
	});

	it('is exact on the days the clocks change', () => {
		// 2026-03-29: 02:00 CET → 03:00 CEST. 2026-10-25: 03:00 CEST → 02:00 CET.
		expect(iso(zonedTimeToUtc(day(2026, 3, 29), hms(1, 59, 59), TZ))).toBe('2026-03-29T00:59:59.000Z');
		expect(iso(zonedTimeToUtc(day(2026, 3, 29), hms(3), TZ))).toBe('2026-03-29T01:00:00.000Z');
		expect(iso(zonedTimeToUtc(day(2026, 10, 25), hms(1, 59), TZ))).toBe('2026-10-24T23:59:00.000Z');
		expect(iso(zonedTimeToUtc(day(2026, 10, 25), hms(3, 30), TZ))).toBe('2026-10-25T02:30:00.000Z');
	});

	it('takes the earlier instant for a time that occurs twice and moves a skipped time forward', () => {
		expect(iso(zonedTimeToUtc(day(2026, 10, 25), hms(2, 30), TZ))).toBe('2026-10-25T00:30:00.000Z');
		expect(iso(zonedTimeToUtc(day(2026, 3, 29), hms(2, 30), TZ))).toBe('2026-03-29T01:30:00.000Z');
	});

	it('handles zones west of UTC and half-hour offsets', () => {
		expect(iso(zonedTimeToUtc(day(2026, 7, 1), hms(9), 'America/New_York'))).toBe('2026-07-01T13:00:00.000Z');
		expect(iso(zonedTimeToUtc(day(2026, 7, 1), hms(9), 'Asia/Kolkata'))).toBe('2026-07-01T03:30:00.000Z');
	});

	it('rejects an unknown zone with a clear message', () => {
		expect(() => zonedTimeToUtc(day(2026, 7, 1), 0, 'Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
	});
});

async function readAll(
	filePath: string,
	opts: Parameters<typeof readAnonymousBank>[1] = {}
): Promise<{ items: AnonymousBankItem[]; stats: AnonymousBankStats; returned: AnonymousBankStats }> {
	const items: AnonymousBankItem[] = [];
	const reader = readAnonymousBank(filePath, opts);
	for (;;) {
		const next = await reader.next();
		if (next.done) return { items, stats: next.value, returned: next.value };
		items.push(next.value);
	}
}

describe('readAnonymousBank', () => {
	const dir = mkdtempSync(join(tmpdir(), 'anonymous-bank-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	const file = join(dir, 'sample.tsv');
	writeFileSync(
		file,
		[
			HEADER,
			rows.servedWithQueue,
			rows.phantom,
			'garbage line',
			rows.abandoned,
			rows.agentNoServer,
			rows.hangWithoutQueue,
			rows.agentNoServiceStart,
			rows.serviceEndsAfterMidnight,
			''
		].join('\r\n')
	);

	it('streams events per call, reports bad lines by number and counts skipped rows by reason', async () => {
		const { items, stats } = await readAll(file, { hotline: 'al-116000' });
		expect(items.map((item) => ('error' in item ? `error@${item.lineNo}` : `${item.events.length}@${item.lineNo}`))).toEqual([
			'3@2',
			'error@4',
			'2@5',
			'3@9'
		]);
		const error = items.find((item) => 'error' in item);
		expect(error && 'error' in error ? error.error : '').toMatch(/^line 4: expected 17/);
		expect(stats).toEqual({
			rows: 8,
			calls: 3,
			served: 2,
			abandoned: 1,
			skipped: { phantom: 1, agent_without_server: 1, agent_without_service_start: 1, hang_without_queue: 1 },
			badLines: 1
		});
	});

	it('fills a stats object passed in while reading', async () => {
		const stats: AnonymousBankStats = {
			rows: 0,
			calls: 0,
			served: 0,
			abandoned: 0,
			skipped: { phantom: 0, agent_without_server: 0, agent_without_service_start: 0, hang_without_queue: 0 },
			badLines: 0
		};
		const seenRows: number[] = [];
		for await (const item of readAnonymousBank(file, {}, stats)) {
			expect(item.lineNo).toBeGreaterThan(0);
			seenRows.push(stats.rows);
		}
		expect(seenRows).toEqual([1, 3, 4, 8]);
		expect(stats.calls).toBe(3);
	});

	it('shifts the file so its earliest date lands on startDate, keeping local clock times', async () => {
		const { items } = await readAll(file, { startDate: '2026-07-01' });
		const all = items.flatMap((item) => ('events' in item ? item.events : []));
		// The earliest date in the sample is 1999-02-01 → 2026-07-01 (summer time, UTC+2).
		expect(iso(all[0].ts)).toBe('2026-07-01T06:09:22.000Z');
		expect(all[0].id).toBe('ab-20260701-AA0101-34540-queued');
		// 1999-02-08 is 7 days later → 2026-07-08; answered 23:52:21, ended 515 s later, after midnight.
		const ended = all.find((event) => event.id === 'ab-20260708-AA0104-22869-ended');
		expect(ended && iso(ended.ts)).toBe('2026-07-08T22:00:56.000Z');
	});

	it('rejects a bad startDate and an unknown time zone with clear messages', async () => {
		await expect(readAll(file, { startDate: '2026-02-30' })).rejects.toThrow(/start date must be a real date YYYY-MM-DD, got "2026-02-30"/);
		await expect(readAll(file, { timeZone: 'Nowhere/Town' })).rejects.toThrow(/unknown time zone/);
	});
});

if (existsSync(REAL_FILE)) {
	describe('the February 1999 file', () => {
		it('gives the figures of DESIGN.md: 30 584 offered, 26 621 answered, 3 963 abandoned, ASA 41.5 s; ids unique; all events valid', async () => {
			const { items, stats } = await readAll(REAL_FILE, { hotline: 'al-116000' });
			const allEvents = items.flatMap((item) => ('events' in item ? item.events : []));
			const errors = items.filter((item) => 'error' in item);
			expect(errors).toEqual([]);

			const byCall = new Map<string, Map<string, number>>();
			for (const event of allEvents) {
				const call = byCall.get(event.callId as string) ?? new Map<string, number>();
				call.set(event.type, Number(event.ts));
				byCall.set(event.callId as string, call);
			}
			const offered = allEvents.filter((event) => event.type === 'call.queued').length;
			const answeredWaits = [...byCall.values()]
				.filter((call) => call.has('call.answered'))
				.map((call) => ((call.get('call.answered') as number) - (call.get('call.queued') as number)) / 1000);
			const abandoned = allEvents.filter((event) => event.type === 'call.abandoned').length;
			const asa = Math.round((answeredWaits.reduce((sum, wait) => sum + wait, 0) / answeredWaits.length) * 10) / 10;

			expect({ offered, answered: answeredWaits.length, abandoned, asa }).toEqual({ offered: 30_584, answered: 26_621, abandoned: 3_963, asa: 41.5 });
			expect(byCall.size).toBe(30_584);
			expect(new Set(allEvents.map((event) => event.id)).size).toBe(allEvents.length);
			expect(stats).toEqual({
				rows: 33_344,
				calls: 30_584,
				served: 26_621,
				abandoned: 3_963,
				skipped: { phantom: 278, agent_without_server: 491, agent_without_service_start: 50, hang_without_queue: 1_941 },
				badLines: 0
			});
			for (const event of allEvents) validateEvent(event, validationLimits);
			for (const wait of answeredWaits) expect(wait).toBeGreaterThanOrEqual(0);
		});
	});
}
