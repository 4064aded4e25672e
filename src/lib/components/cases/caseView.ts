/**
 * What the case page works with: the case as the service returns it (getCase), the people and
 * partners its forms offer, the shape of a form action's answer, and small helpers every panel
 * uses (dates in the hotline's zone, ordinals, a refusal as a sentence).
 */
import type { Cases } from '$lib/server/cases';
import { caseProblemText } from '$lib/cases/problems';
import type { Translator } from '$lib/i18n';

export type CaseView = Awaited<ReturnType<Cases['getCase']>>;
export type CaseRecord = CaseView['case'];
export type CaseReferral = CaseView['referrals'][number];
export type CaseTask = CaseView['tasks'][number];
export type TimelineEntry = CaseView['timeline'][number];

export interface UserOption {
	id: string;
	name: string;
	role: string;
}

export interface PartnerOption {
	id: string;
	name: string;
	kind: string;
	/** Minutes. */
	expectedResponseMinutes: number;
}

/** A form action's answer: what was done, or the refusal (problem, field, limit) and what was typed. */
export interface CaseActionData {
	action?: string;
	done?: boolean;
	problem?: string;
	field?: string;
	limit?: number;
	[key: string]: unknown;
}

/** The refusal of `action` (optionally only for the form `match` accepts) as a sentence, else null. */
export function refusalText(i18n: Translator, form: CaseActionData | null | undefined, action: string, match?: (form: CaseActionData) => boolean): string | null {
	if (!form || form.action !== action || !form.problem) return null;
	if (match && !match(form)) return null;
	return caseProblemText(i18n, { problem: form.problem, field: form.field, limit: form.limit });
}

export function succeeded(form: CaseActionData | null | undefined, action: string, match?: (form: CaseActionData) => boolean): boolean {
	return !!form && form.action === action && !!form.done && (!match || match(form));
}

/** What was typed into a refused form, as text (empty when the form is not the refused one). */
export function typedBack(form: CaseActionData | null | undefined, action: string, name: string, match?: (form: CaseActionData) => boolean): string {
	if (!form || form.action !== action || !form.problem || (match && !match(form))) return '';
	const value = form[name];
	return typeof value === 'string' ? value : '';
}

/** A moment in the hotline's time zone: "28 nën 2026, 17:05". */
export function moment(i18n: Translator, value: Date | string | number | null | undefined, timeZone: string): string {
	if (value === null || value === undefined) return '';
	return i18n.formatDate(value, { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

/** "1st", "2nd", "3rd", "4th" in English; "1-rë", "2-të" in Albanian (parts of the ordinal keys). */
export function ordinal(i18n: Translator, n: number): string {
	if (i18n.lang === 'sq') return `${n}-${n === 1 ? 'rë' : 'të'}`;
	const tens = n % 100;
	const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
	return `${n}${suffix}`;
}

export function childName(row: Pick<CaseRecord, 'childGivenName' | 'childFamilyName'>): string {
	return `${row.childGivenName} ${row.childFamilyName}`.trim();
}

/** A span of minutes in the units the clocks use: "45 min", "4 h", "2 h 30 min", "3 d 4 h" (d = 24 h). */
export function minutesText(i18n: Translator, minutes: number): string {
	const total = Math.max(0, Math.round(minutes));
	const days = Math.floor(total / 1440);
	const hours = Math.floor((total % 1440) / 60);
	const rest = total % 60;
	const parts: string[] = [];
	if (days) parts.push(`${i18n.formatNumber(days)} d`);
	if (hours) parts.push(`${hours} h`);
	if (rest || parts.length === 0) parts.push(`${rest} min`);
	return parts.slice(0, 2).join(' ');
}

/** Bytes as "12 KB" / "1,4 MB". */
export function fileSize(i18n: Translator, bytes: number): string {
	if (bytes < 1024) return `${i18n.formatNumber(bytes)} B`;
	if (bytes < 1024 * 1024) return `${i18n.formatNumber(Math.round(bytes / 1024))} KB`;
	return `${i18n.formatNumber(bytes / (1024 * 1024), { maximumFractionDigits: 1 })} MB`;
}

/** Pill colour per case status: still missing is urgent, found is good, the rest neutral. */
export function statusTone(status: string): 'danger' | 'warning' | 'success' | 'accent' | '' {
	if (status === 'search_active' || status === 'sighting_reported') return 'danger';
	if (status === 'reported') return 'warning';
	if (status === 'located_safe') return 'success';
	if (status === 'located_harmed' || status === 'found_deceased') return 'warning';
	if (status === 'aftercare') return 'accent';
	return '';
}

export function priorityTone(priority: string): 'danger' | 'warning' | '' {
	return priority === 'critical' ? 'danger' : priority === 'high' ? 'warning' : '';
}
