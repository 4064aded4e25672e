/**
 * The only reader of environment variables. `loadConfig` validates once and returns plain
 * settings that every other module receives as an argument.
 */
import path from 'node:path';

export interface ClickHouseSettings {
	/** HTTP(S) URL of a ClickHouse server; undefined means embedded chDB under dataDir. */
	url?: string;
	user: string;
	password: string;
	database: string;
	/** Cluster name: DDL gets `ON CLUSTER` and Replicated* engines when set. */
	cluster?: string;
}

export interface Settings {
	port: number;
	host: string;
	dataDir: string;
	clickhouse: ClickHouseSettings;
	/** postgres:// URL; undefined means embedded PGlite under dataDir. */
	databaseUrl?: string;
	hotlineId: string;
	/** IANA time zone in which the hotline's days and `YYYY-MM-DD` dates are counted. */
	timeZone: string;
	origin?: string;
	/** Longest sign-in back-off after repeated failures, seconds. */
	loginMaxBackoffSeconds: number;
	/** The hotline's KPI thresholds (contract v1): T and S, seconds. */
	kpi: KpiThresholds;
}

/** Service-level threshold T and short-abandon threshold S, whole seconds. */
export interface KpiThresholds {
	slThreshold: number;
	shortAbandon: number;
}

/** The KPI contract's defaults: T = 20 s, S = 5 s. */
export const KPI_CONTRACT_DEFAULTS: Readonly<KpiThresholds> = { slThreshold: 20, shortAbandon: 5 };
/** The largest T and S a request or the configuration may set, seconds. */
export const KPI_THRESHOLD_LIMITS: Readonly<KpiThresholds> = { slThreshold: 3600, shortAbandon: 600 };

export class ConfigError extends Error {}

const HOTLINE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Settings {
	const problems: string[] = [];
	const port = Number(env.PORT ?? 3000);
	if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, got "${env.PORT}"`);
	const hotlineId = env.HOTLINE_ID ?? 'al-116000';
	if (!HOTLINE_ID.test(hotlineId)) problems.push(`HOTLINE_ID must be lower-case letters, digits and dashes, got "${hotlineId}"`);
	const timeZone = env.TZ_HOTLINE ?? 'Europe/Tirane';
	if (!isTimeZone(timeZone)) problems.push(`TZ_HOTLINE must be an IANA time zone such as Europe/Tirane, got "${timeZone}"`);
	for (const name of ['CLICKHOUSE_URL', 'DATABASE_URL', 'ORIGIN'] as const) {
		const value = env[name];
		if (value) {
			try {
				new URL(value);
			} catch {
				problems.push(`${name} must be a URL, got "${value}"`);
			}
		}
	}
	const database = env.CLICKHOUSE_DATABASE ?? 'alo116';
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) problems.push(`CLICKHOUSE_DATABASE must be an identifier, got "${database}"`);
	const cluster = env.CLICKHOUSE_CLUSTER || undefined;
	if (cluster && !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(cluster)) problems.push(`CLICKHOUSE_CLUSTER must be an identifier, got "${cluster}"`);
	const loginMaxBackoffSeconds = Number(env.LOGIN_MAX_BACKOFF_SECONDS ?? 900);
	if (!Number.isInteger(loginMaxBackoffSeconds) || loginMaxBackoffSeconds < 1 || loginMaxBackoffSeconds > 86_400)
		problems.push(`LOGIN_MAX_BACKOFF_SECONDS must be whole seconds from 1 to 86400, got "${env.LOGIN_MAX_BACKOFF_SECONDS}"`);
	const wholeSecondsSetting = (name: string, value: string | undefined, fallback: number, max: number) => {
		const seconds = Number(value || fallback);
		if (!Number.isInteger(seconds) || seconds < 0 || seconds > max) problems.push(`${name} must be whole seconds from 0 to ${max}, got "${value}"`);
		return seconds;
	};
	const kpi: KpiThresholds = {
		slThreshold: wholeSecondsSetting('SL_THRESHOLD_SECONDS', env.SL_THRESHOLD_SECONDS, KPI_CONTRACT_DEFAULTS.slThreshold, KPI_THRESHOLD_LIMITS.slThreshold),
		shortAbandon: wholeSecondsSetting('SHORT_ABANDON_SECONDS', env.SHORT_ABANDON_SECONDS, KPI_CONTRACT_DEFAULTS.shortAbandon, KPI_THRESHOLD_LIMITS.shortAbandon)
	};
	if (problems.length) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
	return {
		port,
		host: env.HOST ?? '0.0.0.0',
		dataDir: path.resolve(env.DATA_DIR ?? './data'),
		clickhouse: {
			url: env.CLICKHOUSE_URL || undefined,
			user: env.CLICKHOUSE_USER ?? 'default',
			password: env.CLICKHOUSE_PASSWORD ?? '',
			database,
			cluster
		},
		databaseUrl: env.DATABASE_URL || undefined,
		hotlineId,
		timeZone,
		origin: env.ORIGIN || undefined,
		loginMaxBackoffSeconds,
		kpi
	};
}
