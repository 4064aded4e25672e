/**
 * Untrusted input (forms, the JSON API) to case fields, with refusals the interface can explain:
 * `CaseError.problem` is a message-key suffix (`cases.problem.<problem>`) and `field` names the
 * field. Text is kept as typed (rendered as text, never HTML) but bounded in length.
 */
import { AREAS, MISSING_TYPES, PRIORITIES, RISK_FLAGS, SEXES, type MissingType, type Priority, type Risks, type Sex } from '$lib/cases/model';
import { zonedTimeToUtc } from '../time';

export type CaseProblem =
	| 'not_found'
	| 'conflict'
	| 'too_long'
	| 'required'
	| 'bad_value'
	| 'bad_date'
	| 'future_date'
	| 'bad_transition'
	| 'consent_required'
	| 'file_type'
	| 'file_size'
	| 'file_empty'
	| 'link_unknown'
	| 'link_expired'
	| 'link_revoked'
	| 'referral_closed'
	| 'partner_inactive'
	| 'same_case'
	| 'critical_after_high';

export class CaseError extends Error {
	constructor(
		readonly problem: CaseProblem,
		readonly field?: string,
		readonly limit?: number
	) {
		super(field ? `${field}: ${problem}${limit ? ` (limit ${limit})` : ''}` : problem);
	}
}

/** Characters allowed per kind of text field. */
export const TEXT_LIMITS = { name: 200, short: 500, long: 20_000 } as const;

/** Editable case fields; every one optional in a patch. Dates are epoch ms (UTC). */
export interface CaseFields {
	missingType: MissingType;
	priority: Priority;
	risks: Risks;
	childGivenName: string;
	childFamilyName: string;
	childOtherNames: string;
	/** YYYY-MM-DD or null. */
	childBirthDate: string | null;
	childAge: number | null;
	childSex: Sex;
	childLanguages: string;
	childNationality: string;
	childDescription: string;
	lastSeenAt: Date | null;
	lastSeenPlace: string;
	area: string;
	circumstances: string;
	policeReportedAt: Date | null;
	policeReference: string;
	interpolNotice: boolean;
	sisAlert: boolean;
	reporterName: string;
	reporterRelation: string;
	reporterPhone: string;
	reporterEmail: string;
	reportedAt: Date;
}

const TEXT_FIELDS: Partial<Record<keyof CaseFields, keyof typeof TEXT_LIMITS>> = {
	childGivenName: 'name',
	childFamilyName: 'name',
	childOtherNames: 'name',
	childLanguages: 'short',
	childNationality: 'short',
	childDescription: 'long',
	lastSeenPlace: 'short',
	circumstances: 'long',
	policeReference: 'short',
	reporterName: 'name',
	reporterRelation: 'short',
	reporterPhone: 'short',
	reporterEmail: 'short'
};

/** Control characters other than tab and newlines cannot come from a person typing. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function cleanText(value: unknown, field: string, limit: number, options: { required?: boolean } = {}): string {
	if (value === undefined || value === null) value = '';
	if (typeof value !== 'string') throw new CaseError('bad_value', field);
	const text = value.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
	if (text.length > limit) throw new CaseError('too_long', field, limit);
	if (options.required && !text) throw new CaseError('required', field);
	return text;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new CaseError('bad_value', field);
	return value as T;
}

function flag(value: unknown, field: string): boolean {
	if (value === true || value === 'true' || value === 'on' || value === '1') return true;
	if (value === false || value === 'false' || value === '' || value === '0' || value === undefined || value === null) return false;
	throw new CaseError('bad_value', field);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A moment: ISO-8601 with an offset (the API), or a form's `datetime-local` value read in the
 * hotline's time zone. Not more than 5 minutes ahead of `now`.
 */
export function parseMoment(value: unknown, field: string, timeZone: string, now: number): Date | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value !== 'string') throw new CaseError('bad_date', field);
	let ms: number;
	const local = LOCAL_DATE_TIME.exec(value);
	if (local) {
		const [, y, mo, d, h, mi, s] = local.map(Number);
		if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) throw new CaseError('bad_date', field);
		ms = zonedTimeToUtc({ year: y, month: mo, day: d }, h * 3600 + mi * 60 + (s || 0), timeZone);
	} else if (WITH_ZONE.test(value)) {
		ms = Date.parse(value);
	} else throw new CaseError('bad_date', field);
	if (!Number.isFinite(ms) || ms < Date.UTC(1990, 0, 1)) throw new CaseError('bad_date', field);
	if (ms > now + 5 * 60_000) throw new CaseError('future_date', field);
	return new Date(ms);
}

function birthDate(value: unknown, now: number): string | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new CaseError('bad_date', 'childBirthDate');
	const ms = Date.parse(`${value}T00:00:00Z`);
	if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== value || ms < Date.UTC(1900, 0, 1)) throw new CaseError('bad_date', 'childBirthDate');
	if (ms > now) throw new CaseError('future_date', 'childBirthDate');
	return value;
}

function age(value: unknown): number | null {
	if (value === undefined || value === null || value === '') return null;
	const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,3}$/.test(value.trim()) ? Number(value.trim()) : NaN;
	if (!Number.isInteger(n) || n < 0 || n > 25) throw new CaseError('bad_value', 'childAge');
	return n;
}

function risks(value: unknown): Risks {
	if (value === undefined || value === null) return {};
	if (Array.isArray(value)) {
		const result: Risks = {};
		for (const item of value) result[oneOf(item, RISK_FLAGS, 'risks')] = true;
		return result;
	}
	if (typeof value !== 'object') throw new CaseError('bad_value', 'risks');
	const result: Risks = {};
	for (const [key, on] of Object.entries(value as Record<string, unknown>)) if (flag(on, `risks.${key}`)) result[oneOf(key, RISK_FLAGS, 'risks')] = true;
	return result;
}

/**
 * Reads the fields present in `input` (absent ones are left out of the result; a patch changes
 * only what it names). Throws CaseError on the first bad field.
 */
export function parseCaseFields(input: Record<string, unknown>, settings: { timeZone: string; now: number }): Partial<CaseFields> {
	const fields: Partial<CaseFields> = {};
	const has = (name: string) => Object.prototype.hasOwnProperty.call(input, name) && input[name] !== undefined;
	for (const [name, kind] of Object.entries(TEXT_FIELDS) as [keyof CaseFields, keyof typeof TEXT_LIMITS][])
		if (has(name)) (fields as Record<string, unknown>)[name] = cleanText(input[name], name, TEXT_LIMITS[kind]);
	if (has('missingType')) fields.missingType = oneOf(input.missingType, MISSING_TYPES, 'missingType');
	if (has('priority')) fields.priority = oneOf(input.priority, PRIORITIES, 'priority');
	if (has('risks')) fields.risks = risks(input.risks);
	if (has('childBirthDate')) fields.childBirthDate = birthDate(input.childBirthDate, settings.now);
	if (has('childAge')) fields.childAge = age(input.childAge);
	if (has('childSex')) fields.childSex = oneOf(input.childSex || 'unknown', SEXES, 'childSex');
	if (has('area')) fields.area = oneOf(input.area || 'unknown', AREAS, 'area');
	if (has('lastSeenAt')) fields.lastSeenAt = parseMoment(input.lastSeenAt, 'lastSeenAt', settings.timeZone, settings.now);
	if (has('policeReportedAt')) fields.policeReportedAt = parseMoment(input.policeReportedAt, 'policeReportedAt', settings.timeZone, settings.now);
	if (has('reportedAt')) {
		const reported = parseMoment(input.reportedAt, 'reportedAt', settings.timeZone, settings.now);
		if (reported) fields.reportedAt = reported;
	}
	if (has('interpolNotice')) fields.interpolNotice = flag(input.interpolNotice, 'interpolNotice');
	if (has('sisAlert')) fields.sisAlert = flag(input.sisAlert, 'sisAlert');
	if (fields.reporterEmail && !/^[^\s@]+@[^\s@]+$/.test(fields.reporterEmail)) throw new CaseError('bad_value', 'reporterEmail');
	return fields;
}

export const CASE_FIELD_NAMES = [
	'missingType', 'priority', 'risks', 'childGivenName', 'childFamilyName', 'childOtherNames', 'childBirthDate', 'childAge', 'childSex',
	'childLanguages', 'childNationality', 'childDescription', 'lastSeenAt', 'lastSeenPlace', 'area', 'circumstances', 'policeReportedAt',
	'policeReference', 'interpolNotice', 'sisAlert', 'reporterName', 'reporterRelation', 'reporterPhone', 'reporterEmail', 'reportedAt'
] as const satisfies readonly (keyof CaseFields)[];
