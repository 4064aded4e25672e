/**
 * The standard annual exports for one calendar year (hotline time zone): Missing Children Europe's
 * hotline figures and Child Helpline International's contact data. Advocacy staff get them with
 * small-cell protection; managers and up get exact figures (the page says which). Roles:
 * reports.view.
 */
import { annualExports, CHI_CATEGORIES } from '$lib/server/reports';
import { runningApp } from '$lib/server/http';
import { localDateText } from '$lib/server/time';
import { parseYear, yearChoices } from '$lib/components/reports/annualYear';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const app = runningApp();
	const { hotlineId, timeZone, kpi } = app.settings;
	const hotlines = await app.trends.hotlines();
	// Another hotline only from those with figures; anything else shows this server's own.
	const askedHotline = url.searchParams.get('hotline');
	const hotline = askedHotline && hotlines.includes(askedHotline) ? askedHotline : hotlineId;
	const currentYear = Number(localDateText(Date.now(), timeZone).slice(0, 4));
	const asked = url.searchParams.get('year');
	const parsed = parseYear(asked, currentYear);
	// The last complete year is what both organisations ask for.
	const year = parsed ?? currentYear - 1;
	const protect = locals.user?.role === 'advocacy';
	const annual = await annualExports(app.analytics, { hotline, timeZone, kpi }, year, protect);
	return {
		annual,
		hotline,
		hotlines,
		otherHotline: hotline !== hotlineId,
		currentYear,
		years: yearChoices(currentYear),
		badYear: asked !== null && parsed === null ? asked.slice(0, 20) : null,
		/** ALO class → CHI category, so the page can say what each category is made of. */
		chiMapping: { ...CHI_CATEGORIES },
		generatedAt: new Date().toISOString(),
		timeZone
	};
};
