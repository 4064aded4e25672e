/**
 * Saved reports: a title, the period settings and a set of chart ids, behind a stable URL. Saving
 * and deleting are audited; a saved report shows data only as its reader's role allows.
 */
import { and, desc, eq } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { recordAudit, type Actor } from '../auth';
import type { Database } from '../db';
import { savedReports } from './schema';

export type SavedReport = typeof savedReports.$inferSelect;

export class ReportError extends Error {
	constructor(readonly problem: 'bad_title' | 'no_charts' | 'bad_chart' | 'not_found') {
		super(problem);
	}
}

/** Chart ids a report may hold (the trends and reports pages use the same ids). */
export const CHART_IDS = ['volume', 'service', 'heatmap', 'mix', 'mixShare', 'waits', 'talks', 'workload', 'casesByType', 'outcomes', 'timeToLocate', 'repeatEpisodes', 'partnerResponse', 'overdueReferrals'] as const;

export async function saveReport(db: Database, actor: Actor, hotline: string, input: { title: string; query: string; charts: string[] }): Promise<SavedReport> {
	const title = input.title.replace(/[\u0000-\u001f\u007f]/g, '').trim();
	if (!title || title.length > 200) throw new ReportError('bad_title');
	if (!input.charts.length) throw new ReportError('no_charts');
	for (const chart of input.charts) if (!(CHART_IDS as readonly string[]).includes(chart)) throw new ReportError('bad_chart');
	// Only the period settings are kept, never anything else a URL might carry.
	const given = new URLSearchParams(input.query);
	const query = new URLSearchParams();
	for (const name of ['hotline', 'preset', 'from', 'to', 'granularity', 'compare', 'class']) {
		const value = given.get(name);
		if (value && /^[A-Za-z0-9_-]{1,64}$/.test(value)) query.set(name, value);
	}
	const slug = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
	const [row] = await db.insert(savedReports).values({ slug, hotline, title, query: query.toString(), charts: [...new Set(input.charts)], createdBy: actor.id }).returning();
	await recordAudit(db, actor, 'report.save', title, { slug });
	return row;
}

export async function listReports(db: Database, hotline: string): Promise<SavedReport[]> {
	return db.select().from(savedReports).where(eq(savedReports.hotline, hotline)).orderBy(desc(savedReports.createdAt)).limit(200);
}

export async function getReport(db: Database, hotline: string, slug: string): Promise<SavedReport> {
	if (!/^[a-z2-7]{16}$/.test(slug)) throw new ReportError('not_found');
	const [row] = await db.select().from(savedReports).where(and(eq(savedReports.slug, slug), eq(savedReports.hotline, hotline))).limit(1);
	if (!row) throw new ReportError('not_found');
	return row;
}

export async function deleteReport(db: Database, actor: Actor, hotline: string, slug: string): Promise<void> {
	const removed = await db.delete(savedReports).where(and(eq(savedReports.slug, slug), eq(savedReports.hotline, hotline))).returning();
	if (!removed.length) throw new ReportError('not_found');
	await recordAudit(db, actor, 'report.delete', removed[0].title, { slug });
}
