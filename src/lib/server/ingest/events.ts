/**
 * Call events, contract v1 (DESIGN.md): the one shape every source is turned into, and the
 * validation that turns untrusted JSON into it with precise messages.
 */

export const CALL_CLASSES = [
	'localization',
	'counseling',
	'info_child',
	'info_parent',
	'info_professional',
	'referral'
] as const;
export type CallClass = (typeof CALL_CLASSES)[number];

export const BOOTH_STATES = ['offline', 'available', 'ringing', 'on_call', 'wrap_up', 'paused'] as const;
export type BoothState = (typeof BOOTH_STATES)[number];

export const CASE_EVENT_TYPES = [
	'case.opened',
	'case.status_changed',
	'case.referred',
	'case.partner_responded',
	'case.located',
	'case.closed'
] as const;

export const CALL_EVENT_TYPES = [
	'call.offered',
	'call.queued',
	'call.ringing',
	'call.answered',
	'call.held',
	'call.resumed',
	'call.transferred',
	'call.ended',
	'call.abandoned',
	'call.timeout',
	'call.classified'
] as const;

export const EVENT_TYPES = [...CALL_EVENT_TYPES, 'booth.state', ...CASE_EVENT_TYPES] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A validated v1 event. `ts` is epoch milliseconds (UTC). */
export interface CallEvent {
	id: string;
	type: EventType;
	ts: number;
	hotline: string;
	callId?: string;
	booth?: string;
	operator?: string;
	data: EventData;
}

/** The type-specific fields that may be stored. Anything else in `data` is dropped (privacy). */
export interface EventData {
	callerHash?: string;
	line?: string;
	position?: number;
	to?: string;
	endedBy?: 'caller' | 'operator' | 'system';
	reason?: string;
	classes?: CallClass[];
	caseId?: string;
	state?: BoothState;
	status?: string;
	partner?: string;
	durationSeconds?: number;
	/** case.* only: codes and clocks (never names or free text). */
	fromStatus?: string;
	missingType?: string;
	priority?: string;
	ageBand?: string;
	area?: string;
	/** Which missing episode of the same child this case is (1 = first). */
	episode?: number;
	crossBorder?: boolean;
	action?: string;
	referralId?: string;
	/** Seconds from "last seen" to this event (located). */
	sinceLastSeenSeconds?: number;
	/** The partner's expected response time, seconds (partner_responded). */
	expectedSeconds?: number;
}

/** What a source hands to ingest before validation: `ts` may be ISO text or epoch ms. */
export interface RawEvent {
	id: string;
	type: string;
	ts: string | number;
	hotline?: string;
	callId?: string;
	booth?: string;
	operator?: string;
	data?: Record<string, unknown>;
}

export interface ValidationLimits {
	defaultHotline: string;
	/** Clock used for the far-future check, epoch ms. */
	now: number;
	/** How far ahead of `now` a timestamp may be (clock skew allowance), ms. */
	maxFutureMs: number;
}

export const DEFAULT_MAX_FUTURE_MS = 5 * 60_000;
/** Oldest timestamp accepted: 1970-01-01, so replays of old data sets work. */
const MIN_TS = 0;
const ID_PATTERN = /^[\x21-\x7e]{1,128}$/;
const HOTLINE_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const CODE_PATTERN = /^[A-Za-z0-9_.:@+-]{1,64}$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const ALLOWED_TOP = new Set(['id', 'type', 'ts', 'hotline', 'callId', 'booth', 'operator', 'data']);
const EVENT_TYPE_SET = new Set<string>(EVENT_TYPES);
const CLASS_SET = new Set<string>(CALL_CLASSES);
const BOOTH_STATE_SET = new Set<string>(BOOTH_STATES);

export class EventValidationError extends Error {}

function fail(message: string): never {
	throw new EventValidationError(message);
}

function optionalCode(value: unknown, field: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string') fail(`${field} must be a string, got ${typeof value}`);
	if (!CODE_PATTERN.test(value)) fail(`${field} must be 1–64 characters of letters, digits and _.:@+-, got "${value.slice(0, 80)}"`);
	return value;
}

function parseTimestamp(value: unknown): number {
	if (typeof value === 'number') {
		// Beyond ±8.64e15 ms there is no JavaScript date at all.
		if (!Number.isFinite(value) || Math.abs(value) > 8.64e15) fail('ts must be epoch milliseconds (e.g. 1764345723120)');
		return Math.round(value);
	}
	if (typeof value !== 'string') fail(`ts must be an ISO-8601 string with offset or epoch milliseconds, got ${value === null ? 'null' : typeof value}`);
	if (!ISO_WITH_ZONE.test(value)) fail(`ts must be ISO-8601 with a time-zone offset (e.g. 2026-11-28T17:02:03.120+01:00), got "${value.slice(0, 40)}"`);
	const ms = Date.parse(value);
	if (Number.isNaN(ms)) fail(`ts is not a real date: "${value}"`);
	return ms;
}

function validateData(type: EventType, raw: unknown, hasCaseId: boolean): EventData {
	if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) fail('data must be an object');
	const input = (raw ?? {}) as Record<string, unknown>;
	const data: EventData = {};
	switch (type) {
		case 'call.offered': {
			const callerHash = input.callerHash;
			if (callerHash !== undefined) {
				if (typeof callerHash !== 'string' || !/^[A-Za-z0-9_-]{16,128}$/.test(callerHash))
					fail('data.callerHash must be a hash (16–128 letters, digits, _ or -); never send a raw phone number');
				data.callerHash = callerHash;
			}
			data.line = optionalCode(input.line, 'data.line');
			break;
		}
		case 'call.queued': {
			if (input.position !== undefined) {
				if (!Number.isInteger(input.position) || (input.position as number) < 0) fail('data.position must be a whole number ≥ 0');
				data.position = input.position as number;
			}
			break;
		}
		case 'call.transferred': {
			data.to = optionalCode(input.to, 'data.to');
			break;
		}
		case 'call.ended': {
			const endedBy = input.endedBy;
			if (endedBy !== undefined) {
				if (endedBy !== 'caller' && endedBy !== 'operator' && endedBy !== 'system')
					fail(`data.endedBy must be one of caller, operator, system, got "${String(endedBy).slice(0, 40)}"`);
				data.endedBy = endedBy;
			}
			break;
		}
		case 'call.timeout': {
			data.reason = optionalCode(input.reason, 'data.reason');
			break;
		}
		case 'call.classified': {
			const classes = input.classes;
			if (!Array.isArray(classes) || classes.length === 0) fail(`data.classes must be a non-empty array of: ${CALL_CLASSES.join(', ')}`);
			for (const cls of classes) {
				if (typeof cls !== 'string' || !CLASS_SET.has(cls)) fail(`data.classes has unknown class "${String(cls).slice(0, 40)}"; allowed: ${CALL_CLASSES.join(', ')}`);
			}
			data.classes = [...new Set(classes as CallClass[])];
			data.caseId = optionalCode(input.caseId, 'data.caseId');
			break;
		}
		case 'booth.state': {
			const state = input.state;
			if (typeof state !== 'string' || !BOOTH_STATE_SET.has(state)) fail(`data.state must be one of ${BOOTH_STATES.join(', ')}, got ${state === undefined ? 'nothing' : `"${String(state).slice(0, 40)}"`}`);
			data.state = state as BoothState;
			data.reason = optionalCode(input.reason, 'data.reason');
			break;
		}
		default: {
			if (type.startsWith('case.')) {
				data.caseId = optionalCode(input.caseId, 'data.caseId');
				if (!data.caseId && !hasCaseId) fail(`data.caseId is required for ${type}`);
				for (const field of ['status', 'partner', 'fromStatus', 'missingType', 'priority', 'ageBand', 'area', 'action', 'referralId'] as const)
					data[field] = optionalCode(input[field], `data.${field}`);
				for (const field of ['durationSeconds', 'sinceLastSeenSeconds', 'expectedSeconds'] as const) {
					const value = input[field];
					if (value === undefined || value === null) continue;
					if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) fail(`data.${field} must be a number ≥ 0`);
					data[field] = value;
				}
				if (input.episode !== undefined) {
					if (!Number.isInteger(input.episode) || (input.episode as number) < 1 || (input.episode as number) > 65535) fail('data.episode must be a whole number from 1');
					data.episode = input.episode as number;
				}
				if (input.crossBorder !== undefined) {
					if (typeof input.crossBorder !== 'boolean') fail('data.crossBorder must be true or false');
					data.crossBorder = input.crossBorder;
				}
			}
		}
	}
	for (const key of Object.keys(data) as (keyof EventData)[]) if (data[key] === undefined) delete data[key];
	return data;
}

/** Validate one untrusted event; throws EventValidationError with a message naming the field. */
export function validateEvent(raw: unknown, limits: ValidationLimits): CallEvent {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('event must be a JSON object');
	const input = raw as Record<string, unknown>;
	for (const key of Object.keys(input)) if (!ALLOWED_TOP.has(key)) fail(`unknown field "${key.slice(0, 40)}"`);
	if (input.id === undefined) fail('id is required');
	if (typeof input.id !== 'string' || !ID_PATTERN.test(input.id)) fail('id must be a string of 1–128 printable ASCII characters without spaces');
	if (input.type === undefined) fail('type is required');
	if (typeof input.type !== 'string') fail('type must be a string');
	if (!EVENT_TYPE_SET.has(input.type)) fail(`unknown type "${input.type.slice(0, 40)}"; known: ${EVENT_TYPES.join(', ')}`);
	const type = input.type as EventType;
	if (input.ts === undefined) fail('ts is required');
	const ts = parseTimestamp(input.ts);
	if (ts < MIN_TS) fail('ts is before 1970-01-01');
	if (ts > limits.now + limits.maxFutureMs)
		fail(`ts ${new Date(ts).toISOString()} is in the future (server time ${new Date(limits.now).toISOString()}, allowed skew ${Math.round(limits.maxFutureMs / 1000)} s)`);
	let hotline = limits.defaultHotline;
	if (input.hotline !== undefined) {
		if (typeof input.hotline !== 'string' || !HOTLINE_PATTERN.test(input.hotline)) fail('hotline must be lower-case letters, digits and dashes (e.g. al-116000)');
		hotline = input.hotline;
	}
	const callId = optionalCode(input.callId, 'callId');
	const booth = optionalCode(input.booth, 'booth');
	const operator = optionalCode(input.operator, 'operator');
	if (type.startsWith('call.') && !callId) fail(`callId is required for ${type}`);
	if (type === 'booth.state' && !booth) fail('booth is required for booth.state');
	if ((type === 'call.answered' || type === 'call.ringing') && !booth) fail(`booth is required for ${type}`);
	const data = validateData(type, input.data, false);
	const event: CallEvent = { id: input.id, type, ts, hotline, data };
	if (callId) event.callId = callId;
	if (booth) event.booth = booth;
	if (operator) event.operator = operator;
	return event;
}
