/**
 * The standard annual exports, from the ALO classes and Missing Children Europe's missing types:
 * Missing Children Europe's hotline figures (cases by missing type, found within the year,
 * cross-border share) and Child Helpline International's contact data (contacts by category).
 * Advocacy gets them protected like every other count about children.
 */
import { MISSING_TYPES } from '$lib/cases/model';
import { protectCount, protectedShare, summary } from '../analytics';
import { queryRows, toNumber, type Analytics } from '../clickhouse';
import type { KpiThresholds } from '../config';

/**
 * ALO classes → Child Helpline International's contact categories (CHI data framework, top level).
 * A call with several classes counts once per category it reaches.
 */
export const CHI_CATEGORIES: Readonly<Record<string, string>> = {
	localization: 'missing_children',
	counseling: 'psychosocial_counselling',
	info_child: 'information_requests',
	info_parent: 'information_requests',
	info_professional: 'information_requests',
	referral: 'referral_to_services'
};

export interface AnnualExports {
	year: number;
	protected: boolean;
	mce: {
		casesByType: Record<string, number | null>;
		cases: number | null;
		foundWithinYear: number | null;
		foundShare: number | null;
		crossBorder: number | null;
		crossBorderShare: number | null;
		repeatEpisodes: number | null;
	};
	chi: {
		contactsByCategory: Record<string, number | null>;
		answeredContacts: number | null;
		offeredContacts: number | null;
		abandonedContacts: number | null;
	};
}

export async function annualExports(analytics: Analytics, settings: { hotline: string; timeZone: string; kpi: KpiThresholds }, year: number, protect: boolean): Promise<AnnualExports> {
	const from = `${year}-01-01`;
	const to = `${year + 1}-01-01`;
	const [rows, kpis] = await Promise.all([
		queryRows<{ caseId: string; missingType: string; crossBorder: unknown; episode: unknown; located: unknown }>(analytics, 'annual_cases', { hotline: settings.hotline, from, to, tz: settings.timeZone }),
		summary(analytics, { hotline: settings.hotline, from, to, timeZone: settings.timeZone, ...settings.kpi })
	]);
	const count = (n: number) => (protect ? protectCount(n).value : n);
	const share = (part: number, whole: number) => (protect ? protectedShare(part, whole) : whole > 0 ? part / whole : null);
	const byType = Object.fromEntries(MISSING_TYPES.map((type) => [type, 0])) as Record<string, number>;
	let found = 0;
	let crossBorder = 0;
	let repeat = 0;
	for (const row of rows) {
		byType[row.missingType || 'other'] = (byType[row.missingType || 'other'] ?? 0) + 1;
		if (toNumber(row.located)) found++;
		if (toNumber(row.crossBorder)) crossBorder++;
		if (toNumber(row.episode) > 1) repeat++;
	}
	const categories: Record<string, number> = {};
	for (const [cls, calls] of Object.entries(kpis.mix)) {
		const category = CHI_CATEGORIES[cls];
		categories[category] = (categories[category] ?? 0) + calls;
	}
	return {
		year,
		protected: protect,
		mce: {
			casesByType: Object.fromEntries(Object.entries(byType).map(([type, n]) => [type, count(n)])),
			cases: count(rows.length),
			foundWithinYear: count(found),
			foundShare: share(found, rows.length),
			crossBorder: count(crossBorder),
			crossBorderShare: share(crossBorder, rows.length),
			repeatEpisodes: count(repeat)
		},
		chi: {
			contactsByCategory: Object.fromEntries(Object.entries(categories).map(([category, n]) => [category, count(n)])),
			answeredContacts: count(kpis.answered),
			offeredContacts: count(kpis.offered),
			abandonedContacts: count(kpis.abandoned)
		}
	};
}

/** The two exports as CSV (`<5` for a protected small cell). */
export function annualCsv(data: AnnualExports, which: 'mce' | 'chi'): string {
	const cell = (value: number | null) => (value === null ? '<5' : String(value));
	const rows: [string, string][] =
		which === 'mce'
			? [
					...Object.entries(data.mce.casesByType).map(([type, n]) => [`cases_${type}`, cell(n)] as [string, string]),
					['cases_total', cell(data.mce.cases)],
					['found_within_year', cell(data.mce.foundWithinYear)],
					['found_share', data.mce.foundShare === null ? '' : data.mce.foundShare.toFixed(4)],
					['cross_border', cell(data.mce.crossBorder)],
					['cross_border_share', data.mce.crossBorderShare === null ? '' : data.mce.crossBorderShare.toFixed(4)],
					['repeat_episodes', cell(data.mce.repeatEpisodes)]
				]
			: [
					...Object.entries(data.chi.contactsByCategory).map(([category, n]) => [`contacts_${category}`, cell(n)] as [string, string]),
					['contacts_offered', cell(data.chi.offeredContacts)],
					['contacts_answered', cell(data.chi.answeredContacts)],
					['contacts_abandoned', cell(data.chi.abandonedContacts)]
				];
	return ['year,figure,value', ...rows.map(([name, value]) => `${data.year},${name},${value}`)].join('\r\n') + '\r\n';
}
