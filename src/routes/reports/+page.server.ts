/**
 * Reports for advocacy: the trends charts limited to aggregates (every count about children
 * protected: "<5", rounded to 5, whole months), chosen by period, granularity, comparison and a
 * checklist; "save as report" keeps the settings and charts behind a stable URL; the saved reports
 * are listed with their removal. Roles: reports.view.
 */
import { fail, redirect } from '@sveltejs/kit';
import { deleteReport, getReport, listReports, ReportError, saveReport } from '$lib/server/reports';
import { runningApp } from '$lib/server/http';
import { localDateText } from '$lib/server/time';
import { formList, formText } from '$lib/forms';
import { chartsFromParams, REPORT_CHARTS } from '$lib/components/reports/charts';
import { loadReport, reportQuery, runningReportQuery } from '$lib/components/reports/load.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const app = runningApp();
	const { timeZone, hotlineId } = app.settings;
	// `pick` marks a submitted checklist, so that unticking every chart is not read as "all".
	const charts = url.searchParams.has('chart') || url.searchParams.has('pick') ? chartsFromParams(url.searchParams) : [...REPORT_CHARTS];
	const [report, saved, hotlines] = await Promise.all([loadReport(url.searchParams), listReports(app.database.db, hotlineId), app.trends.hotlines()]);
	return {
		...report,
		hotlines,
		charts,
		timeZone,
		currentMonth: localDateText(Date.now(), timeZone).slice(0, 7),
		saved: saved.map((row) => {
			const { query } = reportQuery(new URLSearchParams(row.query), { timeZone, hotline: hotlineId, hotlines });
			return { slug: row.slug, title: row.title, preset: query.preset, from: query.from, to: query.to, charts: row.charts.length, createdAt: row.createdAt.toISOString() };
		})
	};
};

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const app = runningApp();
		const form = await request.formData();
		const title = formText(form, 'title', 300);
		const charts = formList(form, 'chart');
		const rolling = form.get('rolling') === 'on';
		const { query } = await runningReportQuery(new URLSearchParams(formText(form, 'query', 1000)));
		// A fixed period by default: a report quoted in a publication must keep showing the same months.
		const settings = new URLSearchParams({ hotline: query.hotline, granularity: query.granularity, compare: query.compare });
		if (rolling && query.preset !== 'custom') settings.set('preset', query.preset);
		else {
			settings.set('preset', 'custom');
			settings.set('from', query.from);
			settings.set('to', query.to);
		}
		let slug: string;
		try {
			slug = (await saveReport(app.database.db, locals.actor, app.settings.hotlineId, { title, query: settings.toString(), charts })).slug;
		} catch (error) {
			if (error instanceof ReportError) return fail(400, { action: 'save' as const, problem: error.problem, title, rolling });
			throw error;
		}
		redirect(303, `/reports/saved/${slug}`);
	},
	remove: async ({ request, locals }) => {
		const app = runningApp();
		const form = await request.formData();
		const slug = formText(form, 'slug', 40);
		try {
			const report = await getReport(app.database.db, app.settings.hotlineId, slug);
			await deleteReport(app.database.db, locals.actor, app.settings.hotlineId, slug);
			return { action: 'remove' as const, done: true, title: report.title };
		} catch (error) {
			if (error instanceof ReportError) return fail(404, { action: 'remove' as const, problem: error.problem, slug });
			throw error;
		}
	}
};
