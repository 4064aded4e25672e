/**
 * Server-side shaping for the work pages: which open tasks are overdue, due today (before the end
 * of today on the hotline's clock) or later, and the plain rows the components show.
 */
import type { Cases } from '$lib/server/cases';
import { localDateText, zonedTimeToUtc } from '$lib/server/time';
import type { DueBucket, WorkReferral, WorkTask } from './types';

const SECONDS_PER_DAY = 86_400;

type TaskListRow = Awaited<ReturnType<Cases['listTasks']>>[number];
type ReferralListRow = Awaited<ReturnType<Cases['overdueReferrals']>>[number];

/** The next local midnight after `nowMs` in `timeZone`, epoch ms. */
export function endOfLocalDay(nowMs: number, timeZone: string): number {
	const [year, month, day] = localDateText(nowMs, timeZone).split('-').map(Number);
	return zonedTimeToUtc({ year, month, day }, SECONDS_PER_DAY, timeZone);
}

export function dueBucket(dueAt: Date, nowMs: number, endOfDayMs: number): DueBucket {
	const due = dueAt.getTime();
	if (due < nowMs) return 'overdue';
	return due < endOfDayMs ? 'today' : 'later';
}

/** Tasks as the pages show them, soonest first (the service already sorts by due time). */
export function workTasks(rows: TaskListRow[], nowMs: number, timeZone: string): WorkTask[] {
	const endOfDay = endOfLocalDay(nowMs, timeZone);
	return rows.map((row) => ({
		id: row.id,
		kind: row.kind,
		title: row.title,
		dueAt: row.dueAt,
		bucket: dueBucket(row.dueAt, nowMs, endOfDay),
		caseNumber: row.caseNumber,
		casePriority: row.casePriority,
		caseStatus: row.caseStatus,
		ownerId: row.ownerId,
		ownerName: row.ownerName
	}));
}

export function workReferrals(rows: ReferralListRow[]): WorkReferral[] {
	return rows.map((row) => ({ ...row }));
}
