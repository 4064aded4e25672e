import { boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The call centre's booths; `extension` maps a PBX interface or member name to a booth. */
export const booths = pgTable('booths', {
	id: text('id').primaryKey(),
	label: text('label').notNull(),
	extension: text('extension').unique(),
	active: boolean('active').notNull().default(true),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
