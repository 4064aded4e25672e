/**
 * The composition root: opens the stores, applies migrations, repairs an interrupted ingest
 * commit, and wires ingest, analytics and live state together. The server (hooks.server.ts)
 * and the CLI both start the app through `startApp`.
 */
import type { WebSocketServer } from 'ws';
import { createKeyVerifier, DEFAULT_THROTTLE, type KeyVerifier, type ThrottleSettings } from '../auth';
import { TrendCache } from '../analytics';
import { createTrends, type Trends } from '../reports';
import { Bus } from '../bus';
import { startCases, type CasesModule } from '../cases';
import { migrateAnalytics, openAnalytics, type Analytics } from '../clickhouse';
import type { Settings } from '../config';
import { openDatabase, type OpenDatabase } from '../db';
import { createIngest, type Ingest } from '../ingest';
import { startLive, type Live } from '../live';
import { acquireLock, type LockInfo } from './lock';

export { acquireLock, DataDirLockedError, readLock, type LockInfo } from './lock';

export interface App {
	settings: Settings;
	analytics: Analytics;
	database: OpenDatabase;
	bus: Bus;
	ingest: Ingest;
	live: Live;
	cases: CasesModule;
	/** Trend answers cached until new data lands in their period. */
	trendCache: TrendCache;
	/** The trends and reports pages' charts. */
	trends: Trends;
	keys: KeyVerifier;
	/** Sign-in back-off rules. */
	throttle: ThrottleSettings;
	lock?: LockInfo;
	shutdown(): Promise<void>;
}

export interface StartOptions {
	role: 'server' | 'cli';
	/** Log start-up steps (the server does; tests may not). */
	log?: (line: string) => void;
}

export function usesEmbeddedEngines(settings: Settings): boolean {
	return !settings.clickhouse.url || !settings.databaseUrl;
}

export async function startApp(settings: Settings, options: StartOptions): Promise<App> {
	const log = options.log ?? (() => {});
	const lock = usesEmbeddedEngines(settings)
		? acquireLock(settings.dataDir, options.role, options.role === 'server' ? `http://127.0.0.1:${settings.port}` : undefined)
		: undefined;
	const opened: { close(): Promise<void> }[] = [];
	try {
		const started = Date.now();
		const analytics = await openAnalytics(settings.clickhouse, settings.dataDir);
		opened.push(analytics);
		const ran = await migrateAnalytics(analytics);
		log(`ClickHouse (${analytics.kind === 'chdb' ? `embedded chDB in ${settings.dataDir}` : settings.clickhouse.url}) ready${ran.length ? `; applied ${ran.join(', ')}` : ''}`);
		const database = await openDatabase(settings.databaseUrl, settings.dataDir);
		opened.push(database);
		log(`PostgreSQL (${database.kind === 'pglite' ? `embedded PGlite in ${settings.dataDir}` : 'server'}) ready`);
		const bus = new Bus();
		const ingest = createIngest(analytics, bus, { defaultHotline: settings.hotlineId, dataDir: settings.dataDir, soleWriter: analytics.kind === 'chdb' });
		const repaired = await ingest.start();
		if (repaired) log(`repaired the call facts of ${repaired} calls after an interrupted ingest commit`);
		const live = startLive({ bus, analytics, db: database.db, ingest }, { hotline: settings.hotlineId, timeZone: settings.timeZone, kpi: settings.kpi });
		await live.start();
		const cases = await startCases({ db: database.db, bus, accept: (events) => ingest.accept(events) }, { hotline: settings.hotlineId, timeZone: settings.timeZone });
		const trendCache = new TrendCache(bus);
		const keys = createKeyVerifier(database.db, { controlToken: lock?.info.controlToken });
		// API-key use goes to the audit log as a summary per key and minute, not a row per request.
		const usageTimer = setInterval(() => keys.flushUsage().catch((error) => console.error('audit of API key use failed:', error)), 60_000);
		usageTimer.unref();
		log(`started in ${Date.now() - started} ms`);
		let stopped = false;
		return {
			settings,
			analytics,
			database,
			bus,
			ingest,
			live,
			cases,
			trendCache,
			trends: createTrends({ analytics, cache: trendCache, cases, settled: () => ingest.settled(), hotline: settings.hotlineId, timeZone: settings.timeZone, kpi: settings.kpi }),
			keys,
			throttle: { ...DEFAULT_THROTTLE, maxBackoffSeconds: settings.loginMaxBackoffSeconds },
			lock: lock?.info,
			async shutdown() {
				if (stopped) return;
				stopped = true;
				cases.stop();
				live.close();
				clearInterval(usageTimer);
				await keys.flushUsage().catch(() => {});
				await ingest.settled();
				await database.close();
				await analytics.close();
				lock?.release();
			}
		};
	} catch (error) {
		for (const store of opened.reverse()) await store.close().catch(() => {});
		lock?.release();
		throw error;
	}
}

/** Bridges between server.js (plain JS outside the bundle) and the app inside it. */
const bridgeKey = Symbol.for('alo116.bridge');
interface Bridge {
	wss?: WebSocketServer;
	app?: App;
	/** Whether an upgrade request to /ws may connect (a session whose role may see the wallboard). */
	authorizeSocket?(cookieHeader: string | undefined): Promise<boolean>;
}

export function bridge(): Bridge {
	const holder = globalThis as unknown as Record<symbol, Bridge | undefined>;
	return (holder[bridgeKey] ??= {});
}
