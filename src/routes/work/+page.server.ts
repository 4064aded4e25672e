/**
 * "My work": the signed-in person's open tasks (overdue and due today first), their open cases,
 * and partner referrals on their cases that are past due. `taskDone` marks a task done (a police
 * check on a child still missing comes back by itself). Roles: cases.read; taskDone cases.write.
 */
import { error, fail } from '@sveltejs/kit';
import { formText } from '$lib/forms';
import { can } from '$lib/server/auth';
import { CaseError } from '$lib/server/cases';
import { runningApp } from '$lib/server/http';
import { workReferrals, workTasks } from '$lib/components/worklists/work.server';
import type { Actions, PageServerLoad } from './$types';

/** Open cases shown here at most; the link to the list shows them all. */
const MY_CASES_LIMIT = 100;

export const load: PageServerLoad = async ({ locals }) => {
	const user = locals.user;
	if (!user) error(401, 'sign in first');
	const app = runningApp();
	const timeZone = app.settings.timeZone;
	const [tasks, myCases, referrals] = await Promise.all([
		app.cases.listTasks({ ownerId: user.id }),
		app.cases.listCases(locals.actor, { assignedTo: user.id, open: true, limit: MY_CASES_LIMIT }),
		app.cases.overdueReferrals({ assignedTo: user.id })
	]);
	const now = Date.now();
	return {
		tasks: workTasks(tasks, now, timeZone),
		cases: myCases,
		referrals: workReferrals(referrals),
		me: user.id,
		canWrite: can(user.role, 'cases.write'),
		canSeeTeam: can(user.role, 'tasks.team'),
		timeZone,
		now
	};
};

export const actions: Actions = {
	taskDone: async ({ request, locals }) => {
		const form = await request.formData();
		const taskId = formText(form, 'taskId', 100);
		try {
			const task = await runningApp().cases.completeTask(locals.actor, taskId);
			return { action: 'taskDone', taskId, kind: task.kind, title: task.title, done: true };
		} catch (e) {
			if (e instanceof CaseError) return fail(400, { action: 'taskDone', taskId, problem: e.problem as string, field: e.field, limit: e.limit });
			throw e;
		}
	}
};
