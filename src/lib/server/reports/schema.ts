/** Saved reports: a set of charts with their settings, behind a stable URL. */
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/schema';

export const savedReports = pgTable(
	'saved_reports',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** The stable URL's key: /reports/saved/<slug>. */
		slug: text('slug').notNull().unique(),
		hotline: text('hotline').notNull(),
		title: text('title').notNull(),
		/** The page's query string (preset, from, to, granularity, compare). */
		query: text('query').notNull(),
		/** Chart ids, in the order shown. */
		charts: jsonb('charts').$type<string[]>().notNull(),
		createdBy: uuid('created_by').references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('saved_reports_hotline_idx').on(table.hotline, table.createdAt)]
);
