/**
 * PostgreSQL through drizzle: embedded PGlite under DATA_DIR by default, a server when
 * DATABASE_URL is set. One schema and one set of drizzle-kit migrations serve both.
 */
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../files';
import * as schema from './schema';

export { schema };
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface OpenDatabase {
	db: Database;
	kind: 'pglite' | 'postgres';
	close(): Promise<void>;
}

const migrationsFolder = () => path.join(projectRoot(), 'migrations');

/** Opens the database and applies pending migrations (idempotent; recorded by drizzle). */
export async function openDatabase(databaseUrl: string | undefined, dataDir: string): Promise<OpenDatabase> {
	if (databaseUrl) {
		const { default: postgres } = await import('postgres');
		const { drizzle } = await import('drizzle-orm/postgres-js');
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} });
		const db = drizzle(sql, { schema });
		await migrate(db, { migrationsFolder: migrationsFolder() });
		return { db: db as unknown as Database, kind: 'postgres', close: () => sql.end({ timeout: 5 }) };
	}
	const pgliteDir = path.join(dataDir, 'postgres');
	mkdirSync(pgliteDir, { recursive: true });
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	const client = await PGlite.create({ dataDir: pgliteDir });
	const db = drizzle(client, { schema });
	await migrate(db, { migrationsFolder: migrationsFolder() });
	return { db: db as unknown as Database, kind: 'pglite', close: () => client.close() };
}
