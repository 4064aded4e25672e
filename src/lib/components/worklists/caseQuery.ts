/**
 * The case list's filters as they travel in the URL (a GET form, so a filtered list can be
 * shared as a link): reading them back, the status presets, and links that change one filter.
 * Browser-safe; the page's load function turns dates into instants in the hotline's time zone.
 */
import { AGE_BANDS, AREAS, CASE_STATUSES, LOCATED_STATUSES, MISSING_TYPES, OPEN_STATUSES, PRIORITIES, SEARCH_STATUSES, type CaseStatus } from '$lib/cases/model';

/** Cases per page of the list. */
export const PAGE_SIZE = 50;
/** Longest search text taken from the URL, characters. */
export const MAX_QUERY_LENGTH = 200;

/** One-click status selections; `?set=open` is short enough to read out over the phone. */
export const STATUS_PRESETS = {
	open: OPEN_STATUSES,
	searching: SEARCH_STATUSES,
	located: [...LOCATED_STATUSES, 'aftercare'],
	closed: ['closed']
} as const satisfies Record<string, readonly CaseStatus[]>;
export type StatusPreset = keyof typeof STATUS_PRESETS;
export const PRESET_NAMES = Object.keys(STATUS_PRESETS) as StatusPreset[];

export interface CaseQuery {
	q: string;
	status: CaseStatus[];
	missingType: string;
	priority: string;
	ageBand: string;
	area: string;
	assigned: string;
	/** Reported on or after this local day, YYYY-MM-DD. */
	from: string;
	/** Reported on or before this local day (inclusive), YYYY-MM-DD. */
	to: string;
	overdue: boolean;
	/** 1-based. */
	page: number;
	/** Date fields that were given but are not dates; they are left out of the filter. */
	invalid: ('from' | 'to')[];
}

const oneOf = (value: string | null, codes: readonly string[]) => (value && codes.includes(value) ? value : '');

/** A real calendar day written YYYY-MM-DD. */
export function isDateText(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	return year >= 2000 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function readCaseQuery(params: URLSearchParams): CaseQuery {
	const invalid: CaseQuery['invalid'] = [];
	const dateOf = (name: 'from' | 'to') => {
		const value = (params.get(name) ?? '').trim();
		if (!value) return '';
		if (isDateText(value)) return value;
		invalid.push(name);
		return '';
	};
	const picked = params.getAll('status').filter((code): code is CaseStatus => (CASE_STATUSES as readonly string[]).includes(code));
	const preset = oneOf(params.get('set'), PRESET_NAMES) as StatusPreset | '';
	const status = picked.length ? [...new Set(picked)] : preset ? [...STATUS_PRESETS[preset]] : [];
	const page = Number(params.get('page'));
	const assigned = params.get('assignedTo') ?? '';
	return {
		q: (params.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH),
		status: CASE_STATUSES.filter((code) => status.includes(code)),
		missingType: oneOf(params.get('missingType'), MISSING_TYPES),
		priority: oneOf(params.get('priority'), PRIORITIES),
		ageBand: oneOf(params.get('ageBand'), AGE_BANDS),
		area: oneOf(params.get('area'), AREAS),
		assigned: /^[0-9a-f-]{36}$/i.test(assigned) ? assigned : '',
		from: dateOf('from'),
		to: dateOf('to'),
		overdue: params.get('overdue') === '1',
		page: Number.isInteger(page) && page > 1 ? Math.min(page, 10_000) : 1,
		invalid
	};
}

/** The preset the chosen statuses amount to ('all' when none is chosen), if any. */
export function presetOf(status: readonly string[]): StatusPreset | 'all' | null {
	if (status.length === 0) return 'all';
	for (const name of PRESET_NAMES) {
		const codes: readonly string[] = STATUS_PRESETS[name];
		if (codes.length === status.length && codes.every((code) => status.includes(code))) return name;
	}
	return null;
}

/** Filters other than the statuses that are set: these open the "more filters" part of the form. */
export function moreFiltersCount(query: CaseQuery): number {
	return [query.missingType, query.ageBand, query.area, query.from, query.to].filter(Boolean).length + (presetOf(query.status) === null ? 1 : 0);
}

export function hasFilters(query: CaseQuery): boolean {
	return !!(query.q || query.status.length || query.missingType || query.priority || query.ageBand || query.area || query.assigned || query.from || query.to || query.overdue);
}

/**
 * A link to the list with some parameters changed (null removes one) and the others kept;
 * any change but the page's own goes back to the first page.
 */
export function listHref(current: URLSearchParams, changes: Record<string, string | null>): string {
	const params = new URLSearchParams(current);
	for (const [name, value] of Object.entries(changes)) {
		params.delete(name);
		if (value !== null) params.set(name, value);
	}
	if (!('page' in changes)) params.delete('page');
	const search = params.toString();
	return search ? `/cases?${search}` : '/cases';
}

/** The list filtered to one preset, other filters kept. */
export function presetHref(current: URLSearchParams, preset: StatusPreset | 'all'): string {
	const params = new URLSearchParams(current);
	params.delete('status');
	return listHref(params, { set: preset === 'all' ? null : preset });
}

/**
 * The list's URL for a submitted filter form, without the empty fields and with a preset's
 * statuses written as `set=…`: what the browser would build, only shorter to read and share.
 */
export function filterFormHref(form: FormData): string {
	const params = new URLSearchParams();
	const status = form.getAll('status').filter((value): value is string => typeof value === 'string');
	const preset = presetOf(status);
	if (preset === null) for (const code of status) params.append('status', code);
	else if (preset !== 'all') params.set('set', preset);
	for (const [name, value] of form) {
		if (name === 'status' || typeof value !== 'string' || !value.trim()) continue;
		params.append(name, value.trim());
	}
	const search = params.toString();
	return search ? `/cases?${search}` : '/cases';
}
