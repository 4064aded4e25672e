/**
 * A saved report at its stable URL: its title, its period and its charts, computed now for the
 * advocacy audience (protected counts) whoever reads it. Roles: reports.view.
 */
import { error } from '@sveltejs/kit';
import { getReport, ReportError } from '$lib/server/reports';
import { runningApp } from '$lib/server/http';
import { isReportChart } from '$lib/components/reports/charts';
import { loadReport } from '$lib/components/reports/load.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const app = runningApp();
	let report;
	try {
		report = await getReport(app.database.db, app.settings.hotlineId, params.slug);
	} catch (failure) {
		if (failure instanceof ReportError && failure.problem === 'not_found') error(404, 'no such saved report');
		throw failure;
	}
	const { trends } = await loadReport(new URLSearchParams(report.query));
	return {
		report: { slug: report.slug, title: report.title, query: report.query, createdAt: report.createdAt.toISOString() },
		// Charts saved elsewhere that advocacy may not see (workload, overdue referrals) are left out.
		charts: report.charts.filter(isReportChart),
		trends,
		timeZone: app.settings.timeZone
	};
};
