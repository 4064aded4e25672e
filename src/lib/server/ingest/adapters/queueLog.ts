/**
 * Asterisk `queue_log` → call events v1 (DESIGN.md "Call events — contract v1", issue 5).
 *
 * The one mapper used by every entry point (file import, tail, HTTP upload): the flat-file pipe
 * format `epoch|callid|queue|agent|EVENT|data1|data2|…` and the database-table variant exported
 * as CSV (`time, callid, queuename, agent, event, data1..data5` or one `data` column joined by
 * `|`; `time` an epoch or a local `YYYY-MM-DD HH:MM:SS[.ffffff]`).
 *
 * Event ids are deterministic and are the ones the AMI adapter produces for the same fact, so a
 * call reported by both feeds, or a file imported twice, is counted once by ingest's dedup:
 *   ast-<callid>-queued | -answered | -ended | -abandoned | -timeout
 *   ast-<callid>-transfer-<epochMs>
 *   ast-booth-<booth>-<state>-<epochMs>   (epochMs in ids truncated to the whole second, see idTime)
 *
 * RINGNOANSWER / RINGCANCELED give no call event (so no `ast-<callid>-ringnoanswer-<ms>` id here);
 * they only free the member's booth.
 *
 * Privacy: the caller id that ENTERQUEUE carries (data2) is never read into an event.
 * Pure: no I/O except `readQueueLogFile`, which streams a file line by line.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { zonedTimeToUtc } from '../../time';
import type { RawEvent } from '../events';
import { defaultBoothOf, idTime, NO_MEMBER, operatorOf, sanitizeCode } from './asterisk';

export { defaultBoothOf, idTime, operatorOf, sanitizeCode } from './asterisk';

export const DEFAULT_TIME_ZONE = 'Europe/Tirane';

/** One parsed queue_log line, whatever the source format. */
export interface QueueLogRecord {
	lineNo: number;
	/** Epoch milliseconds (UTC), fraction of a second kept to the millisecond (truncated). */
	ts: number;
	/** Asterisk uniqueid of the caller's channel, or NONE / MANAGER / REALTIME for member lines. */
	callId: string;
	queue: string;
	agent: string;
	/** The verb, upper-cased (ENTERQUEUE, CONNECT, …). */
	event: string;
	/** data1, data2, … (trailing empty fields of the table variant dropped). */
	data: string[];
}

export interface QueueLogLineError {
	lineNo: number;
	error: string;
}

export type QueueLogItem = QueueLogRecord | QueueLogLineError;
export type QueueLogFormat = 'pipe' | 'csv';

export function isQueueLogError(item: QueueLogItem): item is QueueLogLineError {
	return (item as QueueLogLineError).error !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

const CODE_PATTERN = /^[A-Za-z0-9_.:@+-]{1,64}$/;
const VERB_PATTERN = /^[A-Z][A-Z0-9_]{0,39}$/;
const EPOCH_PATTERN = /^(\d{1,11})(?:\.(\d{1,9}))?$/;
const DATETIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s*(Z|[+-]\d{2}:?\d{2})?$/;
/** Earliest and latest plausible queue_log timestamps (epoch seconds): 1990-01-01 … 2200-01-01. */
const MIN_EPOCH_S = 631_152_000;
const MAX_EPOCH_S = 7_258_118_400;
const MAX_LINE_CHARS = 8192;

function fractionMs(fraction: string | undefined): number {
	return fraction ? Number(fraction.padEnd(3, '0').slice(0, 3)) : 0;
}

function parseEpoch(text: string): number | string {
	const m = EPOCH_PATTERN.exec(text);
	if (!m) return `time is not an epoch timestamp: "${text.slice(0, 40)}"`;
	const seconds = Number(m[1]);
	if (seconds < MIN_EPOCH_S || seconds > MAX_EPOCH_S) return `time ${text.slice(0, 40)} is out of range (1990–2200)`;
	return seconds * 1000 + fractionMs(m[2]);
}

/** `time` of the table variant: epoch, or local date-time in `timeZone` (an explicit offset wins). */
export function parseQueueLogTime(text: string, timeZone = DEFAULT_TIME_ZONE): number | string {
	const value = text.trim();
	if (EPOCH_PATTERN.test(value)) return parseEpoch(value);
	const m = DATETIME_PATTERN.exec(value);
	if (!m) return `time is neither an epoch nor YYYY-MM-DD HH:MM:SS: "${value.slice(0, 40)}"`;
	const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
		return `time is not a real date-time: "${value.slice(0, 40)}"`;
	const secondsOfDay = hour * 3600 + minute * 60 + second;
	let ms: number;
	if (m[8]) {
		const sign = m[8] === 'Z' ? 0 : m[8][0] === '-' ? -1 : 1;
		const digits = m[8].replace(/[^0-9]/g, '');
		const offsetMin = sign === 0 ? 0 : sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
		ms = Date.UTC(year, month - 1, day) + secondsOfDay * 1000 - offsetMin * 60_000;
	} else {
		try {
			ms = zonedTimeToUtc({ year, month, day }, secondsOfDay, timeZone);
		} catch {
			return `unknown time zone "${timeZone}"`;
		}
	}
	if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return `time is not a real date: "${value.slice(0, 40)}"`;
	if (ms < MIN_EPOCH_S * 1000 || ms > MAX_EPOCH_S * 1000) return `time ${value.slice(0, 40)} is out of range (1990–2200)`;
	return ms + fractionMs(m[7]);
}

function checkFields(lineNo: number, ts: number | string, callId: string, queue: string, agent: string, verb: string, data: string[]): QueueLogItem {
	if (typeof ts === 'string') return { lineNo, error: ts };
	const event = verb.trim().toUpperCase();
	if (!VERB_PATTERN.test(event)) return { lineNo, error: `bad event name "${printable(verb)}"` };
	return { lineNo, ts, callId: callId.trim(), queue: queue.trim(), agent: agent.trim(), event, data };
}

function printable(text: string): string {
	return text.slice(0, 40).replace(/[^\x20-\x7e]/g, '?');
}

/** One line of the flat-file (pipe) format. `null` for a blank line. Never throws. */
export function parseQueueLogLine(line: string, lineNo: number, format: QueueLogFormat = 'pipe', options: { timeZone?: string; columns?: string[] } = {}): QueueLogItem | null {
	try {
		let text = line.endsWith('\r') ? line.slice(0, -1) : line;
		if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		if (text.trim() === '') return null;
		if (text.length > MAX_LINE_CHARS) return { lineNo, error: `line longer than ${MAX_LINE_CHARS} characters` };
		if (text.includes('\0')) return { lineNo, error: 'binary data in line' };
		if (format === 'csv') {
			const cells = splitCsvRow(text, ',');
			if (cells === null) return { lineNo, error: 'unterminated quoted field' };
			return csvCellsToItem(cells, lineNo, columnIndex(options.columns ?? DEFAULT_CSV_COLUMNS), options.timeZone ?? DEFAULT_TIME_ZONE);
		}
		const fields = text.split('|');
		if (fields.length < 5) return { lineNo, error: `expected at least 5 |-separated fields, got ${fields.length}` };
		const [time, callId, queue, agent, verb, ...data] = fields;
		return checkFields(lineNo, parseEpoch(time.trim()), callId, queue, agent, verb, data);
	} catch (error) {
		return { lineNo, error: `unreadable line: ${(error as Error).message}` };
	}
}

// ---- CSV (database-table export) ------------------------------------------------------------

export const DEFAULT_CSV_COLUMNS = ['time', 'callid', 'queuename', 'agent', 'event', 'data1', 'data2', 'data3', 'data4', 'data5'];

const COLUMN_ALIASES: Record<string, string> = {
	time: 'time', time_id: 'time', timestamp: 'time', datetime: 'time', created: 'time',
	callid: 'callid', call_id: 'callid', uniqueid: 'callid',
	queuename: 'queue', queue: 'queue', queue_name: 'queue',
	agent: 'agent', membername: 'agent', member: 'agent',
	event: 'event', verb: 'event', action: 'event',
	data: 'data'
};

interface ColumnIndex {
	time: number;
	callid: number;
	queue: number;
	agent: number;
	event: number;
	data: number;
	/** data1, data2, … in order. */
	dataN: number[];
	width: number;
}

function columnIndex(names: string[]): ColumnIndex {
	const index: ColumnIndex = { time: -1, callid: -1, queue: -1, agent: -1, event: -1, data: -1, dataN: [], width: names.length };
	const numbered: [number, number][] = [];
	names.forEach((raw, i) => {
		const name = raw.trim().replace(/^"|"$/g, '').toLowerCase();
		const n = /^data(\d+)$/.exec(name);
		if (n) numbered.push([Number(n[1]), i]);
		const key = COLUMN_ALIASES[name] as keyof ColumnIndex | undefined;
		if (key && key !== 'dataN' && key !== 'width' && index[key] === -1) (index[key] as number) = i;
	});
	index.dataN = numbered.sort((a, b) => a[0] - b[0]).map(([, i]) => i);
	return index;
}

function looksLikeHeader(cells: string[]): boolean {
	const names = cells.map((c) => c.trim().toLowerCase());
	return names.some((n) => n === 'event' || n === 'verb') && names.some((n) => COLUMN_ALIASES[n] === 'time');
}

const NULLS = new Set(['\\N', 'NULL']);

function cell(cells: string[], i: number): string {
	if (i < 0 || i >= cells.length) return '';
	const value = cells[i];
	return NULLS.has(value) ? '' : value;
}

function csvCellsToItem(cells: string[], lineNo: number, columns: ColumnIndex, timeZone: string): QueueLogItem {
	if (columns.time < 0 || columns.event < 0) return { lineNo, error: 'CSV has no time or event column' };
	if (cells.length <= Math.max(columns.time, columns.event)) return { lineNo, error: `expected ${columns.width} CSV columns, got ${cells.length}` };
	let data: string[];
	if (columns.dataN.length > 0) {
		data = columns.dataN.map((i) => cell(cells, i));
		while (data.length > 0 && data[data.length - 1] === '') data.pop();
	} else if (columns.data >= 0) {
		const joined = cell(cells, columns.data);
		data = joined === '' ? [] : joined.split('|');
	} else data = [];
	return checkFields(lineNo, parseQueueLogTime(cell(cells, columns.time), timeZone), cell(cells, columns.callid), cell(cells, columns.queue), cell(cells, columns.agent), cell(cells, columns.event), data);
}

/** Split one CSV row (RFC 4180 quoting). `null` when a quoted field is not closed. */
function splitCsvRow(text: string, delimiter: string): string[] | null {
	const cells: string[] = [];
	let i = 0;
	for (;;) {
		if (text[i] === '"') {
			let value = '';
			i++;
			for (;;) {
				const q = text.indexOf('"', i);
				if (q < 0) return null;
				value += text.slice(i, q);
				if (text[q + 1] === '"') {
					value += '"';
					i = q + 2;
				} else {
					i = q + 1;
					break;
				}
			}
			const next = text.indexOf(delimiter, i);
			// Anything between the closing quote and the delimiter is kept (lenient).
			value += next < 0 ? text.slice(i) : text.slice(i, next);
			cells.push(value);
			if (next < 0) return cells;
			i = next + 1;
		} else {
			const next = text.indexOf(delimiter, i);
			cells.push(next < 0 ? text.slice(i) : text.slice(i, next));
			if (next < 0) return cells;
			i = next + 1;
		}
	}
}

/** True while `text` holds an odd number of quotes (a quoted field continues on the next line). */
function openQuote(text: string): boolean {
	let count = 0;
	for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) count++;
	return count % 2 === 1;
}

function detectDelimiter(header: string): string {
	const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length] as const);
	return counts.sort((a, b) => b[1] - a[1])[0][0];
}

/**
 * Incremental CSV reader: feed physical lines, get items. The first non-blank row is the header
 * when it names the columns (`time`/`time_id`… and `event`/`verb`); otherwise the default column
 * order is assumed and that row is data.
 */
export class QueueLogCsvReader {
	private columns: ColumnIndex | null = null;
	private delimiter = ',';
	private pending = '';
	private pendingLineNo = 0;
	constructor(private readonly timeZone = DEFAULT_TIME_ZONE) {}

	/** One physical line; returns the item it completes, or null (blank, header, or open quote). */
	push(line: string, lineNo: number): QueueLogItem | null {
		let text = line.endsWith('\r') ? line.slice(0, -1) : line;
		if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		if (this.pending) {
			text = `${this.pending}\n${text}`;
			lineNo = this.pendingLineNo;
			this.pending = '';
		} else if (text.trim() === '') return null;
		if (text.length > MAX_LINE_CHARS) return { lineNo, error: `row longer than ${MAX_LINE_CHARS} characters` };
		if (openQuote(text)) {
			this.pending = text;
			this.pendingLineNo = lineNo;
			return null;
		}
		try {
			if (!this.columns) {
				this.delimiter = detectDelimiter(text);
				const cells = splitCsvRow(text, this.delimiter) ?? [];
				if (looksLikeHeader(cells)) {
					this.columns = columnIndex(cells);
					return null;
				}
				this.columns = columnIndex(DEFAULT_CSV_COLUMNS);
			}
			if (text.includes('\0')) return { lineNo, error: 'binary data in row' };
			const cells = splitCsvRow(text, this.delimiter);
			if (cells === null) return { lineNo, error: 'unterminated quoted field' };
			return csvCellsToItem(cells, lineNo, this.columns, this.timeZone);
		} catch (error) {
			return { lineNo, error: `unreadable row: ${(error as Error).message}` };
		}
	}

	/** Call at end of input: an unterminated quoted row becomes an error. */
	end(): QueueLogItem | null {
		if (!this.pending) return null;
		const item = { lineNo: this.pendingLineNo, error: 'unterminated quoted field at end of input' };
		this.pending = '';
		return item;
	}
}

/** A whole CSV export (header row optional). Line numbers are physical, 1-based. Never throws. */
export function parseQueueLogCsv(text: string, options: { timeZone?: string } = {}): QueueLogItem[] {
	const reader = new QueueLogCsvReader(options.timeZone ?? DEFAULT_TIME_ZONE);
	const items: QueueLogItem[] = [];
	const lines = text.split('\n');
	if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
	lines.forEach((line, i) => {
		const item = reader.push(line, i + 1);
		if (item) items.push(item);
	});
	const last = reader.end();
	if (last) items.push(last);
	return items;
}

/** A whole pipe-format text. Never throws. */
export function parseQueueLogText(text: string): QueueLogItem[] {
	const items: QueueLogItem[] = [];
	const lines = text.split('\n');
	lines.forEach((line, i) => {
		const item = parseQueueLogLine(line, i + 1, 'pipe');
		if (item) items.push(item);
	});
	return items;
}

// ---------------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------------

export interface QueueLogMapperOptions {
	/** Hotline id put on every event; omitted → ingest's default. */
	hotline?: string;
	/** Member (interface or member name) → booth id; e.g. from the `booths` table. */
	boothOf?: (member: string) => string | undefined | null;
	/** How many recent event ids are remembered to drop repeats (duplicate lines, re-entries). */
	recentIds?: number;
}

export interface QueueLogCounters {
	/** Items seen (parsed lines and parse errors; blank lines not counted). */
	lines: number;
	/** Events produced. */
	events: number;
	/** Lines that carry no call or booth fact, per verb (QUEUESTART, CONFIGRELOAD, custom verbs…). */
	ignored: Record<string, number>;
	/** Lines that could not be read or mapped. */
	errors: number;
	/** Events dropped because the same id was produced moments before (duplicate lines, re-entry). */
	duplicates: number;
}

export type MappedItem = { lineNo: number; events: RawEvent[] } | { lineNo: number; error: string };

export interface PendingCall {
	callId: string;
	queue: string;
	/** Epoch ms of the (first) ENTERQUEUE. */
	queuedAt: number;
}

const TIMEOUT_REASONS: Record<string, string> = {
	EXITWITHTIMEOUT: 'timeout',
	EXITEMPTY: 'empty',
	EXITWITHKEY: 'key',
	WITHDRAW: 'withdraw'
};
const JOIN_FAILURES: Record<string, string> = { FULL: 'full', JOINEMPTY: 'empty', JOINUNAVAIL: 'empty' };
const BOOTH_AVAILABLE = new Set(['RINGNOANSWER', 'RINGCANCELED', 'AGENTDUMP', 'AGENTLOGIN', 'AGENTCALLBACKLOGIN', 'ADDMEMBER', 'UNPAUSE', 'UNPAUSEALL']);
const BOOTH_OFFLINE = new Set(['AGENTLOGOFF', 'AGENTCALLBACKLOGOFF', 'REMOVEMEMBER']);
const TRANSFERS = new Set(['TRANSFER', 'BLINDTRANSFER', 'ATTENDEDTRANSFER']);
const MAX_PENDING = 100_000;

class MapError extends Error {}

/**
 * Stateful queue_log → v1 mapper. State is only an optimisation (repeat suppression, the list
 * of calls still waiting): the ids alone make replays and restarts safe.
 */
export class QueueLogMapper {
	readonly counters: QueueLogCounters = { lines: 0, events: 0, ignored: {}, errors: 0, duplicates: 0 };
	private readonly hotline?: string;
	private readonly boothOfOption?: (member: string) => string | undefined | null;
	private readonly recentLimit: number;
	private readonly recent = new Set<string>();
	private readonly waiting = new Map<string, PendingCall>();

	constructor(options: QueueLogMapperOptions = {}) {
		this.hotline = options.hotline;
		this.boothOfOption = options.boothOf;
		this.recentLimit = options.recentIds ?? 50_000;
	}

	/** Map one record; errors (parse errors passed in, or unmappable lines) are counted and give []. */
	map(record: QueueLogItem): RawEvent[] {
		const item = this.mapItem(record);
		return 'events' in item ? item.events : [];
	}

	/** Like `map`, but says why a line gave nothing. */
	mapItem(record: QueueLogItem): MappedItem {
		this.counters.lines++;
		if (isQueueLogError(record)) {
			this.counters.errors++;
			return record;
		}
		let events: RawEvent[];
		try {
			events = this.translate(record);
		} catch (error) {
			if (!(error instanceof MapError)) throw error;
			this.counters.errors++;
			return { lineNo: record.lineNo, error: error.message };
		}
		const fresh: RawEvent[] = [];
		for (const event of events) {
			if (this.recent.has(event.id)) {
				this.counters.duplicates++;
				continue;
			}
			this.remember(event.id);
			fresh.push(event);
		}
		this.counters.events += fresh.length;
		return { lineNo: record.lineNo, events: fresh };
	}

	/** Calls that entered a queue and have had no outcome yet (for the janitor rule). */
	pending(): PendingCall[] {
		return [...this.waiting.values()];
	}

	boothOf(member: string): string {
		const custom = this.boothOfOption?.(member);
		if (custom) {
			const code = sanitizeCode(String(custom));
			if (code) return code;
		}
		return defaultBoothOf(member);
	}

	private remember(id: string): void {
		this.recent.add(id);
		if (this.recent.size > this.recentLimit) this.recent.delete(this.recent.values().next().value as string);
	}

	private ignore(verb: string): RawEvent[] {
		this.counters.ignored[verb] = (this.counters.ignored[verb] ?? 0) + 1;
		return [];
	}

	private base(id: string, type: string, ts: number): RawEvent {
		const event: RawEvent = { id, type, ts };
		if (this.hotline) event.hotline = this.hotline;
		return event;
	}

	private callEvent(r: QueueLogRecord, suffix: string, type: string, data?: Record<string, unknown>, withMember = false): RawEvent {
		const event = this.base(`ast-${r.callId}-${suffix}`, type, r.ts);
		event.callId = r.callId;
		if (withMember) {
			const booth = this.boothOf(r.agent);
			const operator = operatorOf(r.agent);
			if (booth) event.booth = booth;
			if (operator) event.operator = operator;
		}
		if (data) event.data = data;
		return event;
	}

	private boothEvent(r: QueueLogRecord, state: string, reason?: string): RawEvent {
		const booth = this.boothOf(r.agent);
		if (!booth) throw new MapError(`${r.event}: no booth for member "${printable(r.agent)}"`);
		const event = this.base(`ast-booth-${booth}-${state}-${idTime(r.ts)}`, 'booth.state', r.ts);
		event.booth = booth;
		const operator = operatorOf(r.agent);
		if (operator) event.operator = operator;
		event.data = reason ? { state, reason } : { state };
		return event;
	}

	private requireCall(r: QueueLogRecord): void {
		if (!CODE_PATTERN.test(r.callId) || NO_MEMBER.has(r.callId.toUpperCase()))
			throw new MapError(`${r.event}: call id "${printable(r.callId)}" is not an Asterisk uniqueid`);
	}

	private settle(callId: string): void {
		this.waiting.delete(callId);
	}

	private translate(r: QueueLogRecord): RawEvent[] {
		const verb = r.event;
		if (verb === 'ENTERQUEUE') {
			this.requireCall(r);
			// data1 url, data2 caller id (never kept), data3 position (Asterisk ≥ 1.6).
			const position = wholeNumber(r.data[2]);
			if (!this.waiting.has(r.callId)) {
				if (this.waiting.size >= MAX_PENDING) this.waiting.delete(this.waiting.keys().next().value as string);
				this.waiting.set(r.callId, { callId: r.callId, queue: r.queue, queuedAt: r.ts });
			}
			return [this.callEvent(r, 'queued', 'call.queued', position === undefined ? {} : { position })];
		}
		if (verb === 'CONNECT') {
			this.requireCall(r);
			if (!this.boothOf(r.agent)) throw new MapError(`CONNECT: no booth for member "${printable(r.agent)}"`);
			this.settle(r.callId);
			return [this.callEvent(r, 'answered', 'call.answered', {}, true), this.boothEvent(r, 'on_call')];
		}
		if (verb === 'COMPLETECALLER' || verb === 'COMPLETEAGENT') {
			this.requireCall(r);
			this.settle(r.callId);
			const ended = this.callEvent(r, 'ended', 'call.ended', { endedBy: verb === 'COMPLETECALLER' ? 'caller' : 'operator' }, true);
			return this.boothOf(r.agent) ? [ended, this.boothEvent(r, 'available')] : [ended];
		}
		if (verb === 'ABANDON') {
			this.requireCall(r);
			this.settle(r.callId);
			return [this.callEvent(r, 'abandoned', 'call.abandoned', {})];
		}
		if (verb in TIMEOUT_REASONS) {
			this.requireCall(r);
			this.settle(r.callId);
			return [this.callEvent(r, 'timeout', 'call.timeout', { reason: TIMEOUT_REASONS[verb] })];
		}
		if (verb in JOIN_FAILURES) {
			// The caller could not even join: an offered call that never waited.
			this.requireCall(r);
			this.settle(r.callId);
			return [this.callEvent(r, 'queued', 'call.queued', {}), this.callEvent(r, 'timeout', 'call.timeout', { reason: JOIN_FAILURES[verb] })];
		}
		if (TRANSFERS.has(verb)) {
			this.requireCall(r);
			this.settle(r.callId);
			const to = transferTarget(verb, r.data);
			const events = [
				this.callEvent(r, `transfer-${idTime(r.ts)}`, 'call.transferred', to ? { to } : {}, true),
				this.callEvent(r, 'ended', 'call.ended', { endedBy: 'operator' }, true)
			];
			if (this.boothOf(r.agent)) events.push(this.boothEvent(r, 'available'));
			return events;
		}
		if (BOOTH_AVAILABLE.has(verb)) return [this.boothEvent(r, 'available')];
		if (BOOTH_OFFLINE.has(verb)) return [this.boothEvent(r, 'offline')];
		if (verb === 'PAUSE' || verb === 'PAUSEALL') {
			const reason = r.data[0] ? sanitizeReason(r.data[0]) : undefined;
			return [this.boothEvent(r, 'paused', reason)];
		}
		return this.ignore(verb);
	}
}


function wholeNumber(text: string | undefined): number | undefined {
	if (text === undefined || !/^\s*\d{1,9}\s*$/.test(text)) return undefined;
	return Number(text);
}

/** A pause reason kept only when it already is a code (free text is never stored). */
function sanitizeReason(text: string): string | undefined {
	const value = text.trim();
	return CODE_PATTERN.test(value) ? value : undefined;
}

/**
 * TRANSFER / BLINDTRANSFER: data1 extension, data2 context → `ext@context`.
 * ATTENDEDTRANSFER: data1 method (BRIDGE, APP, LINK), data2 its target → the target, else method.
 */
function transferTarget(verb: string, data: string[]): string | undefined {
	const [first = '', second = ''] = data.map((d) => d.trim());
	let target: string;
	if (verb === 'ATTENDEDTRANSFER') target = second || first;
	else target = first && second ? `${first}@${second}` : first;
	const code = sanitizeCode(target);
	return code || undefined;
}

// ---------------------------------------------------------------------------------------------
// Entry-point helpers
// ---------------------------------------------------------------------------------------------

export interface ReadQueueLogOptions {
	format?: QueueLogFormat;
	timeZone?: string;
	mapper?: QueueLogMapper;
}

/** Parse and map a whole text (HTTP upload). */
export function mapQueueLogText(text: string, options: ReadQueueLogOptions = {}): MappedItem[] {
	const mapper = options.mapper ?? new QueueLogMapper();
	const items = options.format === 'csv' ? parseQueueLogCsv(text, { timeZone: options.timeZone }) : parseQueueLogText(text);
	return items.map((item) => mapper.mapItem(item));
}

/** Stream a queue_log file: one `{lineNo, events}` or `{lineNo, error}` per non-blank line. */
export async function* readQueueLogFile(path: string, options: ReadQueueLogOptions = {}): AsyncGenerator<MappedItem> {
	const mapper = options.mapper ?? new QueueLogMapper();
	const csv = options.format === 'csv' ? new QueueLogCsvReader(options.timeZone ?? DEFAULT_TIME_ZONE) : null;
	const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
	let lineNo = 0;
	for await (const line of lines) {
		lineNo++;
		const item = csv ? csv.push(line, lineNo) : parseQueueLogLine(line, lineNo, 'pipe');
		if (item) yield mapper.mapItem(item);
	}
	const last = csv?.end();
	if (last) yield mapper.mapItem(last);
}
