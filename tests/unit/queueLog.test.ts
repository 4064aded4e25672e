import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	defaultBoothOf,
	isQueueLogError,
	mapQueueLogText,
	operatorOf,
	parseQueueLogCsv,
	parseQueueLogLine,
	parseQueueLogText,
	parseQueueLogTime,
	QueueLogMapper,
	readQueueLogFile,
	type MappedItem,
	type QueueLogItem,
	type QueueLogRecord
} from '../../src/lib/server/ingest/adapters/queueLog';
import { validateEvent, type RawEvent } from '../../src/lib/server/ingest/events';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures', 'asterisk');
const PIPE_FILE = join(FIXTURES, 'queue_log');
const CSV_FILE = join(FIXTURES, 'queue_log.csv');
const DATA_CSV_FILE = join(FIXTURES, 'queue_log_data.csv');
const TZ = 'Europe/Tirane';
const LIMITS = { defaultHotline: 'al-116000', now: 8.64e15 - 1, maxFutureMs: 0 };

const pipeText = readFileSync(PIPE_FILE, 'utf8');
const csvText = readFileSync(CSV_FILE, 'utf8');
const dataCsvText = readFileSync(DATA_CSV_FILE, 'utf8');

function mapAll(items: QueueLogItem[], mapper = new QueueLogMapper()): { events: RawEvent[]; byLine: Map<number, RawEvent[]>; mapper: QueueLogMapper } {
	const byLine = new Map<number, RawEvent[]>();
	const events: RawEvent[] = [];
	for (const item of items) {
		const out = mapper.map(item);
		byLine.set(item.lineNo, out);
		events.push(...out);
	}
	return { events, byLine, mapper };
}

function byId(events: RawEvent[]): Map<string, RawEvent> {
	const map = new Map<string, RawEvent>();
	for (const e of events) {
		expect(map.has(e.id), `duplicate id ${e.id}`).toBe(false);
		map.set(e.id, e);
	}
	return map;
}

const s = (epochSeconds: number) => epochSeconds * 1000;

describe('parseQueueLogLine (pipe)', () => {
	it('reads the fields, whole and fractional epochs', () => {
		expect(parseQueueLogLine('1781849110|1781849104.30076|116000|PJSIP/201|CONNECT|6|1781849110.30080|5', 7)).toEqual({
			lineNo: 7,
			ts: 1781849110000,
			callId: '1781849104.30076',
			queue: '116000',
			agent: 'PJSIP/201',
			event: 'CONNECT',
			data: ['6', '1781849110.30080', '5']
		});
		expect((parseQueueLogLine('1781849104.123|x|q|NONE|ENTERQUEUE', 1) as QueueLogRecord).ts).toBe(1781849104123);
		expect((parseQueueLogLine('1781849104.123456|x|q|NONE|ENTERQUEUE||', 1) as QueueLogRecord).ts).toBe(1781849104123);
		expect((parseQueueLogLine('1781849104.5|x|q|NONE|ENTERQUEUE\r', 1) as QueueLogRecord).ts).toBe(1781849104500);
	});

	it('never throws: garbage, binary, truncated and absurd lines become errors; blank lines are skipped', () => {
		const bad = [
			'garbage',
			'1781849104|1781849104.30076|116000',
			'\u0000\u0001\u0002|\u00ff|x|y|z',
			'99999999999|1.1|q|NONE|ENTERQUEUE',
			'123|1.1|q|NONE|ENTERQUEUE',
			'-5|1.1|q|NONE|ENTERQUEUE',
			'abc|1.1|q|NONE|ENTERQUEUE',
			'1781849104|1.1|q|NONE|EN TER',
			'1781849104|1.1|q|NONE|',
			'x'.repeat(20_000)
		];
		for (const [i, line] of bad.entries()) {
			const item = parseQueueLogLine(line, i + 1);
			expect(item && isQueueLogError(item), line.slice(0, 30)).toBe(true);
			expect(item!.lineNo).toBe(i + 1);
		}
		expect(parseQueueLogLine('', 3)).toBeNull();
		expect(parseQueueLogLine('   \r', 3)).toBeNull();
	});

	it('reads a headerless CSV line in the default column order', () => {
		const item = parseQueueLogLine('2026-06-19 08:05:04.250000,1781849104.30076,116000,NONE,ENTERQUEUE,,0691234567,1,,', 2, 'csv', { timeZone: TZ });
		expect(item).toMatchObject({ ts: 1781849104250, event: 'ENTERQUEUE', data: ['', '0691234567', '1'] });
	});
});

describe('parseQueueLogTime', () => {
	it('takes epochs and local date-times in the given zone, across DST', () => {
		expect(parseQueueLogTime('1781849104', TZ)).toBe(1781849104000);
		expect(parseQueueLogTime('2026-06-19 08:05:04', TZ)).toBe(1781849104000); // CEST, +02:00
		expect(parseQueueLogTime('2026-01-15 10:00:00.5', TZ)).toBe(Date.parse('2026-01-15T09:00:00.500Z')); // CET
		expect(parseQueueLogTime('2026-06-19 06:05:04', 'UTC')).toBe(1781849104000);
		expect(parseQueueLogTime('2026-06-19T08:05:04+02:00', 'UTC')).toBe(1781849104000);
		expect(parseQueueLogTime('2026-06-19 08:05:04.123456', TZ)).toBe(1781849104123);
	});
	it('reports bad times as text', () => {
		for (const bad of ['2026-02-30 10:00:00', '2026-13-01 10:00:00', 'yesterday', '', '3026-01-01 00:00:00'])
			expect(typeof parseQueueLogTime(bad, TZ), bad).toBe('string');
		expect(typeof parseQueueLogTime('2026-06-19 08:05:04', 'Not/AZone')).toBe('string');
	});
});

describe('parseQueueLogCsv', () => {
	it('reads the quoted table export with data1..data5 and an extra id column', () => {
		const items = parseQueueLogCsv(csvText, { timeZone: TZ });
		expect(items.filter(isQueueLogError)).toEqual([]);
		expect(items).toHaveLength(pipeText.trim().split('\n').length);
		const connect = items.find((i) => !isQueueLogError(i) && i.event === 'CONNECT') as QueueLogRecord;
		expect(connect).toMatchObject({ lineNo: 8, callId: '1781849104.30076', agent: 'PJSIP/201', data: ['6', '1781849110.30080', '5'] });
		expect(connect.ts - 1781849110000).toBeGreaterThanOrEqual(0);
		expect(connect.ts - 1781849110000).toBeLessThan(1000);
	});

	it('reads the single `data` column variant, epoch times', () => {
		const items = parseQueueLogCsv(dataCsvText);
		expect(items.filter(isQueueLogError)).toEqual([]);
		expect(items[1]).toMatchObject({ lineNo: 3, ts: 1781849110000, event: 'CONNECT', data: ['6', '1781849110.30080', '5'] });
	});

	it('handles BOM, CRLF, semicolons, NULLs, quoted delimiters and newlines, and bad rows without throwing', () => {
		const text =
			'\ufefftime_id;call_id;queue;agent;verb;data1;data2;data3;data4;data5\r\n' +
			'1781849320;NONE;116000;SIP/202;PAUSE;"Lunch; long";\\N;NULL;;\r\n' +
			'1781849321;NONE;116000;SIP/202;PAUSE;"two\nlines";;;;\r\n' +
			'not a time;x;q;a;ENTERQUEUE;;;;;\r\n' +
			'\r\n' +
			'1781849322;NONE;116000;SIP/202;UNPAUSE;"never closed\n';
		const items = parseQueueLogCsv(text);
		expect(items[0]).toMatchObject({ lineNo: 2, event: 'PAUSE', data: ['Lunch; long'] });
		expect(items[1]).toMatchObject({ lineNo: 3, event: 'PAUSE', data: ['two\nlines'] });
		expect(items[2]).toMatchObject({ lineNo: 5 });
		expect(isQueueLogError(items[2])).toBe(true);
		expect(items[3]).toMatchObject({ lineNo: 7 });
		expect(isQueueLogError(items[3])).toBe(true);
		expect(items).toHaveLength(4);
	});

	it('assumes the default column order when there is no header', () => {
		const items = parseQueueLogCsv('1781849104,1781849104.30076,116000,NONE,ENTERQUEUE,,0691234567,1,,\n');
		expect(items).toEqual([{ lineNo: 1, ts: 1781849104000, callId: '1781849104.30076', queue: '116000', agent: 'NONE', event: 'ENTERQUEUE', data: ['', '0691234567', '1'] }]);
	});
});

describe('member → booth / operator', () => {
	it('strips technology, context, options and channel suffix', () => {
		expect(defaultBoothOf('PJSIP/201')).toBe('201');
		expect(defaultBoothOf('SIP/201')).toBe('201');
		expect(defaultBoothOf('SIP/201-0000002a')).toBe('201');
		expect(defaultBoothOf('Local/201@from-queue/n')).toBe('201');
		expect(defaultBoothOf('Agent/201')).toBe('201');
		expect(defaultBoothOf('Ana Dervishi')).toBe('Ana_Dervishi');
		expect(defaultBoothOf('Ëlira Çela')).toBe('Elira_Cela');
		expect(defaultBoothOf('NONE')).toBe('');
		expect(operatorOf('PJSIP/201')).toBe('PJSIP-201');
		expect(operatorOf('Local/201@from-queue/n')).toBe('Local-201@from-queue-n');
	});
});

describe('QueueLogMapper on the recorded pipe queue_log', () => {
	const { events, byLine, mapper } = mapAll(parseQueueLogText(pipeText));
	const ids = byId(events);
	const get = (id: string) => {
		const e = ids.get(id);
		expect(e, id).toBeDefined();
		return e!;
	};

	it('every event passes validateEvent unchanged', () => {
		for (const e of events) {
			const valid = validateEvent(e, LIMITS);
			expect(valid.id).toBe(e.id);
			expect(valid.ts).toBe(e.ts);
			expect(typeof e.ts).toBe('number');
		}
	});

	it('counts lines, events, ignored verbs and no errors', () => {
		expect(mapper.counters.lines).toBe(55);
		expect(mapper.counters.errors).toBe(0);
		expect(mapper.counters.events).toBe(events.length);
		expect(mapper.counters.ignored).toEqual({ QUEUESTART: 1, CONFIGRELOAD: 1, DID: 1, INFO: 1, CUSTOM_SURVEY: 1 });
	});

	it('login / add member → available; logoff / remove member → offline', () => {
		expect(get('ast-booth-201-available-1781849001000')).toMatchObject({ type: 'booth.state', ts: s(1781849001), booth: '201', operator: 'PJSIP-201', data: { state: 'available' } });
		expect(get('ast-booth-202-available-1781849001000')).toMatchObject({ booth: '202', operator: 'SIP-202' });
		expect(get('ast-booth-203-available-1781849002000')).toMatchObject({ booth: '203', operator: 'Local-203@from-queue-n' });
		expect(get('ast-booth-204-available-1781849003000')).toMatchObject({ booth: '204', operator: 'Agent-204' });
		expect(get('ast-booth-204-offline-1781850000000')).toMatchObject({ data: { state: 'offline' } });
		for (const [b, t] of [['201', 1781850001], ['202', 1781850002], ['203', 1781850003]] as const)
			expect(get(`ast-booth-${b}-offline-${s(t)}`)).toMatchObject({ type: 'booth.state', booth: b, ts: s(t) });
		expect(get('ast-booth-205-available-1781850200000').data).toEqual({ state: 'available' });
		expect(get('ast-booth-205-offline-1781850300000').data).toEqual({ state: 'offline' });
	});

	it('answered call ended by the caller, with a duplicate COMPLETECALLER line', () => {
		const c = '1781849104.30076';
		expect(get(`ast-${c}-queued`)).toEqual({ id: `ast-${c}-queued`, type: 'call.queued', ts: s(1781849104), callId: c, data: { position: 1 } });
		expect(get(`ast-${c}-answered`)).toEqual({ id: `ast-${c}-answered`, type: 'call.answered', ts: s(1781849110), callId: c, booth: '201', operator: 'PJSIP-201', data: {} });
		expect(get('ast-booth-201-on_call-1781849110000')).toMatchObject({ booth: '201', data: { state: 'on_call' } });
		expect(get(`ast-${c}-ended`)).toMatchObject({ type: 'call.ended', ts: s(1781849290), booth: '201', data: { endedBy: 'caller' } });
		expect(get('ast-booth-201-available-1781849290000').data).toEqual({ state: 'available' });
		expect(byLine.get(11)!.map((e) => e.id)).toEqual([`ast-${c}-ended`, 'ast-booth-201-available-1781849290000']);
		expect(byLine.get(12)).toEqual([]); // the repeated line
		// A fresh mapper (a second import) gives the same ids for the repeated line.
		const again = new QueueLogMapper().map(parseQueueLogLine(pipeText.split('\n')[11], 12)!);
		expect(again.map((e) => e.id)).toEqual([`ast-${c}-ended`, 'ast-booth-201-available-1781849290000']);
		expect(mapper.counters.duplicates).toBeGreaterThanOrEqual(2);
		// The caller id (a phone number) never leaves the adapter.
		expect(JSON.stringify(events)).not.toContain('069');
	});

	it('RINGNOANSWER frees the member, COMPLETEAGENT is ended by the operator and a later COMPLETECALLER is not a second end', () => {
		const c = '1781849200.30090';
		expect(byLine.get(9)).toEqual([{ id: 'ast-booth-203-available-1781849215000', type: 'booth.state', ts: s(1781849215), booth: '203', operator: 'Local-203@from-queue-n', data: { state: 'available' } }]);
		expect(get(`ast-${c}-answered`)).toMatchObject({ booth: '202', ts: s(1781849222) });
		expect(get(`ast-${c}-ended`)).toMatchObject({ ts: s(1781849400), booth: '202', data: { endedBy: 'operator' } });
		expect(byLine.get(21)!.map((e) => e.type)).toEqual(['booth.state']);
		expect(events.filter((e) => e.callId === c && e.type === 'call.ended')).toHaveLength(1);
	});

	it('abandon while ringing: RINGCANCELED (ms) frees the booth, ABANDON gives call.abandoned', () => {
		const c = '1781849300.30100';
		expect(byLine.get(14)!.map((e) => e.id)).toEqual(['ast-booth-203-available-1781849309000']);
		expect(get(`ast-${c}-abandoned`)).toEqual({ id: `ast-${c}-abandoned`, type: 'call.abandoned', ts: s(1781849309), callId: c, data: {} });
	});

	it('pauses with and without a usable reason, unpauses', () => {
		expect(get('ast-booth-203-paused-1781849320000')).toMatchObject({ booth: '203', data: { state: 'paused', reason: 'Lunch' } });
		expect(get('ast-booth-204-paused-1781849321000').data).toEqual({ state: 'paused', reason: 'break:coffee' });
		expect(get('ast-booth-202-paused-1781849402000').data).toEqual({ state: 'paused' }); // free text dropped
		expect(get('ast-booth-204-available-1781849380000').data).toEqual({ state: 'available' });
		expect(get('ast-booth-203-available-1781849390000').data).toEqual({ state: 'available' });
	});

	it('timeout, re-entry into another queue keeps the first queued time, then a blind transfer', () => {
		const c = '1781849500.30110';
		expect(get(`ast-${c}-queued`).ts).toBe(s(1781849500));
		expect(get(`ast-${c}-timeout`)).toMatchObject({ ts: s(1781849560), data: { reason: 'timeout' } });
		expect(byLine.get(25)).toEqual([]); // second ENTERQUEUE, same call
		expect(get(`ast-${c}-answered`)).toMatchObject({ booth: '204', operator: 'Agent-204' });
		expect(get(`ast-${c}-transfer-1781849690000`)).toMatchObject({ type: 'call.transferred', booth: '204', data: { to: '301@from-internal' } });
		expect(get(`ast-${c}-ended`)).toMatchObject({ ts: s(1781849690), data: { endedBy: 'operator' } });
		expect(get('ast-booth-204-available-1781849690000')).toBeDefined();
	});

	it('attended and plain transfers', () => {
		expect(get('ast-1781849700.30120-transfer-1781849800000').data).toEqual({ to: '1781849790.30130' });
		expect(get('ast-1781849700.30120-ended')).toMatchObject({ booth: '201', data: { endedBy: 'operator' } });
		expect(get('ast-1781849810.30140-transfer-1781849900000').data).toEqual({ to: '116111@from-internal' });
		expect(byLine.get(33)!.map((e) => e.type)).toEqual(['call.transferred', 'call.ended', 'booth.state']);
	});

	it('AGENTDUMP frees the booth only; EXITWITHKEY, WITHDRAW and EXITEMPTY are timeouts with reasons', () => {
		expect(byLine.get(35)!.map((e) => e.id)).toEqual(['ast-booth-203-available-1781849915000']);
		expect(get('ast-1781849910.30150-timeout').data).toEqual({ reason: 'key' });
		expect(get('ast-1781849940.30160-queued').data).toEqual({ position: 2 });
		expect(get('ast-1781849940.30160-timeout').data).toEqual({ reason: 'withdraw' });
		expect(get('ast-1781849990.30170-timeout')).toMatchObject({ ts: s(1781850003), data: { reason: 'empty' } });
	});

	it('closed, unavailable and full queues: an offered call that never waited', () => {
		for (const [c, t, reason] of [['1781850100.30180', 1781850100, 'empty'], ['1781850101.30185', 1781850101, 'empty'], ['1781850110.30190', 1781850110, 'full']] as const) {
			expect(get(`ast-${c}-queued`)).toMatchObject({ type: 'call.queued', ts: s(t) });
			expect(get(`ast-${c}-timeout`)).toMatchObject({ type: 'call.timeout', ts: s(t), data: { reason } });
		}
	});

	it('an ENTERQUEUE with no exit stays pending for the janitor', () => {
		expect(get('ast-1781850500.30210-queued').ts).toBe(1781850500123);
		expect(mapper.pending()).toEqual([{ callId: '1781850500.30210', queue: '116000', queuedAt: 1781850500123 }]);
	});

	it('every call has exactly one queued event and at most one outcome', () => {
		const calls = new Set(events.filter((e) => e.callId).map((e) => e.callId));
		expect(calls.size).toBe(13);
		for (const c of calls) {
			expect(events.filter((e) => e.callId === c && e.type === 'call.queued'), c).toHaveLength(1);
			expect(events.filter((e) => e.callId === c && (e.type === 'call.abandoned' || e.type === 'call.ended')).length, c).toBeLessThanOrEqual(1);
		}
	});
});

describe('pipe and CSV exports of the same calls give the same events', () => {
	const pipe = mapAll(parseQueueLogText(pipeText)).events;
	const csv = mapAll(parseQueueLogCsv(csvText, { timeZone: TZ }));

	it('same ids and types, times within the second the flat file truncates to', () => {
		expect(csv.mapper.counters.errors).toBe(0);
		const csvIds = byId(csv.events);
		expect([...csvIds.keys()].sort()).toEqual(pipe.map((e) => e.id).sort());
		for (const e of pipe) {
			const other = csvIds.get(e.id)!;
			expect(other.type).toBe(e.type);
			expect(other.booth).toBe(e.booth);
			expect(other.data).toEqual(e.data);
			expect(Number(other.ts) - Number(e.ts), e.id).toBeGreaterThanOrEqual(0);
			expect(Number(other.ts) - Number(e.ts), e.id).toBeLessThan(1000);
		}
		for (const e of csv.events) validateEvent(e, LIMITS);
	});

	it('the single-data-column export gives the same events as those lines of the pipe file', () => {
		const data = mapAll(parseQueueLogCsv(dataCsvText)).events;
		const pipeIds = new Map(pipe.map((e) => [e.id, e]));
		expect(data.length).toBe(13);
		for (const e of data) expect(e).toEqual(pipeIds.get(e.id));
	});
});

describe('mapper options and bad input', () => {
	it('uses boothOf and hotline', () => {
		const mapper = new QueueLogMapper({ hotline: 'al-116000', boothOf: (m) => ({ 'Ana Dervishi': '1', 'PJSIP/201': 'booth 2' })[m] ?? '' });
		const [added] = mapper.map(parseQueueLogLine('1781850600|NONE|116000|Ana Dervishi|ADDMEMBER|', 1)!);
		expect(added).toEqual({ id: 'ast-booth-1-available-1781850600000', type: 'booth.state', ts: 1781850600000, hotline: 'al-116000', booth: '1', operator: 'Ana_Dervishi', data: { state: 'available' } });
		const [answered] = mapper.map(parseQueueLogLine('1781849110|1781849104.30076|116000|PJSIP/201|CONNECT|6|x|5', 2)!);
		expect(answered).toMatchObject({ booth: 'booth_2', hotline: 'al-116000' });
		// unmapped member falls back to the default rule
		expect(mapper.map(parseQueueLogLine('1781849111|NONE|116000|SIP/209|PAUSE|', 3)!)[0].booth).toBe('209');
		for (const e of [added, answered]) validateEvent(e, LIMITS);
	});

	it('counts bad lines and unmappable lines as errors, never throws, never loses a good line', () => {
		const text = [
			'1781849104|1781849104.30076|116000|NONE|ENTERQUEUE||0691234567|1',
			'\u0000\u0000binary junk\u00ff',
			'1781849105|1781849104.30076|116000',
			'1781849106|NONE|116000|NONE|CONNECT|1|2|3', // no call id
			'1781849107|1781849104.30076|116000|NONE|CONNECT|1|2|3', // no member
			'1781849108|NONE|116000|NONE|PAUSE|x', // no member
			'99999999999999|1781849104.30076|116000|NONE|ABANDON|1|1|1',
			'1781849110|1781849104.30076|116000|NONE|ABANDON|1|1|6'
		].join('\n');
		const mapper = new QueueLogMapper();
		const out = mapQueueLogText(text, { mapper });
		expect(out.filter((i) => 'error' in i).map((i) => i.lineNo)).toEqual([2, 3, 4, 5, 6, 7]);
		expect(out.flatMap((i) => ('events' in i ? i.events.map((e) => e.id) : []))).toEqual(['ast-1781849104.30076-queued', 'ast-1781849104.30076-abandoned']);
		expect(mapper.counters).toMatchObject({ lines: 8, events: 2, errors: 6 });
		expect(mapper.pending()).toEqual([]);
	});
});

describe('readQueueLogFile', () => {
	const dir = mkdtempSync(join(tmpdir(), 'alo-queuelog-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	async function collect(path: string, options: Parameters<typeof readQueueLogFile>[1]): Promise<MappedItem[]> {
		const items: MappedItem[] = [];
		for await (const item of readQueueLogFile(path, options)) items.push(item);
		return items;
	}

	it('streams the pipe and CSV fixtures to the same events as the in-memory path', async () => {
		const pipeItems = await collect(PIPE_FILE, { format: 'pipe' });
		expect(pipeItems).toHaveLength(55);
		expect(pipeItems.flatMap((i) => ('events' in i ? i.events : []))).toEqual(mapAll(parseQueueLogText(pipeText)).events);
		const mapper = new QueueLogMapper();
		const csvItems = await collect(CSV_FILE, { format: 'csv', timeZone: TZ, mapper });
		expect(csvItems.flatMap((i) => ('events' in i ? i.events : []))).toEqual(mapAll(parseQueueLogCsv(csvText, { timeZone: TZ })).events);
		expect(mapper.counters.lines).toBe(55);
	});

	it('reports bad lines with their line numbers and keeps going (CRLF, junk, no final newline)', async () => {
		const path = join(dir, 'queue_log');
		writeFileSync(path, '1781849104|1781849104.30076|116000|NONE|ENTERQUEUE||0691234567|1\r\n\r\ngarbage\r\n1781849110|1781849104.30076|116000|NONE|ABANDON|1|1|6');
		const items = await collect(path, {});
		expect(items).toEqual([
			{ lineNo: 1, events: [expect.objectContaining({ id: 'ast-1781849104.30076-queued' })] },
			{ lineNo: 3, error: expect.any(String) },
			{ lineNo: 4, events: [expect.objectContaining({ id: 'ast-1781849104.30076-abandoned' })] }
		]);
	});
});
