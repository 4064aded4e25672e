import { describe, expect, it } from 'vitest';
import { BodyError, parseEventsBody, validateEvent } from '../../src/lib/server/ingest';

const limits = { defaultHotline: 'al-116000', now: Date.parse('2026-11-28T12:00:00Z'), maxFutureMs: 300_000 };
const base = { id: 'e1', type: 'call.queued', ts: '2026-11-28T11:00:00.000+01:00', callId: 'c1' };

describe('v1 event validation', () => {
	it('accepts ISO with offset and epoch ms, applies the default hotline', () => {
		const event = validateEvent(base, limits);
		expect(event).toMatchObject({ id: 'e1', type: 'call.queued', hotline: 'al-116000', callId: 'c1', ts: Date.parse('2026-11-28T10:00:00Z') });
		expect(validateEvent({ ...base, ts: 1764324000123 }, limits).ts).toBe(1764324000123);
	});

	it.each([
		[{ ...base, id: undefined }, 'id is required'],
		[{ ...base, id: 42 }, 'id must be a string'],
		[{ ...base, type: 'call.exploded' }, 'unknown type "call.exploded"'],
		[{ ...base, ts: '2026-11-28 11:00' }, 'ts must be ISO-8601 with a time-zone offset'],
		[{ ...base, ts: '2026-11-28T11:00:00' }, 'ts must be ISO-8601 with a time-zone offset'],
		[{ ...base, ts: '2026-13-45T11:00:00Z' }, 'ts is not a real date'],
		[{ ...base, ts: '2027-01-01T00:00:00Z' }, 'is in the future'],
		[{ ...base, ts: true }, 'ts must be an ISO-8601 string'],
		[{ ...base, ts: 1e308 }, 'ts must be epoch milliseconds'],
		[{ ...base, ts: -5 }, 'ts is before 1970-01-01'],
		[{ ...base, callId: undefined }, 'callId is required for call.queued'],
		[{ ...base, hotline: 'AL 116' }, 'hotline must be lower-case'],
		[{ ...base, extra: 1 }, 'unknown field "extra"'],
		[{ ...base, type: 'call.answered' }, 'booth is required for call.answered'],
		[{ ...base, type: 'booth.state', booth: '1', data: { state: 'asleep' } }, 'data.state must be one of'],
		[{ ...base, type: 'call.classified', data: { classes: [] } }, 'data.classes must be a non-empty array'],
		[{ ...base, type: 'call.classified', data: { classes: ['gossip'] } }, 'unknown class "gossip"'],
		[{ ...base, type: 'call.offered', data: { callerHash: '+355 69 123 4567' } }, 'never send a raw phone number'],
		[{ ...base, type: 'call.ended', data: { endedBy: 'alien' } }, 'data.endedBy must be one of'],
		[{ ...base, data: 'x' }, 'data must be an object'],
		['text', 'event must be a JSON object'],
		[[1, 2], 'event must be a JSON object']
	])('rejects %j with a precise message', (input, message) => {
		expect(() => validateEvent(input, limits)).toThrow(message);
	});

	it('keeps only whitelisted data fields (no free text reaches ClickHouse)', () => {
		const event = validateEvent({ ...base, type: 'call.classified', data: { classes: ['counseling', 'counseling', 'referral'], caseId: 'K-1' } }, limits);
		expect(event.data).toEqual({ classes: ['counseling', 'referral'], caseId: 'K-1' });
		const offered = validateEvent({ ...base, type: 'call.offered', data: { line: '116000' } }, limits);
		expect(offered.data).toEqual({ line: '116000' });
	});
});

describe('events request bodies', () => {
	it('reads a JSON array, a single object and NDJSON', () => {
		expect(parseEventsBody('[{"a":1},{"b":2}]', 'application/json').items).toEqual([{ value: { a: 1 } }, { value: { b: 2 } }]);
		expect(parseEventsBody('{"a":1}', 'application/json').items).toEqual([{ value: { a: 1 } }]);
		expect(parseEventsBody('{"a":1}\n\n{"b":2}\n', 'application/x-ndjson').items).toEqual([{ value: { a: 1 } }, { value: { b: 2 } }]);
	});

	it('rejects one bad NDJSON line, not the batch', () => {
		const { items } = parseEventsBody('{"a":1}\n{oops\n{"b":2}', 'application/x-ndjson');
		expect(items[0]).toEqual({ value: { a: 1 } });
		expect(items[1]).toMatchObject({ lineError: expect.stringContaining('line 2 is not JSON') });
		expect(items[2]).toEqual({ value: { b: 2 } });
	});

	it('answers malformed, empty and oversized bodies with a status', () => {
		const status = (fn: () => unknown) => {
			try {
				fn();
			} catch (error) {
				return (error as BodyError).status;
			}
			return 200;
		};
		expect(status(() => parseEventsBody('[{"a":1},', 'application/json'))).toBe(400);
		expect(status(() => parseEventsBody('   ', 'application/json'))).toBe(400);
		expect(status(() => parseEventsBody('not json at all', 'application/x-ndjson'))).toBe(400);
		expect(status(() => parseEventsBody('<xml/>', 'application/xml'))).toBe(415);
		expect(status(() => parseEventsBody(JSON.stringify(Array.from({ length: 10_001 }, () => ({}))), 'application/json'))).toBe(413);
	});
});
