/**
 * The case's editable fields as a form holds them (strings, a list of risk flags, two switches),
 * shared by /cases/new and the case page's section forms: what a form starts from (a saved case
 * or what was typed before a refusal), which fields each section edits, and how a submitted form
 * becomes the service's input (names exactly as CaseFields in $lib/server/cases/validate.ts).
 */
import { RISK_FLAGS, ageOn, suggestedPriority, MISSING_TYPES, type MissingType, type Priority, type Risks } from '$lib/cases/model';

export interface CaseFormValues {
	missingType: string;
	/** "" on the new-case form means "as the risk checklist suggests". */
	priority: string;
	risks: string[];
	childGivenName: string;
	childFamilyName: string;
	childOtherNames: string;
	childBirthDate: string;
	childAge: string;
	childSex: string;
	childLanguages: string;
	childNationality: string;
	childDescription: string;
	lastSeenAt: string;
	lastSeenPlace: string;
	area: string;
	circumstances: string;
	policeReportedAt: string;
	policeReference: string;
	interpolNotice: boolean;
	sisAlert: boolean;
	reporterName: string;
	reporterRelation: string;
	reporterPhone: string;
	reporterEmail: string;
	reportedAt: string;
}

export type CaseFormField = keyof CaseFormValues;

/** The sections of the case page, each edited by its own form, and the fields each one sends. */
export const SECTION_FIELDS = {
	classification: ['missingType', 'priority', 'risks'],
	child: ['childGivenName', 'childFamilyName', 'childOtherNames', 'childBirthDate', 'childAge', 'childSex', 'childLanguages', 'childNationality', 'childDescription'],
	disappearance: ['lastSeenAt', 'lastSeenPlace', 'area', 'circumstances', 'policeReportedAt', 'policeReference', 'interpolNotice', 'sisAlert'],
	reporter: ['reporterName', 'reporterRelation', 'reporterPhone', 'reporterEmail', 'reportedAt']
} as const satisfies Record<string, readonly CaseFormField[]>;

export type CaseSection = keyof typeof SECTION_FIELDS;
export const CASE_SECTIONS = Object.keys(SECTION_FIELDS) as CaseSection[];
const ALL_FIELDS = Object.values(SECTION_FIELDS).flat() as CaseFormField[];

const BOOLEAN_FIELDS: readonly CaseFormField[] = ['interpolNotice', 'sisAlert'];

export function isSection(value: unknown): value is CaseSection {
	return typeof value === 'string' && Object.hasOwn(SECTION_FIELDS, value);
}

export function emptyValues(): CaseFormValues {
	return {
		missingType: '',
		priority: '',
		risks: [],
		childGivenName: '',
		childFamilyName: '',
		childOtherNames: '',
		childBirthDate: '',
		childAge: '',
		childSex: 'unknown',
		childLanguages: '',
		childNationality: '',
		childDescription: '',
		lastSeenAt: '',
		lastSeenPlace: '',
		area: 'unknown',
		circumstances: '',
		policeReportedAt: '',
		policeReference: '',
		interpolNotice: false,
		sisAlert: false,
		reporterName: '',
		reporterRelation: '',
		reporterPhone: '',
		reporterEmail: '',
		reportedAt: ''
	};
}

/**
 * A moment as a `datetime-local` value ("2026-11-28T17:05") in the hotline's time zone — what the
 * service reads such values as. Same text on server and browser (no runtime-zone dependence).
 */
export function toLocalInput(value: Date | string | number | null | undefined, timeZone: string): string {
	if (value === null || value === undefined || value === '') return '';
	const date = value instanceof Date ? value : new Date(value);
	if (Number.isNaN(date.getTime())) return '';
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(date);
	const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
	return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/** The saved case as form values (the section forms start from these). */
export function valuesFromCase(row: Record<string, unknown>, timeZone: string): CaseFormValues {
	const values = emptyValues();
	const text = (name: CaseFormField) => {
		const value = row[name];
		return value === null || value === undefined ? '' : String(value);
	};
	for (const name of ALL_FIELDS) {
		if (name === 'risks') values.risks = Object.entries((row.risks ?? {}) as Record<string, boolean>).filter(([, on]) => on).map(([flag]) => flag);
		else if (name === 'interpolNotice' || name === 'sisAlert') values[name] = !!row[name];
		else if (name === 'lastSeenAt' || name === 'policeReportedAt' || name === 'reportedAt') values[name] = toLocalInput(row[name] as Date | null, timeZone);
		else values[name] = text(name);
	}
	return values;
}

/** What was typed, read back from a submitted form (all fields, or those of one section). */
export function valuesFromForm(form: FormData, fields: readonly CaseFormField[] = ALL_FIELDS): Partial<CaseFormValues> {
	const values: Partial<CaseFormValues> = {};
	for (const name of fields) {
		if (name === 'risks') values.risks = form.getAll('risks').filter((v): v is string => typeof v === 'string').slice(0, RISK_FLAGS.length);
		else if (name === 'interpolNotice' || name === 'sisAlert') values[name] = form.get(name) === 'on';
		else {
			const value = form.get(name);
			// Longer than any field allows, so the service still refuses it as too long.
			(values as Record<string, string>)[name] = typeof value === 'string' ? value.slice(0, 25_000) : '';
		}
	}
	return values;
}

/**
 * The fields a person actually changed: what they typed against what the form started from (sent
 * along as JSON). Saving only those keeps someone else's change to another field of the same
 * section, and the timeline names exactly what changed. Without a usable original, everything
 * typed counts as changed.
 */
export function changedValues(typed: Partial<CaseFormValues>, originalJson: string): Partial<CaseFormValues> {
	let original: Record<string, unknown>;
	try {
		const parsed: unknown = JSON.parse(originalJson);
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return typed;
		original = parsed as Record<string, unknown>;
	} catch {
		return typed;
	}
	const same = (a: unknown, b: unknown) =>
		Array.isArray(a) && Array.isArray(b) ? [...a].sort().join('\n') === [...b].sort().join('\n') : a === b;
	const changed: Partial<CaseFormValues> = {};
	for (const [name, value] of Object.entries(typed) as [CaseFormField, unknown][]) {
		if (!Object.hasOwn(original, name) || !same(value, original[name])) (changed as Record<string, unknown>)[name] = value;
	}
	return changed;
}

/** The values of one section (what its form sends and compares). */
export function sectionValues(values: CaseFormValues, section: CaseSection): Partial<CaseFormValues> {
	return Object.fromEntries(SECTION_FIELDS[section].map((name) => [name, values[name]])) as Partial<CaseFormValues>;
}

/** The service's input (CaseFields names): text as typed, risks as a list, switches as booleans. */
export function serviceInput(values: Partial<CaseFormValues>): Record<string, unknown> {
	const input: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(values)) {
		if (BOOLEAN_FIELDS.includes(name as CaseFormField)) input[name] = !!value;
		else input[name] = value;
	}
	return input;
}

function risksOf(flags: readonly string[]): Risks {
	return Object.fromEntries(flags.filter((flag) => (RISK_FLAGS as readonly string[]).includes(flag)).map((flag) => [flag, true]));
}

/** The checklist's suggestion for these values (normal while no missing type is chosen). */
export function suggestionFor(values: Pick<CaseFormValues, 'risks' | 'missingType'>): Priority {
	const type = (MISSING_TYPES as readonly string[]).includes(values.missingType) ? (values.missingType as MissingType) : 'other';
	return suggestedPriority(risksOf(values.risks), type);
}

/** The child's age in whole years from a birth date or a typed age; null when neither is usable. */
export function ageFromValues(values: Pick<CaseFormValues, 'childBirthDate' | 'childAge'>, now: Date): number | null {
	if (/^\d{4}-\d{2}-\d{2}$/.test(values.childBirthDate)) {
		const age = ageOn(values.childBirthDate, now);
		return age >= 0 && age < 130 ? age : null;
	}
	const typed = values.childAge.trim();
	return /^\d{1,3}$/.test(typed) ? Number(typed) : null;
}
