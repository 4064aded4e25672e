/**
 * Warning and alarm levels of the wallboard's figures, and how long an urgent case may go without
 * a partner action, set by supervisors (and admins); every change is audited and reaches the
 * wallboards at once. Roles: thresholds.manage.
 */
import { fail } from '@sveltejs/kit';
import { CaseError, DEFAULT_CASES_SETTINGS, MAX_NO_ACTION_MINUTES } from '$lib/server/cases';
import { loadThresholds, resetThreshold, saveThreshold, ThresholdError } from '$lib/server/live';
import { runningApp } from '$lib/server/http';
import { formText } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const app = runningApp();
	const [thresholds, caseRules] = await Promise.all([loadThresholds(app.database.db), app.cases.alertRules()]);
	return { thresholds, caseRules, caseRuleDefaults: DEFAULT_CASES_SETTINGS.noActionMinutes, maxCaseRuleMinutes: MAX_NO_ACTION_MINUTES };
};

/** Rates are entered in percent on the page and stored as fractions. */
const isRate = (kpi: string) => kpi === 'serviceLevel' || kpi === 'abandonRate';

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const app = runningApp();
		const form = await request.formData();
		const kpi = formText(form, 'kpi', 64);
		const scale = isRate(kpi) ? 100 : 1;
		const warning = Number(formText(form, 'warning', 32).replace(',', '.')) / scale;
		const alarm = Number(formText(form, 'alarm', 32).replace(',', '.')) / scale;
		try {
			await saveThreshold(app.database.db, locals.actor, kpi, warning, alarm);
		} catch (error) {
			if (error instanceof ThresholdError) return fail(400, { kpi, problem: error.message });
			throw error;
		}
		await app.live.projection.setThresholds();
		return { kpi, saved: true };
	},
	reset: async ({ request, locals }) => {
		const app = runningApp();
		const kpi = formText(await request.formData(), 'kpi', 64);
		await resetThreshold(app.database.db, locals.actor, kpi);
		await app.live.projection.setThresholds();
		return { kpi, saved: true };
	},
	saveCaseRules: async ({ request, locals }) => {
		const form = await request.formData();
		const input = { high: formText(form, 'high', 16), critical: formText(form, 'critical', 16) };
		try {
			await runningApp().cases.saveAlertRules(locals.actor, input);
		} catch (error) {
			if (error instanceof CaseError) return fail(400, { caseRules: true, problem: error.problem, field: error.field, values: input });
			throw error;
		}
		return { caseRules: true, saved: true };
	},
	resetCaseRules: async ({ locals }) => {
		await runningApp().cases.resetAlertRules(locals.actor);
		return { caseRules: true, saved: true };
	}
};
