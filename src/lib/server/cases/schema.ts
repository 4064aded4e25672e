/**
 * Missing-child cases and everything attached to them: the child's episodes, people, calls,
 * notes, documents, referrals to partners (with their signed links and answers), follow-up tasks,
 * the timeline, and the outbox that carries case events (codes only) to ClickHouse.
 */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, customType, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/schema';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value))
});

/** Organisations the hotline works with; `kind` is one of PARTNER_KINDS. */
export const partners = pgTable('partners', {
	id: uuid('id').primaryKey().defaultRandom(),
	hotline: text('hotline').notNull(),
	kind: text('kind').notNull(),
	name: text('name').notNull(),
	contactPerson: text('contact_person').notNull().default(''),
	phone: text('phone').notNull().default(''),
	email: text('email').notNull().default(''),
	notes: text('notes').notNull().default(''),
	/** How long the partner is expected to take to acknowledge a referral, minutes. */
	expectedResponseMinutes: integer('expected_response_minutes').notNull(),
	active: boolean('active').notNull().default(true),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * Per hotline and priority (high, critical): how many minutes a case being searched for may go
 * without a partner action before the wallboard raises it. Set by supervisors; absent means the
 * default (DEFAULT_CASES_SETTINGS).
 */
export const caseAlertRules = pgTable('case_alert_rules', {
	hotline: text('hotline').notNull(),
	priority: text('priority').notNull(),
	noActionMinutes: integer('no_action_minutes').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' })
}, (table) => [uniqueIndex('case_alert_rules_key').on(table.hotline, table.priority)]);

/** Per hotline and year, the last case number handed out (116-2026-000123). */
export const caseCounters = pgTable('case_counters', {
	hotline: text('hotline').notNull(),
	year: integer('year').notNull(),
	last: integer('last').notNull()
}, (table) => [uniqueIndex('case_counters_key').on(table.hotline, table.year)]);

export const cases = pgTable(
	'cases',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		hotline: text('hotline').notNull(),
		number: text('number').notNull(),
		/** The child across episodes: a case linked to an earlier one shares its childId. */
		childId: uuid('child_id').notNull(),
		status: text('status').notNull(),
		missingType: text('missing_type').notNull(),
		priority: text('priority').notNull(),
		/** Risk checklist: flag name → true (RISK_FLAGS). */
		risks: jsonb('risks').$type<Record<string, boolean>>().notNull().default({}),
		childGivenName: text('child_given_name').notNull().default(''),
		childFamilyName: text('child_family_name').notNull().default(''),
		childOtherNames: text('child_other_names').notNull().default(''),
		childBirthDate: date('child_birth_date'),
		/** Age in years when the birth date is unknown. */
		childAge: integer('child_age'),
		childSex: text('child_sex').notNull().default('unknown'),
		childLanguages: text('child_languages').notNull().default(''),
		childNationality: text('child_nationality').notNull().default(''),
		childDescription: text('child_description').notNull().default(''),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
		lastSeenPlace: text('last_seen_place').notNull().default(''),
		/** Coarse area code (AREAS), the only place information that reaches ClickHouse. */
		area: text('area').notNull().default('unknown'),
		circumstances: text('circumstances').notNull().default(''),
		policeReportedAt: timestamp('police_reported_at', { withTimezone: true }),
		policeReference: text('police_reference').notNull().default(''),
		interpolNotice: boolean('interpol_notice').notNull().default(false),
		sisAlert: boolean('sis_alert').notNull().default(false),
		reporterName: text('reporter_name').notNull().default(''),
		reporterRelation: text('reporter_relation').notNull().default(''),
		reporterPhone: text('reporter_phone').notNull().default(''),
		reporterEmail: text('reporter_email').notNull().default(''),
		/** When the hotline received the report (the "since report" clock starts here). */
		reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
		locatedAt: timestamp('located_at', { withTimezone: true }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		assignedTo: uuid('assigned_to').references(() => users.id),
		createdBy: uuid('created_by').references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		/** Optimistic lock: every change must name the version it was made from. */
		version: integer('version').notNull().default(1)
	},
	(table) => [
		uniqueIndex('cases_number_idx').on(table.hotline, table.number),
		index('cases_status_idx').on(table.hotline, table.status),
		index('cases_child_idx').on(table.childId),
		index('cases_reported_idx').on(table.reportedAt),
		index('cases_assigned_idx').on(table.assignedTo)
	]
);

/** Parents, guardians, suspects, witnesses and others around a case. */
export const casePersons = pgTable('case_persons', {
	id: uuid('id').primaryKey().defaultRandom(),
	caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
	role: text('role').notNull(),
	name: text('name').notNull(),
	contact: text('contact').notNull().default(''),
	notes: text('notes').notNull().default(''),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
}, (table) => [index('case_persons_case_idx').on(table.caseId)]);

/** Calls linked to a case (call ids as ingest knows them). */
export const caseCalls = pgTable('case_calls', {
	caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
	callId: text('call_id').notNull(),
	classes: text('classes').array().notNull().default(sql`'{}'::text[]`),
	outcome: text('outcome').notNull().default(''),
	linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
	linkedBy: uuid('linked_by').references(() => users.id)
}, (table) => [uniqueIndex('case_calls_key').on(table.caseId, table.callId), index('case_calls_call_idx').on(table.callId)]);

export const caseNotes = pgTable('case_notes', {
	id: uuid('id').primaryKey().defaultRandom(),
	caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
	text: text('text').notNull(),
	authorId: uuid('author_id').references(() => users.id),
	author: text('author').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
}, (table) => [index('case_notes_case_idx').on(table.caseId)]);

/** Photos and documents, stored in the database with the case (backed up and deleted with it). */
export const caseFiles = pgTable('case_files', {
	id: uuid('id').primaryKey().defaultRandom(),
	caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
	kind: text('kind').notNull(),
	filename: text('filename').notNull(),
	mime: text('mime').notNull(),
	/** Bytes. */
	size: integer('size').notNull(),
	content: bytea('content').notNull(),
	uploadedBy: uuid('uploaded_by').references(() => users.id),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
}, (table) => [index('case_files_case_idx').on(table.caseId)]);

/** An action asked of a partner on a case, with its status and clock. */
export const referrals = pgTable('referrals', {
	id: uuid('id').primaryKey().defaultRandom(),
	caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
	partnerId: uuid('partner_id').notNull().references(() => partners.id),
	action: text('action').notNull(),
	status: text('status').notNull(),
	/** What is asked, in the operator's words (shown to the partner). */
	request: text('request').notNull().default(''),
	/** For a publicity appeal: the parent's or guardian's consent was recorded. */
	consent: boolean('consent').notNull().default(false),
	sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
	dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
	acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
	finishedAt: timestamp('finished_at', { withTimezone: true }),
	statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
	createdBy: uuid('created_by').references(() => users.id),
	version: integer('version').notNull().default(1)
}, (table) => [index('referrals_case_idx').on(table.caseId), index('referrals_open_idx').on(table.status, table.dueAt)]);

/** Signed, expiring, single-referral links for partners without an account (token stored hashed). */
export const partnerLinks = pgTable('partner_links', {
	id: uuid('id').primaryKey().defaultRandom(),
	referralId: uuid('referral_id').notNull().references(() => referrals.id, { onDelete: 'cascade' }),
	tokenHash: text('token_hash').notNull().unique(),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	revokedAt: timestamp('revoked_at', { withTimezone: true }),
	createdBy: uuid('created_by').references(() => users.id),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	lastUsedAt: timestamp('last_used_at', { withTimezone: true })
}, (table) => [index('partner_links_referral_idx').on(table.referralId)]);

/** Follow-up tasks with an owner and a due time; `kind` is one of TASK_KINDS. */
export const tasks = pgTable('tasks', {
	id: uuid('id').primaryKey().defaultRandom(),
	caseId: uuid('case_id').references(() => cases.id, { onDelete: 'cascade' }),
	kind: text('kind').notNull(),
	title: text('title').notNull().default(''),
	dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
	ownerId: uuid('owner_id').references(() => users.id),
	status: text('status').notNull().default('open'),
	doneAt: timestamp('done_at', { withTimezone: true }),
	doneBy: uuid('done_by').references(() => users.id),
	createdBy: uuid('created_by').references(() => users.id),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
}, (table) => [index('tasks_owner_idx').on(table.ownerId, table.status, table.dueAt), index('tasks_case_idx').on(table.caseId), index('tasks_open_idx').on(table.status, table.dueAt)]);

/** The case timeline: one row per thing that happened, in order (never updated). */
export const caseHistory = pgTable('case_history', {
	id: bigserial('id', { mode: 'number' }).primaryKey(),
	caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
	at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
	kind: text('kind').notNull(),
	actor: text('actor').notNull(),
	detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({})
}, (table) => [index('case_history_case_idx').on(table.caseId, table.id)]);

/**
 * Case events (v1 `case.*`, codes only) written in the same transaction as the change, then sent
 * to ingest; a failed send is retried, and ids make a resend count once.
 */
export const caseOutbox = pgTable('case_outbox', {
	id: bigserial('id', { mode: 'number' }).primaryKey(),
	event: jsonb('event').$type<Record<string, unknown>>().notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	sentAt: timestamp('sent_at', { withTimezone: true })
}, (table) => [index('case_outbox_unsent_idx').on(table.sentAt, table.id)]);

/** Calls handled at the console without a PBX, and which case (if any) they were linked to. */
export const consoleClassifications = pgTable('console_classifications', {
	callId: text('call_id').primaryKey(),
	hotline: text('hotline').notNull(),
	booth: text('booth').notNull(),
	operatorId: uuid('operator_id').references(() => users.id),
	classes: text('classes').array().notNull(),
	outcome: text('outcome').notNull().default(''),
	caseId: uuid('case_id').references(() => cases.id, { onDelete: 'set null' }),
	manual: boolean('manual').notNull().default(false),
	classifiedAt: timestamp('classified_at', { withTimezone: true }).notNull().defaultNow()
}, (table) => [index('console_classifications_at_idx').on(table.classifiedAt)]);
