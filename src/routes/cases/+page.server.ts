/**
 * The case list: filters come from the URL (a GET form, so a filtered list is a link people can
 * share), dates are local days in the hotline's time zone, newest reports first, 50 a page.
 * The service audits every search. Roles: cases.read.
 */
import { listUsers, can } from '$lib/server/auth';
import type { CaseListFilter } from '$lib/server/cases';
import { runningApp } from '$lib/server/http';
import { zonedTimeToUtc } from '$lib/server/time';
import { PAGE_SIZE, readCaseQuery } from '$lib/components/worklists/caseQuery';
import type { PageServerLoad } from './$types';

const SECONDS_PER_DAY = 86_400;

/** Midnight at the start of a local day (YYYY-MM-DD), or of the day after it. */
function localMidnight(dateText: string, timeZone: string, dayAfter = false): Date {
	const [year, month, day] = dateText.split('-').map(Number);
	return new Date(zonedTimeToUtc({ year, month, day }, dayAfter ? SECONDS_PER_DAY : 0, timeZone));
}

export const load: PageServerLoad = async ({ url, locals }) => {
	const app = runningApp();
	const timeZone = app.settings.timeZone;
	const query = readCaseQuery(url.searchParams);
	const filter: CaseListFilter = {
		q: query.q || undefined,
		status: query.status.length ? query.status : undefined,
		missingType: query.missingType || undefined,
		priority: query.priority || undefined,
		ageBand: (query.ageBand || undefined) as CaseListFilter['ageBand'],
		area: query.area || undefined,
		assignedTo: query.assigned || undefined,
		// "To" includes the whole of that day: the filter ends at the next midnight.
		from: query.from ? localMidnight(query.from, timeZone) : undefined,
		to: query.to ? localMidnight(query.to, timeZone, true) : undefined,
		overdue: query.overdue || undefined,
		limit: PAGE_SIZE,
		offset: (query.page - 1) * PAGE_SIZE
	};
	const [{ items, total }, people] = await Promise.all([app.cases.listCases(locals.actor, filter), listUsers(app.database.db)]);
	const me = locals.user?.id ?? null;
	// Who cases can be assigned to: people who work on cases, the current assignee filter kept even if disabled.
	const assignees = people
		.filter((person) => (can(person.role, 'cases.write') && !person.disabledAt) || person.id === query.assigned)
		.map((person) => ({ id: person.id, name: person.displayName || person.username, disabled: !!person.disabledAt }))
		.sort((a, b) => (a.id === me ? -1 : b.id === me ? 1 : a.name.localeCompare(b.name)));
	return {
		items,
		total,
		query,
		reversedDates: !!(query.from && query.to && query.from > query.to),
		assignees,
		me,
		canWrite: can(locals.user?.role, 'cases.write'),
		timeZone,
		now: Date.now()
	};
};
