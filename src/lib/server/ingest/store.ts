/**
 * The event store: makes accepted events durable in ClickHouse, exactly once, and keeps the
 * derived tables (call_state, booth_states) and the signed `call_facts` rows in step with them.
 *
 * Writes are group-committed by one loop: concurrent requests wait together and share one
 * dedup lookup and one insert, so a request is answered only after its events are on disk (an
 * answered "accepted" survives kill -9) without paying an insert per request. Materialized views
 * derive call_state and booth_states during the insert (migration 0008).
 *
 * Call facts follow behind, in a second loop that batches the calls touched meanwhile: it reads
 * each call's previous fact row (from its own cache of the rows it wrote, else the net signed
 * rows in call_facts), computes the new one from call_state, and writes the difference as
 * sign -1/+1 rows. A journal file holds the received_at from which derivations and facts may be
 * incomplete (the views are not atomic with the insert); it is written before the first insert of
 * a busy spell and removed once everything has caught up. After a crash `recover()` re-derives that window and reconciles its calls.
 * `settled()` waits for the facts of everything accepted so far.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Bus } from '../bus';
import { analyticsQuery, TupleParam, type Analytics } from '../clickhouse';
import type { CallEvent } from './events';
import { SeenIds } from './seenIds';

/** Most events one commit takes; chDB inserts are fastest at 5–20 k rows (DESIGN.md). */
const MAX_COMMIT_EVENTS = 20_000;
/** Most calls whose facts are rewritten in one round (bounds the query's IN list). */
const MAX_FACT_CALLS = 5_000;
/** Above this many stored events the dedup filter is not built (start-up would read them all). */
const SEEN_IDS_LIMIT = 5_000_000;
/** Upper bound for received_at windows in recovery (epoch ms, year 2255; DateTime64(3) ends in 2299). */
const END_OF_TIME_MS = 9_000_000_000_000;
/** Longest a stale call waits for its facts round, ms. Readers that need them now (the summary API, the
 * wallboard's today figures) call settled(), which starts the round at once; under steady ingest a
 * longer wait lets more commits share one round (single-client ingest: 66 % of raw at 250 ms, ~100 % at 1 s). */
const FACTS_DELAY_MS = 1000;
/** Fact rows kept in memory for calls still in progress (a row is ~1 KB). */
const FACT_CACHE_CALLS = 20_000;

export const EVENT_COLUMNS = [
	'hotline', 'id', 'type', 'ts', 'received_at', 'call_id', 'booth', 'operator', 'state', 'reason', 'classes',
	'case_id', 'ended_by', 'caller_hash', 'line', 'position', 'transfer_to', 'status', 'partner', 'duration_s',
	'from_status', 'missing_type', 'priority', 'age_band', 'area', 'episode', 'cross_border', 'action', 'referral_id', 'since_last_seen_s', 'expected_s'
] as const;

type EventRow = [
	string, string, string, number, number, string, string, string, string, string, string[], string, string, string, string, number | null, string, string, string, number | null,
	string, string, string, string, string, number, number, string, string, number | null, number | null
];

/** An event as a row of `events` in EVENT_COLUMNS order (JSONCompactEachRow). */
export function toEventRow(event: CallEvent, receivedAt: number): EventRow {
	const data = event.data;
	return [
		event.hotline, event.id, event.type, event.ts, receivedAt, event.callId ?? '', event.booth ?? '', event.operator ?? '',
		data.state ?? '', data.reason ?? '', data.classes ?? [], data.caseId ?? '', data.endedBy ?? '', data.callerHash ?? '',
		data.line ?? '', data.position ?? null, data.to ?? '', data.status ?? '', data.partner ?? '', data.durationSeconds ?? null,
		data.fromStatus ?? '', data.missingType ?? '', data.priority ?? '', data.ageBand ?? '', data.area ?? '', data.episode ?? 0, data.crossBorder ? 1 : 0,
		data.action ?? '', data.referralId ?? '', data.sinceLastSeenSeconds ?? null, data.expectedSeconds ?? null
	];
}

export interface WriteResult {
	accepted: number;
	duplicates: number;
}

/** A call fact row as ClickHouse returns it from call_facts_current (values kept as returned). */
type FactRow = Record<string, unknown> & { hotline: string; call_id: string };

interface PendingWrite {
	events: CallEvent[];
	resolve(result: WriteResult): void;
	reject(error: unknown): void;
}

const callKey = (hotline: string, callId: string) => `${hotline}\u0000${callId}`;

export class EventStore {
	private readonly pending: PendingWrite[] = [];
	private running: Promise<void> | null = null;
	private readonly journalPath: string;
	/** Calls whose events are stored but whose facts are not yet rewritten (keys → tuple). */
	private readonly staleCalls = new Map<string, TupleParam>();
	/** Calls taken out of staleCalls by the facts round in progress; journalled until it is done. */
	private readonly inFlightCalls = new Map<string, TupleParam>();
	private factsRunning: Promise<void> | null = null;
	private factsTimer: NodeJS.Timeout | undefined;
	/** The current fact row of recently written calls, as this process wrote it (LRU by insertion). */
	private readonly factCache = new Map<string, FactRow>();
	/** received_at (epoch ms) from which derivations and facts may be incomplete; undefined when all caught up. */
	private journalSince: number | undefined;
	private committing = false;
	/** Set when a commit failed half-way: the next one first repairs the journalled window. */
	private needsRepair = false;
	private lastReceivedAt = 0;
	/** Ids known to be stored (Bloom filter); only for a sole writer. */
	private seen: SeenIds | undefined;

	constructor(
		private readonly analytics: Analytics,
		dataDir: string,
		private readonly bus: Bus,
		/** Only a sole writer may trust its cache of fact rows (embedded stores are locked to one process). */
		private readonly soleWriter = true
	) {
		this.journalPath = path.join(dataDir, 'ingest-journal.json');
	}

	/** Fills the dedup filter from the stored events (sole writer only); call before writing. */
	async loadSeenIds(): Promise<void> {
		if (!this.soleWriter) return;
		const [{ events }] = await (await this.analytics.client.query({ query: analyticsQuery('stored_event_count'), format: 'JSONEachRow' })).json<{ events: unknown }>();
		const count = Number(events);
		if (count > SEEN_IDS_LIMIT) return;
		const seen = new SeenIds(count);
		if (count > 0) {
			const result = await this.analytics.client.query({ query: analyticsQuery('all_event_keys'), format: 'JSONCompactEachRow' });
			for (const [hotline, id] of await result.json<[string, string]>()) seen.add(callKey(hotline, id));
		}
		this.seen = seen;
	}

	/** Resolves once the new events among `events` are durable; duplicates are counted, not stored. */
	write(events: CallEvent[]): Promise<WriteResult> {
		if (events.length === 0) return Promise.resolve({ accepted: 0, duplicates: 0 });
		return new Promise<WriteResult>((resolve, reject) => {
			this.pending.push({ events, resolve, reject });
			if (!this.running) this.running = this.drain().finally(() => (this.running = null));
		});
	}

	/** Waits until every write handed in so far is committed and its call facts are written (or failed, logged and journalled). */
	async settled(): Promise<void> {
		while (this.running || this.factsRunning || this.factsTimer) {
			if (this.running) await this.running;
			this.startFacts();
			if (this.factsRunning) await this.factsRunning;
		}
	}

	private async drain(): Promise<void> {
		while (this.pending.length > 0) {
			const group: PendingWrite[] = [];
			let size = 0;
			while (this.pending.length > 0 && (group.length === 0 || size + this.pending[0].events.length <= MAX_COMMIT_EVENTS)) {
				const next = this.pending.shift()!;
				group.push(next);
				size += next.events.length;
			}
			try {
				const results = await this.commit(group.map((write) => write.events));
				group.forEach((write, i) => write.resolve(results[i]));
			} catch (error) {
				for (const write of group) write.reject(error);
			}
		}
	}

	private async commit(batches: CallEvent[][]): Promise<WriteResult[]> {
		if (this.needsRepair) {
			if (this.factsRunning) await this.factsRunning;
			await this.repair();
			this.needsRepair = false;
		}
		const results: WriteResult[] = batches.map(() => ({ accepted: 0, duplicates: 0 }));
		const candidates = new Map<string, { event: CallEvent; batch: number }>();
		batches.forEach((events, batch) => {
			for (const event of events) {
				const key = callKey(event.hotline, event.id);
				if (candidates.has(key)) results[batch].duplicates++;
				else candidates.set(key, { event, batch });
			}
		});
		// Only ids the filter cannot rule out are looked up in ClickHouse.
		const uncertain = [...candidates].filter(([key]) => !this.seen || this.seen.mayContain(key));
		const stored = uncertain.length ? await this.storedIds(uncertain.map(([, { event }]) => new TupleParam([event.hotline, event.id]))) : new Set<string>();
		const fresh: CallEvent[] = [];
		for (const [key, { event, batch }] of candidates) {
			if (stored.has(key)) results[batch].duplicates++;
			else {
				results[batch].accepted++;
				fresh.push(event);
			}
		}
		if (fresh.length === 0) return results;

		// Each commit gets its own received_at, so its rows can be derived (and re-derived) alone.
		const receivedAt = Math.max(Date.now(), this.lastReceivedAt + 1);
		this.lastReceivedAt = receivedAt;
		this.committing = true;
		try {
			if (this.journalSince === undefined) {
				this.journalSince = receivedAt;
				this.writeJournal();
			}
			await this.analytics.client.insert({
				table: 'events',
				values: fresh.map((event) => toEventRow(event, receivedAt)),
				format: 'JSONCompactEachRow',
				columns: [...EVENT_COLUMNS]
			});
			if (this.seen) for (const event of fresh) this.seen.add(callKey(event.hotline, event.id));
		} catch (error) {
			this.needsRepair = true;
			throw error;
		} finally {
			this.committing = false;
		}
		for (const event of fresh) {
			if (!event.callId || !event.type.startsWith('call.')) continue;
			const key = callKey(event.hotline, event.callId);
			if (!this.staleCalls.has(key)) this.staleCalls.set(key, new TupleParam([event.hotline, event.callId]));
		}
		if (this.staleCalls.size === 0 && !this.factsRunning) this.clearJournal();
		this.scheduleFacts();
		this.bus.emit('events.accepted', fresh);
		return results;
	}

	/**
	 * Facts are rewritten once enough calls are stale or shortly after the first one, so that a
	 * stream of commits shares one facts round (the chDB session runs one statement at a time).
	 */
	private scheduleFacts(): void {
		if (this.staleCalls.size === 0 || this.factsRunning) return;
		if (this.staleCalls.size >= MAX_FACT_CALLS) this.startFacts();
		else this.factsTimer ??= setTimeout(() => this.startFacts(), FACTS_DELAY_MS);
	}

	private startFacts(): void {
		if (this.factsTimer) clearTimeout(this.factsTimer);
		this.factsTimer = undefined;
		if (this.factsRunning || this.staleCalls.size === 0) return;
		this.factsRunning = this.updateFacts().finally(() => {
			this.factsRunning = null;
			this.scheduleFacts();
		});
	}

	/** Rewrites the facts of stale calls until none are left; the journal goes when they are done. */
	private async updateFacts(): Promise<void> {
		try {
			while (this.staleCalls.size > 0) {
				const round = [...this.staleCalls.entries()].slice(0, MAX_FACT_CALLS);
				for (const [key, tuple] of round) {
					this.staleCalls.delete(key);
					this.inFlightCalls.set(key, tuple);
				}
				const calls = round.map(([, tuple]) => tuple);
				try {
					await this.rewriteFacts(calls);
				} catch (rewriteError) {
					// Whatever state the rows are in, reconciling against call_state puts them right.
					this.factCache.clear();
					try {
						await this.reconcile(calls);
					} catch {
						// Left for the journal: the next commit or start-up retries.
						for (const [key, tuple] of round) this.staleCalls.set(key, tuple);
						throw rewriteError;
					}
				} finally {
					this.inFlightCalls.clear();
				}
			}
			this.clearJournal();
		} catch (error) {
			console.error('updating call facts failed (will be repaired from the journal):', error);
		}
	}

	private async rewriteFacts(calls: TupleParam[]): Promise<void> {
		const previous = new Map<string, FactRow>();
		const uncached: TupleParam[] = [];
		for (const call of calls) {
			const [hotline, callId] = call.values as [string, string];
			const cached = this.soleWriter ? this.factCache.get(callKey(hotline, callId)) : undefined;
			if (cached) previous.set(callKey(hotline, callId), cached);
			else uncached.push(call);
		}
		if (uncached.length) {
			for (const row of await this.netFacts(uncached)) {
				const { net, ...fact } = row;
				if (Number(net) === 1) previous.set(callKey(fact.hotline, fact.call_id), fact as FactRow);
				else throw new Error(`call ${fact.call_id} has a net weight of ${net} in call_facts; run recovery`);
			}
		}
		const current = await this.currentFacts(calls);
		const rows: Record<string, unknown>[] = [];
		for (const row of current) {
			const key = callKey(row.hotline, row.call_id);
			const old = previous.get(key);
			previous.delete(key);
			this.remember(key, row);
			if (old && JSON.stringify(old) === JSON.stringify(row)) continue;
			if (old) rows.push({ ...old, sign: -1 });
			rows.push({ ...row, sign: 1 });
		}
		for (const old of previous.values()) rows.push({ ...old, sign: -1 });
		if (rows.length) await this.analytics.client.insert({ table: 'call_facts', values: rows, format: 'JSONEachRow' });
	}

	private remember(key: string, row: FactRow): void {
		if (!this.soleWriter) return;
		this.factCache.delete(key);
		this.factCache.set(key, row);
		if (this.factCache.size > FACT_CACHE_CALLS) this.factCache.delete(this.factCache.keys().next().value!);
	}

	private async storedIds(keys: TupleParam[]): Promise<Set<string>> {
		const stored = new Set<string>();
		const result = await this.analytics.client.query({
			query: analyticsQuery('stored_event_ids'),
			query_params: { keys },
			format: 'JSONCompactEachRow'
		});
		for (const [hotline, id] of await result.json<[string, string]>()) stored.add(callKey(hotline, id));
		return stored;
	}

	private async currentFacts(calls: TupleParam[]): Promise<FactRow[]> {
		const result = await this.analytics.client.query({
			query: analyticsQuery('call_facts_for_calls'),
			query_params: { calls },
			format: 'JSONEachRow'
		});
		return result.json<FactRow>();
	}

	private async netFacts(calls: TupleParam[]): Promise<(FactRow & { net: number | string })[]> {
		const result = await this.analytics.client.query({
			query: analyticsQuery('call_facts_net_for_calls'),
			query_params: { calls },
			format: 'JSONEachRow'
		});
		return result.json<FactRow & { net: number | string }>();
	}

	/** Records, durably, that rows received from `journalSince` on may not be derived yet. */
	private writeJournal(): void {
		const temporary = `${this.journalPath}.tmp`;
		const fd = openSync(temporary, 'w');
		try {
			writeSync(fd, JSON.stringify({ since: this.journalSince }));
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
		renameSync(temporary, this.journalPath);
	}

	/** Removes the journal once no commit is half-way and every touched call has its facts. */
	private clearJournal(): void {
		if (this.committing || this.staleCalls.size > 0 || this.inFlightCalls.size > 0) return;
		rmSync(this.journalPath, { force: true });
		this.journalSince = undefined;
	}

	/**
	 * Repairs everything after a crash: re-derives call_state and booth_states for the rows
	 * received since the journal's mark (idempotent), then compares each of their calls' net signed
	 * rows with the facts computed from call_state and corrects them. Returns how many calls
	 * needed a correction.
	 */
	async recover(): Promise<number> {
		await this.settled();
		return this.repair();
	}

	private async repair(): Promise<number> {
		if (!existsSync(this.journalPath)) return 0;
		const { since } = JSON.parse(readFileSync(this.journalPath, 'utf8')) as { since: number };
		const window = { fromMs: since, toMs: END_OF_TIME_MS };
		await this.analytics.client.command({ query: analyticsQuery('derive_call_state'), query_params: window });
		await this.analytics.client.command({ query: analyticsQuery('derive_booth_states'), query_params: window });
		const result = await this.analytics.client.query({ query: analyticsQuery('calls_received_since'), query_params: { fromMs: since }, format: 'JSONCompactEachRow' });
		const calls = (await result.json<[string, string]>()).map((pair) => new TupleParam(pair));
		this.factCache.clear();
		let repaired = 0;
		for (let i = 0; i < calls.length; i += MAX_FACT_CALLS) {
			const chunk = calls.slice(i, i + MAX_FACT_CALLS);
			repaired += await this.reconcile(chunk);
			await this.rebuildRollup(chunk);
		}
		this.staleCalls.clear();
		this.journalSince = undefined;
		rmSync(this.journalPath, { force: true });
		return repaired;
	}

	/**
	 * The call_hourly view is not written atomically with call_facts, so the hours these calls
	 * touch are emptied and rebuilt from call_facts (a redo after another crash gives the same).
	 */
	private async rebuildRollup(calls: TupleParam[]): Promise<void> {
		const result = await this.analytics.client.query({ query: analyticsQuery('rollup_hours_of_calls'), query_params: { calls }, format: 'JSONCompactEachRow' });
		const hours = (await result.json<[string, string]>()).map((pair) => new TupleParam(pair));
		if (hours.length === 0) return;
		await this.analytics.client.command({ query: analyticsQuery('rollup_clear_hours'), query_params: { hours } });
		await this.analytics.client.command({ query: analyticsQuery('rollup_rebuild_hours'), query_params: { hours } });
	}

	private async reconcile(calls: TupleParam[]): Promise<number> {
		const net = await this.netFacts(calls);
		const truth = await this.currentFacts(calls);
		const rows: Record<string, unknown>[] = [];
		const trueByKey = new Map(truth.map((row) => [JSON.stringify(row), row]));
		const repairedCalls = new Set<string>();
		for (const { net: count, ...row } of net) {
			const weight = Number(count);
			const serial = JSON.stringify(row);
			const expected = trueByKey.has(serial) ? 1 : 0;
			if (expected) trueByKey.delete(serial);
			if (weight !== expected) {
				repairedCalls.add(callKey(row.hotline, row.call_id));
				rows.push({ ...row, sign: expected - weight });
			}
		}
		for (const row of trueByKey.values()) {
			repairedCalls.add(callKey(row.hotline, row.call_id));
			rows.push({ ...row, sign: 1 });
		}
		if (rows.length) await this.analytics.client.insert({ table: 'call_facts', values: rows, format: 'JSONEachRow' });
		return repairedCalls.size;
	}
}
