import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
