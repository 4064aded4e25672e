/**
 * The supervisor's view of follow-ups: every open task of the team grouped by owner (overdue,
 * due today, later), overdue partner referrals on all cases, and the case alerts the wallboard
 * shows now. Read-only; each item links to its case. Roles: tasks.team.
 */
import { runningApp } from '$lib/server/http';
import { workReferrals, workTasks } from '$lib/components/worklists/work.server';
import type { OwnerGroup } from '$lib/components/worklists/types';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const app = runningApp();
	const timeZone = app.settings.timeZone;
	const [tasks, referrals, alerts] = await Promise.all([app.cases.listTasks(), app.cases.overdueReferrals(), app.cases.alerts()]);
	const now = Date.now();
	const groups = new Map<string | null, OwnerGroup>();
	for (const task of workTasks(tasks, now, timeZone)) {
		let group = groups.get(task.ownerId);
		if (!group) {
			group = { ownerId: task.ownerId, ownerName: task.ownerName, tasks: [], overdue: 0, today: 0, later: 0 };
			groups.set(task.ownerId, group);
		}
		group.tasks.push(task);
		group[task.bucket] += 1;
	}
	// Most overdue first, then most due today; tasks nobody owns come first, as nobody else will see them.
	const owners = [...groups.values()].sort(
		(a, b) => Number(b.ownerId === null) - Number(a.ownerId === null) || b.overdue - a.overdue || b.today - a.today || (a.ownerName ?? '').localeCompare(b.ownerName ?? '')
	);
	return {
		owners,
		taskCount: tasks.length,
		referrals: workReferrals(referrals),
		alerts,
		me: locals.user?.id ?? null,
		timeZone,
		now
	};
};
