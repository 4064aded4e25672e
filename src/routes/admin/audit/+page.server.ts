/**
 * The audit log, newest first, 100 entries a page: filters by actor (part of the name), action
 * (one, or a group such as "user.") and a date range in the hotline's time zone, all as GET
 * query parameters so a filtered view can be bookmarked or shared. Roles: audit.read.
 */
import { auditActions, listAudit, type AuditFilter } from '$lib/server/auth';
import { runningApp } from '$lib/server/http';
import { zonedTimeToUtc } from '$lib/server/time';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 100;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight at the start of a YYYY-MM-DD day in the hotline's zone (`nextDay`: at its end). */
function dayStart(text: string, timeZone: string, nextDay = false): Date | undefined {
	const match = DATE.exec(text);
	if (!match) return undefined;
	const [year, month, day] = match.slice(1).map(Number);
	if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
	return new Date(zonedTimeToUtc({ year, month, day }, nextDay ? 86_400 : 0, timeZone));
}

export const load: PageServerLoad = async ({ url }) => {
	const app = runningApp();
	const { db } = app.database;
	const timeZone = app.settings.timeZone;
	const query = url.searchParams;
	const filters = {
		actor: (query.get('actor') ?? '').trim().slice(0, 100),
		action: (query.get('action') ?? '').trim().slice(0, 100),
		from: (query.get('from') ?? '').trim(),
		to: (query.get('to') ?? '').trim()
	};
	const beforeId = Number(query.get('beforeId'));
	const filter: AuditFilter = {
		actor: filters.actor || undefined,
		action: filters.action || undefined,
		from: dayStart(filters.from, timeZone),
		to: dayStart(filters.to, timeZone, true),
		beforeId: Number.isSafeInteger(beforeId) && beforeId > 0 ? beforeId : undefined,
		limit: PAGE_SIZE + 1
	};
	const [rows, actions] = await Promise.all([listAudit(db, filter), auditActions(db)]);
	const entries = rows.slice(0, PAGE_SIZE).map((row) => ({
		id: row.id,
		at: row.at,
		actor: row.actor,
		action: row.action,
		target: row.target,
		detail: row.detail === null || row.detail === undefined ? '' : JSON.stringify(row.detail),
		address: row.address
	}));
	const groups = [...new Set(actions.map((action) => `${action.split('.')[0]}.`))].filter((group) => actions.some((action) => action.startsWith(group) && action !== group));
	return {
		entries,
		filters,
		invalidDates: { from: Boolean(filters.from && !filter.from), to: Boolean(filters.to && !filter.to) },
		paged: filter.beforeId !== undefined,
		olderThan: rows.length > PAGE_SIZE ? entries[entries.length - 1].id : null,
		actions,
		groups,
		pageSize: PAGE_SIZE
	};
};
