import { pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Warning and alarm levels per wallboard figure, set by supervisors. */
export const alertThresholds = pgTable('alert_thresholds', {
	kpi: text('kpi').primaryKey(),
	/** 'above' when high values are bad (waits), 'below' when low values are bad (service level). */
	direction: text('direction').notNull(),
	warning: real('warning').notNull(),
	alarm: real('alarm').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	updatedBy: uuid('updated_by')
});
