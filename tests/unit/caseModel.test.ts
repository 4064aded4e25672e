/**
 * The case model's rules without a database: the status graph, the priority a checklist suggests,
 * the child-alert criteria, age bands, and how people's input is read (time zones, limits, codes).
 */
import { describe, expect, it } from 'vitest';
import { ageBand, ageOn, amberAlertCriteria, canMove, CASE_STATUSES, STATUS_GRAPH, suggestedPriority } from '../../src/lib/cases/model';
import { CaseError, parseCaseFields } from '../../src/lib/server/cases';

const TZ = 'Europe/Tirane';
const NOW = Date.parse('2026-11-28T12:00:00Z');
const parse = (input: Record<string, unknown>) => parseCaseFields(input, { timeZone: TZ, now: NOW });
function problemOf(input: Record<string, unknown>): [string, string | undefined] {
	try {
		parse(input);
	} catch (error) {
		if (error instanceof CaseError) return [error.problem, error.field];
		throw error;
	}
	return ['none', undefined];
}

describe('status graph', () => {
	it('reaches every status from reported and lets a closed case be reopened', () => {
		const reached = new Set(['reported']);
		const queue = ['reported'];
		while (queue.length) for (const next of STATUS_GRAPH[queue.shift() as keyof typeof STATUS_GRAPH]) if (!reached.has(next)) reached.add(next) && queue.push(next);
		expect([...reached].sort()).toEqual([...CASE_STATUSES].sort());
		expect(canMove('closed', 'search_active')).toBe(true);
		expect(canMove('search_active', 'sighting_reported') && canMove('sighting_reported', 'search_active')).toBe(true);
		expect(canMove('reported', 'closed')).toBe(false);
		expect(canMove('found_deceased', 'search_active')).toBe(false);
	});
});

describe('priority and child alerts', () => {
	it('suggests critical for danger to life or criminal abduction, high for young or vulnerable children', () => {
		expect(suggestedPriority({ dangerToLife: true }, 'runaway')).toBe('critical');
		expect(suggestedPriority({}, 'criminal_abduction')).toBe('critical');
		expect(suggestedPriority({ under13: true }, 'runaway')).toBe('high');
		expect(suggestedPriority({}, 'parental_abduction_international')).toBe('high');
		expect(suggestedPriority({ priorEpisodes: true }, 'runaway')).toBe('normal');
	});

	it('meets the AMBER criteria only for an abducted minor in danger who can be described', () => {
		const base = { age: 9, risks: { abduction: true, dangerToLife: true }, missingType: 'other' as const, hasDescription: true, hasPhoto: false };
		expect(amberAlertCriteria(base).met).toBe(true);
		expect(amberAlertCriteria({ ...base, age: 18 }).met).toBe(false);
		expect(amberAlertCriteria({ ...base, risks: { abduction: true } }).met).toBe(false);
		expect(amberAlertCriteria({ ...base, hasDescription: false }).met).toBe(false);
		expect(amberAlertCriteria({ ...base, hasDescription: false, hasPhoto: true }).met).toBe(true);
	});

	it('counts age in whole years and bands it', () => {
		expect(ageOn('2014-11-29', new Date(NOW))).toBe(11);
		expect(ageOn('2014-11-28', new Date(NOW))).toBe(12);
		expect([null, 0, 5, 6, 12, 13, 15, 16, 17, 18].map(ageBand)).toEqual(['unknown', '0-5', '0-5', '6-12', '6-12', '13-15', '13-15', '16-17', '16-17', '18+']);
	});
});

describe('reading case input', () => {
	it('reads a form time in the hotline time zone and an API time with its offset', () => {
		expect(parse({ lastSeenAt: '2026-11-28T08:30' }).lastSeenAt?.toISOString()).toBe('2026-11-28T07:30:00.000Z');
		expect(parse({ lastSeenAt: '2026-07-01T08:30' }).lastSeenAt?.toISOString()).toBe('2026-07-01T06:30:00.000Z');
		expect(parse({ lastSeenAt: '2026-11-28T08:30:00+01:00' }).lastSeenAt?.toISOString()).toBe('2026-11-28T07:30:00.000Z');
		expect(parse({ lastSeenAt: '' }).lastSeenAt).toBeNull();
	});

	it('keeps only the fields given, trims text and drops control characters', () => {
		const fields = parse({ childGivenName: '  Arta\u0000 ', risks: ['under13', 'medical'], interpolNotice: 'on' });
		expect(fields).toEqual({ childGivenName: 'Arta', risks: { under13: true, medical: true }, interpolNotice: true });
	});

	it('names the field it refuses', () => {
		expect(problemOf({ childGivenName: 'x'.repeat(201) })).toEqual(['too_long', 'childGivenName']);
		expect(problemOf({ childDescription: 'x'.repeat(20_000) })).toEqual(['none', undefined]);
		expect(problemOf({ missingType: 'abducted' })).toEqual(['bad_value', 'missingType']);
		expect(problemOf({ risks: ['nothing'] })).toEqual(['bad_value', 'risks']);
		expect(problemOf({ childAge: '-1' })).toEqual(['bad_value', 'childAge']);
		expect(problemOf({ childBirthDate: '2027-01-01' })).toEqual(['future_date', 'childBirthDate']);
		expect(problemOf({ lastSeenAt: '28/11/2026' })).toEqual(['bad_date', 'lastSeenAt']);
		expect(problemOf({ lastSeenAt: '2026-11-28T13:30' })).toEqual(['future_date', 'lastSeenAt']);
		expect(problemOf({ area: 'AL-99' })).toEqual(['bad_value', 'area']);
		expect(problemOf({ reporterEmail: 'not an address' })).toEqual(['bad_value', 'reporterEmail']);
		expect(problemOf({ childGivenName: 42 })).toEqual(['bad_value', 'childGivenName']);
	});
});
