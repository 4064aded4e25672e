/**
 * The JSON face of cases (`/api/v1/cases…`): query strings and bodies in, the case model out
 * (field names as in CaseFields, times as ISO-8601 UTC), refusals as JSON with a status.
 */
import { AGE_BANDS, CASE_STATUSES, type AgeBand, type CaseStatus } from '$lib/cases/model';
import { zonedTimeToUtc } from '../time';
import type { Cases, CaseListFilter } from './service';
import { CASE_FIELD_NAMES, CaseError } from './validate';

/** HTTP status and JSON body for a refusal. */
export function caseErrorResponse(error: CaseError): { status: number; body: Record<string, unknown> } {
	const status = error.problem === 'not_found' ? 404 : error.problem === 'conflict' ? 409 : 400;
	const words: Record<string, string> = {
		not_found: 'no such case (or not visible to you)',
		conflict: 'the case changed since the version you sent; read it again and retry',
		too_long: `${error.field} is too long (at most ${error.limit} characters)`,
		required: `${error.field} is required`,
		bad_value: `${error.field} has a value that is not allowed`,
		bad_date: `${error.field} must be ISO-8601 with an offset (e.g. 2026-11-28T17:02:03+01:00)`,
		future_date: `${error.field} is in the future`,
		bad_transition: 'the status graph does not allow this move from the current status',
		consent_required: 'a publicity appeal needs consent: true',
		referral_closed: 'the referral is already closed',
		partner_inactive: 'the partner is not active',
		same_case: 'a case cannot be linked to itself'
	};
	return { status, body: { error: words[error.problem] ?? error.problem, problem: error.problem, ...(error.field ? { field: error.field } : {}), ...(error.limit ? { limit: error.limit } : {}) } };
}

export class CaseQueryError extends Error {}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateParam(value: string, name: string, timeZone: string): Date {
	const match = DATE.exec(value);
	if (match) return new Date(zonedTimeToUtc({ year: +match[1], month: +match[2], day: +match[3] }, 0, timeZone));
	const ms = Date.parse(value);
	if (!/T/.test(value) || Number.isNaN(ms)) throw new CaseQueryError(`${name} must be YYYY-MM-DD or an ISO-8601 date-time`);
	return new Date(ms);
}

/** A list filter from query parameters (also used by the case list page). */
export function caseFilterFrom(params: URLSearchParams, timeZone: string): CaseListFilter {
	const filter: CaseListFilter = {};
	const text = (name: string) => params.get(name)?.trim() || undefined;
	filter.q = text('q')?.slice(0, 200);
	const statuses = params.getAll('status').flatMap((value) => value.split(',')).filter(Boolean);
	for (const status of statuses) if (!(CASE_STATUSES as readonly string[]).includes(status)) throw new CaseQueryError(`unknown status "${status.slice(0, 40)}"; known: ${CASE_STATUSES.join(', ')}`);
	if (statuses.length) filter.status = statuses as CaseStatus[];
	filter.missingType = text('missingType');
	filter.priority = text('priority');
	const band = text('ageBand');
	if (band && !(AGE_BANDS as readonly string[]).includes(band)) throw new CaseQueryError(`ageBand must be one of ${AGE_BANDS.join(', ')}`);
	filter.ageBand = band as AgeBand | undefined;
	filter.area = text('area');
	filter.assignedTo = text('assignedTo');
	if (filter.assignedTo === 'none') {
		filter.assignedTo = undefined;
		filter.unassigned = true;
	}
	if (filter.assignedTo && !/^[0-9a-f-]{36}$/i.test(filter.assignedTo)) throw new CaseQueryError('assignedTo must be a user id, or none');
	const from = text('from');
	const to = text('to');
	if (from) filter.from = dateParam(from, 'from', timeZone);
	if (to) filter.to = dateParam(to, 'to', timeZone);
	filter.overdue = params.get('overdue') === 'true' || params.get('overdue') === '1' || params.get('overdue') === 'on';
	filter.open = params.get('open') === 'true' || params.get('open') === '1';
	const limit = text('limit');
	const offset = text('offset');
	if (limit && !/^\d{1,3}$/.test(limit)) throw new CaseQueryError('limit must be 1–200');
	if (offset && !/^\d{1,7}$/.test(offset)) throw new CaseQueryError('offset must be a whole number');
	if (limit) filter.limit = Number(limit);
	if (offset) filter.offset = Number(offset);
	return filter;
}

type Detail = Awaited<ReturnType<Cases['getCase']>>;

/** The whole case as the API returns it (no file contents; files by id and URL). */
export function caseJson(detail: Detail) {
	const row = detail.case;
	return {
		id: row.id,
		number: row.number,
		version: row.version,
		status: row.status,
		missingType: row.missingType,
		priority: row.priority,
		risks: row.risks,
		child: {
			givenName: row.childGivenName,
			familyName: row.childFamilyName,
			otherNames: row.childOtherNames,
			birthDate: row.childBirthDate,
			age: detail.age,
			sex: row.childSex,
			languages: row.childLanguages,
			nationality: row.childNationality,
			description: row.childDescription
		},
		disappearance: {
			lastSeenAt: row.lastSeenAt,
			lastSeenPlace: row.lastSeenPlace,
			area: row.area,
			circumstances: row.circumstances,
			policeReportedAt: row.policeReportedAt,
			policeReference: row.policeReference,
			interpolNotice: row.interpolNotice,
			sisAlert: row.sisAlert
		},
		reporter: { name: row.reporterName, relation: row.reporterRelation, phone: row.reporterPhone, email: row.reporterEmail },
		reportedAt: row.reportedAt,
		locatedAt: row.locatedAt,
		closedAt: row.closedAt,
		assignedTo: detail.assignee,
		episode: detail.episode,
		episodes: detail.episodes,
		possibleEpisodes: detail.possibleEpisodes,
		clocks: detail.clocks,
		persons: detail.persons.map(({ caseId: _caseId, ...person }) => person),
		calls: detail.calls.map(({ caseId: _caseId, ...call }) => call),
		notes: detail.notes.map(({ caseId: _caseId, ...note }) => note),
		files: detail.files.map((file) => ({ ...file, url: `/cases/${row.number}/files/${file.id}` })),
		referrals: detail.referrals.map(({ caseId: _caseId, links, ...referral }) => ({ ...referral, links: links.map(({ referralId: _referralId, ...link }) => link) })),
		tasks: detail.tasks.map(({ caseId: _caseId, ...task }) => task),
		timeline: detail.timeline.map(({ caseId: _caseId, ...entry }) => entry),
		createdAt: row.createdAt,
		updatedAt: row.updatedAt
	};
}

/**
 * The case fields of an API body: the flat CaseFields names, or grouped as the API returns them
 * (`child.givenName` → childGivenName, `disappearance.area` → area, `reporter.name` → reporterName).
 */
export function caseFieldsFromBody(body: Record<string, unknown>, extra: readonly string[] = []): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	const known = new Set<string>([...CASE_FIELD_NAMES, ...extra]);
	const groups: Record<string, Record<string, string>> = {
		child: { givenName: 'childGivenName', familyName: 'childFamilyName', otherNames: 'childOtherNames', birthDate: 'childBirthDate', age: 'childAge', sex: 'childSex', languages: 'childLanguages', nationality: 'childNationality', description: 'childDescription' },
		disappearance: { lastSeenAt: 'lastSeenAt', lastSeenPlace: 'lastSeenPlace', area: 'area', circumstances: 'circumstances', policeReportedAt: 'policeReportedAt', policeReference: 'policeReference', interpolNotice: 'interpolNotice', sisAlert: 'sisAlert' },
		reporter: { name: 'reporterName', relation: 'reporterRelation', phone: 'reporterPhone', email: 'reporterEmail' }
	};
	for (const [key, value] of Object.entries(body)) {
		const group = groups[key];
		if (group && value && typeof value === 'object' && !Array.isArray(value)) {
			for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>)) {
				if (!group[inner]) throw new CaseError('bad_value', `${key}.${inner}`);
				fields[group[inner]] = innerValue;
			}
		} else if (known.has(key)) fields[key] = value;
		else throw new CaseError('bad_value', key);
	}
	return fields;
}
