/**
 * Adapter for the Technion "Anonymous Bank" per-call records (DESIGN.md, "Real data at hand"):
 * one tab-separated row per call, clock times local to the call centre. Each row that is a call
 * becomes the v1 events of that call, using the mapping fixed in DESIGN.md so that every figure
 * computed from them (30 584 offered, 26 621 answered, 3 963 abandoned, ASA 41.5 s for February
 * 1999) agrees with other tools.
 *
 * Pure: no I/O except `readAnonymousBank`, which streams a file line by line.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { daysBetween, offsetFormatter, zonedTimeToUtc, type LocalDate } from '../../time';
import type { RawEvent } from '../events';

export { daysBetween, utcOffsetMs, zonedTimeToUtc, type LocalDate } from '../../time';

export const ANONYMOUS_BANK_COLUMNS = [
	'vru+line',
	'call_id',
	'customer_id',
	'priority',
	'type',
	'date',
	'vru_entry',
	'vru_exit',
	'vru_time',
	'q_start',
	'q_exit',
	'q_time',
	'outcome',
	'ser_start',
	'ser_exit',
	'ser_time',
	'server'
] as const;

export const DEFAULT_TIME_ZONE = 'Europe/Tirane';

/** The clock value the source uses for "did not happen" (never queued, never served). */
const NOT_HAPPENED = 0;
const SECONDS_PER_DAY = 86_400;
const MS_PER_DAY = SECONDS_PER_DAY * 1000;
/**
 * A clock time this much earlier than the call's IVR entry belongs to the next day: the source
 * keeps one date per row, so a call that entered just before midnight and queued just after it
 * carries e.g. vru_entry 23:59:56 and q_start 0:00:02.
 */
const NEXT_DAY_THRESHOLD_SECONDS = 12 * 3600;
/** Two-digit years at or above this are 19YY, below it 20YY. */
const CENTURY_PIVOT = 70;

export type AnonymousBankOutcome = 'AGENT' | 'HANG' | 'PHANTOM';

/** A calendar date without a time zone. */

/**
 * One parsed row. Clock times are seconds after local midnight of `date`; `null` where the
 * source writes 0:00:00 for "did not happen". The customer id is deliberately not kept
 * (personal data; nothing downstream may receive it).
 */
export interface AnonymousBankRow {
	lineNo: number;
	/** The `vru+line` column: the IVR unit and line the call came in on, e.g. AA0101. */
	vruLine: string;
	/** The source's call id; unique per `vruLine` over the month, not across lines. */
	callId: string;
	priority: string;
	serviceType: string;
	/** The `date` column as written (YYMMDD). */
	dateText: string;
	date: LocalDate;
	vruEntry: number;
	vruExit: number;
	/** Seconds; negative in a few source rows (clock corrections), unused by the mapping. */
	vruTime: number;
	qStart: number | null;
	qExit: number | null;
	/** Seconds waited in the queue. */
	qTime: number;
	outcome: AnonymousBankOutcome;
	serStart: number | null;
	serExit: number | null;
	/** Seconds of service (talk). */
	serTime: number;
	/** Agent name, or null for NO_SERVER / empty. */
	server: string | null;
}

export type ParseResult = { ok: true; row: AnonymousBankRow } | { ok: false; lineNo: number; error: string };

export const SKIP_REASONS = ['phantom', 'agent_without_server', 'agent_without_service_start', 'hang_without_queue'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export type RowKind = { kind: 'served'; server: string } | { kind: 'abandoned' } | { kind: 'skipped'; reason: SkipReason };

export interface AnonymousBankEventOptions {
	/** Hotline id put on every event; omitted when not given (ingest applies its default). */
	hotline?: string;
	/** IANA zone the clock times are read in. */
	timeZone: string;
	/** Whole days added to every row's date, keeping local clock times. */
	dateShiftDays?: number;
}

export interface AnonymousBankReadOptions {
	hotline?: string;
	/** IANA zone the clock times are read in; default Europe/Tirane. */
	timeZone?: string;
	/** YYYY-MM-DD: shift every call by whole days so the file's earliest date lands on this date. */
	startDate?: string;
}

export interface AnonymousBankStats {
	/** Data rows read (header and blank lines excluded), including bad ones. */
	rows: number;
	/** Rows that became a call (served + abandoned). */
	calls: number;
	served: number;
	abandoned: number;
	skipped: Record<SkipReason, number>;
	/** Rows that could not be parsed; each is also yielded as an error item. */
	badLines: number;
}

export type AnonymousBankItem = { lineNo: number; events: RawEvent[] } | { lineNo: number; error: string };

const TIME_PATTERN = /^(\d{1,2}):(\d{2}):(\d{2})$/;
const DATE_PATTERN = /^(\d{2})(\d{2})(\d{2})$/;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INTEGER_PATTERN = /^-?\d+$/;
const CALL_ID_PATTERN = /^[A-Za-z0-9]{1,20}$/;
const VRU_LINE_PATTERN = /^[A-Za-z0-9]{1,20}$/;
const SERVER_PATTERN = /^[A-Za-z0-9_]{1,40}$/;
const NO_SERVER = 'NO_SERVER';

class RowError extends Error {}

function parseClock(text: string, column: string): number {
	const match = TIME_PATTERN.exec(text);
	if (!match) throw new RowError(`${column} must be a time H:MM:SS, got "${text.slice(0, 20)}"`);
	const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (hours > 23 || minutes > 59 || seconds > 59) throw new RowError(`${column} is not a clock time: "${text}"`);
	return hours * 3600 + minutes * 60 + seconds;
}

function parseOptionalClock(text: string, column: string): number | null {
	const seconds = parseClock(text, column);
	return seconds === NOT_HAPPENED ? null : seconds;
}

function parseInteger(text: string, column: string, { allowNegative }: { allowNegative: boolean }): number {
	if (!INTEGER_PATTERN.test(text)) throw new RowError(`${column} must be a whole number of seconds, got "${text.slice(0, 20)}"`);
	const value = Number(text);
	if (!allowNegative && value < 0) throw new RowError(`${column} must not be negative, got ${value}`);
	return value;
}

function isRealDate(date: LocalDate): boolean {
	const probe = new Date(Date.UTC(date.year, date.month - 1, date.day));
	return probe.getUTCFullYear() === date.year && probe.getUTCMonth() === date.month - 1 && probe.getUTCDate() === date.day;
}

function parseSourceDate(text: string): LocalDate {
	const match = DATE_PATTERN.exec(text);
	if (!match) throw new RowError(`date must be YYMMDD, got "${text.slice(0, 20)}"`);
	const yy = Number(match[1]);
	const date = { year: yy >= CENTURY_PIVOT ? 1900 + yy : 2000 + yy, month: Number(match[2]), day: Number(match[3]) };
	if (!isRealDate(date)) throw new RowError(`date is not a real date: "${text}"`);
	return date;
}

/** Parse `YYYY-MM-DD` (e.g. a `--start` option); throws with a clear message otherwise. */
export function parseIsoDate(text: string): LocalDate {
	const match = ISO_DATE_PATTERN.exec(text);
	const date = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
	if (!date || !isRealDate(date)) throw new Error(`start date must be a real date YYYY-MM-DD, got "${text}"`);
	return date;
}

function parseOutcome(text: string): AnonymousBankOutcome {
	if (text === 'AGENT' || text === 'HANG' || text === 'PHANTOM') return text;
	throw new RowError(`outcome must be AGENT, HANG or PHANTOM, got "${text.slice(0, 20)}"`);
}

function parseServer(text: string): string | null {
	if (text === '' || text === NO_SERVER) return null;
	if (!SERVER_PATTERN.test(text)) throw new RowError(`server must be a name of letters and digits, got "${text.slice(0, 40)}"`);
	return text;
}

/** Whether a line is the file's header (its first column is named, not a value). */
export function isAnonymousBankHeader(line: string): boolean {
	return line.startsWith(`${ANONYMOUS_BANK_COLUMNS[0]}\t`);
}

/**
 * Parse one data line (tab separated, trailing CR tolerated). Never throws: a malformed line
 * comes back as `{ ok: false, lineNo, error }` naming the column at fault.
 */
export function parseAnonymousBankLine(line: string, lineNo: number): ParseResult {
	const fields = line.replace(/\r$/, '').split('\t');
	if (fields.length !== ANONYMOUS_BANK_COLUMNS.length)
		return { ok: false, lineNo, error: `line ${lineNo}: expected ${ANONYMOUS_BANK_COLUMNS.length} tab-separated columns, got ${fields.length}` };
	const [vruLine, callId, , priority, serviceType, dateText, vruEntry, vruExit, vruTime, qStart, qExit, qTime, outcome, serStart, serExit, serTime, server] =
		fields.map((field) => field.trim());
	try {
		if (!VRU_LINE_PATTERN.test(vruLine)) throw new RowError(`vru+line must be letters and digits, got "${vruLine.slice(0, 20)}"`);
		if (!CALL_ID_PATTERN.test(callId)) throw new RowError(`call_id must be letters and digits, got "${callId.slice(0, 20)}"`);
		const row: AnonymousBankRow = {
			lineNo,
			vruLine,
			callId,
			priority,
			serviceType,
			dateText,
			date: parseSourceDate(dateText),
			vruEntry: parseClock(vruEntry, 'vru_entry'),
			vruExit: parseClock(vruExit, 'vru_exit'),
			vruTime: parseInteger(vruTime, 'vru_time', { allowNegative: true }),
			qStart: parseOptionalClock(qStart, 'q_start'),
			qExit: parseOptionalClock(qExit, 'q_exit'),
			qTime: parseInteger(qTime, 'q_time', { allowNegative: false }),
			outcome: parseOutcome(outcome),
			serStart: parseOptionalClock(serStart, 'ser_start'),
			serExit: parseOptionalClock(serExit, 'ser_exit'),
			serTime: parseInteger(serTime, 'ser_time', { allowNegative: false }),
			server: parseServer(server)
		};
		return { ok: true, row };
	} catch (error) {
		if (error instanceof RowError) return { ok: false, lineNo, error: `line ${lineNo}: ${error.message}` };
		throw error;
	}
}

/** Whether a row is a served call, an abandoned call, or skipped (and why), per DESIGN.md. */
export function classifyAnonymousBankRow(row: AnonymousBankRow): RowKind {
	switch (row.outcome) {
		case 'AGENT':
			if (row.server === null) return { kind: 'skipped', reason: 'agent_without_server' };
			if (row.serStart === null) return { kind: 'skipped', reason: 'agent_without_service_start' };
			return { kind: 'served', server: row.server };
		case 'HANG':
			if (row.qStart === null) return { kind: 'skipped', reason: 'hang_without_queue' };
			return { kind: 'abandoned' };
		case 'PHANTOM':
			return { kind: 'skipped', reason: 'phantom' };
	}
}


function shiftDate(date: LocalDate, days: number): LocalDate {
	const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
	return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}


function compactDate(date: LocalDate): string {
	return `${date.year}${String(date.month).padStart(2, '0')}${String(date.day).padStart(2, '0')}`;
}

/** A clock time of the row as seconds after midnight of the row's date, rolled past midnight when needed. */
function sinceRowMidnight(row: AnonymousBankRow, clockSeconds: number): number {
	return clockSeconds < row.vruEntry - NEXT_DAY_THRESHOLD_SECONDS ? clockSeconds + SECONDS_PER_DAY : clockSeconds;
}

/**
 * The v1 events of one row: served → call.queued, call.answered, call.ended; abandoned →
 * call.queued, call.abandoned; skipped rows → none. Ids are `ab-<local date>-<vru+line>-<call_id>-<step>`
 * (the source's call id repeats across lines, never within one) with the date after any shift,
 * so a replay moved to other days is not taken for a resend of the original.
 */
export function anonymousBankCallToEvents(row: AnonymousBankRow, opts: AnonymousBankEventOptions): RawEvent[] {
	const kind = classifyAnonymousBankRow(row);
	if (kind.kind === 'skipped') return [];
	const date = shiftDate(row.date, opts.dateShiftDays ?? 0);
	const callId = `ab-${compactDate(date)}-${row.vruLine}-${row.callId}`;
	const queuedClock = sinceRowMidnight(row, row.qStart ?? row.vruExit);
	const queuedAt = zonedTimeToUtc(date, queuedClock, opts.timeZone);
	// A call that never queued waited 0 s, whatever q_time says.
	const waitMs = (row.qStart === null ? 0 : row.qTime) * 1000;
	const base = (step: string, type: string, ts: number): RawEvent => {
		const event: RawEvent = { id: `${callId}-${step}`, type, ts, callId };
		if (opts.hotline !== undefined) event.hotline = opts.hotline;
		return event;
	};
	const queued = base('queued', 'call.queued', queuedAt);
	if (kind.kind === 'abandoned') return [queued, base('abandoned', 'call.abandoned', queuedAt + waitMs)];
	const server = kind.server;
	const answeredAt = queuedAt + waitMs;
	const answered = { ...base('answered', 'call.answered', answeredAt), booth: server, operator: server.toLowerCase() };
	const ended = {
		...base('ended', 'call.ended', answeredAt + row.serTime * 1000),
		booth: server,
		operator: server.toLowerCase(),
		data: { endedBy: 'caller' }
	};
	return [queued, answered, ended];
}

export function emptyAnonymousBankStats(): AnonymousBankStats {
	return {
		rows: 0,
		calls: 0,
		served: 0,
		abandoned: 0,
		skipped: Object.fromEntries(SKIP_REASONS.map((reason) => [reason, 0])) as Record<SkipReason, number>,
		badLines: 0
	};
}

async function* fileLines(filePath: string): AsyncGenerator<{ line: string; lineNo: number }> {
	const lines = createInterface({ input: createReadStream(filePath, { encoding: 'utf8' }), crlfDelay: Infinity });
	let lineNo = 0;
	for await (const line of lines) {
		lineNo += 1;
		yield { line, lineNo };
	}
}

/** The earliest date among the file's parseable rows, or null when it has none. */
export async function earliestAnonymousBankDate(filePath: string): Promise<LocalDate | null> {
	let earliest: LocalDate | null = null;
	for await (const { line } of fileLines(filePath)) {
		let date: LocalDate;
		try {
			date = parseSourceDate(line.split('\t', 6)[5] ?? '');
		} catch {
			continue;
		}
		if (earliest === null || daysBetween(date, earliest) > 0) earliest = date;
	}
	return earliest;
}

/**
 * Stream a file: one item per call row (its events) or per bad line (its error). Skipped rows
 * yield nothing and are counted in `stats`, which is updated as the file is read (usable for
 * progress) and is also the generator's return value. With `startDate`, the file is read once
 * more beforehand to find its earliest date.
 */
export async function* readAnonymousBank(
	filePath: string,
	opts: AnonymousBankReadOptions = {},
	stats: AnonymousBankStats = emptyAnonymousBankStats()
): AsyncGenerator<AnonymousBankItem, AnonymousBankStats> {
	const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
	// Fail on an unknown zone before reading anything.
	offsetFormatter(timeZone);
	let dateShiftDays = 0;
	if (opts.startDate !== undefined) {
		const start = parseIsoDate(opts.startDate);
		const earliest = await earliestAnonymousBankDate(filePath);
		if (earliest !== null) dateShiftDays = daysBetween(earliest, start);
	}
	const eventOptions: AnonymousBankEventOptions = { hotline: opts.hotline, timeZone, dateShiftDays };
	for await (const { line, lineNo } of fileLines(filePath)) {
		if (line.trim() === '') continue;
		if (lineNo === 1 && isAnonymousBankHeader(line)) continue;
		stats.rows += 1;
		const parsed = parseAnonymousBankLine(line, lineNo);
		if (!parsed.ok) {
			stats.badLines += 1;
			yield { lineNo, error: parsed.error };
			continue;
		}
		const kind = classifyAnonymousBankRow(parsed.row);
		if (kind.kind === 'skipped') {
			stats.skipped[kind.reason] += 1;
			continue;
		}
		stats.calls += 1;
		stats[kind.kind] += 1;
		yield { lineNo, events: anonymousBankCallToEvents(parsed.row, eventOptions) };
	}
	return stats;
}
