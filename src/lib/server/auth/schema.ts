import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** API keys for PBXs and scripts. Only the SHA-256 of a key is stored; the key is shown once. */
export const apiKeys = pgTable(
	'api_keys',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		name: text('name').notNull(),
		/** First characters of the key, shown in lists so people can tell keys apart. */
		prefix: text('prefix').notNull(),
		/** Hex SHA-256 of the whole key. */
		keyHash: text('key_hash').notNull().unique(),
		scopes: text('scopes').array().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(table) => [index('api_keys_name_idx').on(table.name)]
);

/** People who sign in. Usernames are stored lower-case; passwords only as argon2id hashes. */
export const users = pgTable('users', {
	id: uuid('id').primaryKey().defaultRandom(),
	username: text('username').notNull().unique(),
	displayName: text('display_name').notNull(),
	role: text('role').notNull(),
	passwordHash: text('password_hash').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
	disabledAt: timestamp('disabled_at', { withTimezone: true })
});

/** Wall screens: each shows one board, paired once through a one-time token in its URL. */
export const displays = pgTable('displays', {
	id: uuid('id').primaryKey().defaultRandom(),
	name: text('name').notNull(),
	board: text('board').notNull(),
	/** SHA-256 of the pairing token; null once used. */
	pairingTokenHash: text('pairing_token_hash').unique(),
	pairingExpiresAt: timestamp('pairing_expires_at', { withTimezone: true }),
	pairedAt: timestamp('paired_at', { withTimezone: true }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	createdBy: uuid('created_by').references(() => users.id),
	revokedAt: timestamp('revoked_at', { withTimezone: true })
});

/**
 * Sessions (the Lucia model): the cookie carries a random token, the table only its SHA-256.
 * A session belongs to a user, or to a display (role `display`, one board).
 */
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
		displayId: uuid('display_id').references(() => displays.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
		address: text('address'),
		userAgent: text('user_agent')
	},
	(table) => [index('sessions_user_idx').on(table.userId), index('sessions_display_idx').on(table.displayId)]
);

/** Failed sign-ins per account and per address, for exponential back-off (shared by instances). */
export const loginThrottle = pgTable('login_throttle', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull().default(0),
	lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull().defaultNow(),
	blockedUntil: timestamp('blocked_until', { withTimezone: true })
});

/** Append-only audit log: who did what, when, from where (rows are never updated or deleted). */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`),
		actorId: uuid('actor_id'),
		/** Username, display name, API key name or "system" at the time of the action. */
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		target: text('target'),
		detail: jsonb('detail'),
		address: text('address')
	},
	(table) => [index('audit_at_idx').on(table.at), index('audit_action_idx').on(table.action, table.at), index('audit_actor_idx').on(table.actorId, table.at)]
);
