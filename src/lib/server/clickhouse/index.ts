/**
 * ClickHouse access: the client factory (embedded chDB or an HTTP server), the migration runner
 * for analytics/migrations, and the loader for analytics/queries/*.sql.
 */
import { createClient, TupleParam, type ClickHouseClient } from '@clickhouse/client';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClickHouseSettings } from '../config';
import { projectRoot } from '../files';
import { renderDdl, splitStatements } from './ddl';

export { renderDdl, splitStatements } from './ddl';
export { TupleParam };
export type { ClickHouseClient };

export interface Analytics {
	client: ClickHouseClient;
	/** 'chdb' when embedded in this process, 'server' over HTTP. */
	kind: 'chdb' | 'server';
	database: string;
	cluster?: string;
	close(): Promise<void>;
}

/**
 * Opens ClickHouse. chDB is imported lazily here so that nothing loads it at build time or in a
 * worker thread (it crashes the process when a worker exits).
 */
export async function openAnalytics(settings: ClickHouseSettings, dataDir: string): Promise<Analytics> {
	if (settings.url) {
		const client = createClient({
			url: settings.url,
			username: settings.user,
			password: settings.password,
			request_timeout: 60_000
		});
		await client.command({ query: `CREATE DATABASE IF NOT EXISTS \`${settings.database}\`${settings.cluster ? ` ON CLUSTER \`${settings.cluster}\`` : ''}` });
		await client.close();
		const databaseClient = createClient({
			url: settings.url,
			username: settings.user,
			password: settings.password,
			database: settings.database,
			request_timeout: 60_000
		});
		return { client: databaseClient, kind: 'server', database: settings.database, cluster: settings.cluster, close: () => databaseClient.close() };
	}
	const chdbDir = path.join(dataDir, 'clickhouse');
	mkdirSync(chdbDir, { recursive: true });
	const { createChdbConnection } = await import('chdb/connection');
	const client = createClient({ connection: createChdbConnection({ path: chdbDir }) } as Parameters<typeof createClient>[0]);
	// chDB ignores the client's `database` option; USE persists for the session.
	await client.command({ query: `CREATE DATABASE IF NOT EXISTS \`${settings.database}\`` });
	await client.command({ query: `USE \`${settings.database}\`` });
	return { client, kind: 'chdb', database: settings.database, close: () => client.close() };
}

export interface AnalyticsMigration {
	version: number;
	name: string;
	sql: string;
	checksum: string;
}

export function readAnalyticsMigrations(dir = path.join(projectRoot(), 'analytics', 'migrations')): AnalyticsMigration[] {
	return readdirSync(dir)
		.filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
		.sort()
		.map((file) => {
			const sql = readFileSync(path.join(dir, file), 'utf8');
			return {
				version: Number(file.slice(0, 4)),
				name: file.replace(/\.sql$/, ''),
				sql,
				checksum: createHash('sha256').update(sql).digest('hex')
			};
		});
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations {{ON_CLUSTER}}
(
    version     UInt32,
    name        String,
    checksum    String,
    applied_at  DateTime64(3, 'UTC')
)
ENGINE = {{ENGINE ReplacingMergeTree}}
ORDER BY version`;

/** Every statement the migrations would run for a target, in order (used by `alo migrate --print`). */
export function migrationStatements(migrations: AnalyticsMigration[], cluster?: string): string[] {
	return [renderDdl(MIGRATIONS_TABLE, { cluster }), ...migrations.flatMap((m) => splitStatements(renderDdl(m.sql, { cluster })))];
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`. Statements are idempotent
 * (IF NOT EXISTS), so a migration interrupted half-way is simply run again. A recorded migration
 * whose file changed is an error: migrations are append-only.
 */
export async function migrateAnalytics(analytics: Analytics, migrations = readAnalyticsMigrations()): Promise<string[]> {
	const { client, cluster } = analytics;
	await client.command({ query: renderDdl(MIGRATIONS_TABLE, { cluster }) });
	const applied = await client.query({ query: 'SELECT version, name, checksum FROM schema_migrations FINAL', format: 'JSONEachRow' });
	const appliedRows = await applied.json<{ version: number | string; name: string; checksum: string }>();
	const appliedByVersion = new Map(appliedRows.map((row) => [Number(row.version), row]));
	const ran: string[] = [];
	for (const migration of migrations) {
		const done = appliedByVersion.get(migration.version);
		if (done) {
			if (done.checksum !== migration.checksum)
				throw new Error(`Analytics migration ${migration.name} was changed after it was applied; add a new migration instead`);
			continue;
		}
		for (const statement of splitStatements(renderDdl(migration.sql, { cluster }))) {
			await client.command({ query: statement });
		}
		await client.insert({
			table: 'schema_migrations',
			values: [{ version: migration.version, name: migration.name, checksum: migration.checksum, applied_at: Date.now() }],
			format: 'JSONEachRow'
		});
		ran.push(migration.name);
	}
	return ran;
}

const queryCache = new Map<string, string>();

/** The text of analytics/queries/<name>.sql; queries take values only as {name:Type} parameters. */
export function analyticsQuery(name: string): string {
	let sql = queryCache.get(name);
	if (sql === undefined) {
		if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Bad query name ${name}`);
		sql = readFileSync(path.join(projectRoot(), 'analytics', 'queries', `${name}.sql`), 'utf8');
		queryCache.set(name, sql);
	}
	return sql;
}

/** 64-bit integers come back as numbers from chDB and as strings from a server: parse both. */
export function toNumber(value: unknown): number {
	if (value === null || value === undefined) return 0;
	return typeof value === 'number' ? value : Number(value);
}

/** Runs a named query and returns its rows. */
export async function queryRows<Row>(analytics: Analytics, name: string, params: Record<string, unknown>): Promise<Row[]> {
	const result = await analytics.client.query({ query: analyticsQuery(name), query_params: params, format: 'JSONEachRow' });
	return result.json<Row>();
}
