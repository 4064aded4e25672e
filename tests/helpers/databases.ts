/**
 * The two PostgreSQL targets every database test runs against: embedded PGlite (the default) and
 * the PostgreSQL server on 127.0.0.1:5432 (the production path), each test on a fresh database.
 */
import postgres from 'postgres';

export const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

export type DatabaseTarget = 'pglite' | 'postgres';
export const DATABASE_TARGETS: DatabaseTarget[] = ['pglite', 'postgres'];

/** A new, empty database on the server; `drop()` removes it. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `alo_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(POSTGRES_ADMIN_URL, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`CREATE DATABASE ${name}`);
	} finally {
		await admin.end();
	}
	return {
		url: `postgres://postgres@127.0.0.1:5432/${name}`,
		async drop() {
			const cleanup = postgres(POSTGRES_ADMIN_URL, { max: 1, onnotice: () => {} });
			try {
				await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			} finally {
				await cleanup.end();
			}
		}
	};
}

/** Environment for a server on this target (DATABASE_URL for the server target). */
export async function databaseEnv(target: DatabaseTarget): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
	if (target === 'pglite') return { env: {}, drop: async () => {} };
	const database = await freshPostgresDatabase();
	return { env: { DATABASE_URL: database.url }, drop: database.drop };
}
