/**
 * The event store: makes accepted events durable in ClickHouse, exactly once, and keeps the
 * signed `call_facts` rows in step with them.
 *
 * Writes are group-committed by one loop: concurrent requests wait together and share one
 * dedup lookup, one insert and one facts update, so a request is answered only after its events
 * are on disk (an answered "accepted" survives kill -9) without paying an insert per request.
 *
 * Each commit: (1) drop ids already stored (primary-key lookup on events), (2) read the current
 * facts of the calls touched, (3) journal those call keys, (4) insert the events (materialized
 * views feed call_state and booth_states), (5) read the facts again and write the difference to
 * call_facts as sign -1/+1 rows, (6) clear the journal. A crash between (3) and (6) is repaired
 * at start-up by `recover()`, which reconciles the journalled calls from call_state.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Bus } from '../bus';
import { analyticsQuery, TupleParam, type Analytics } from '../clickhouse';
import type { CallEvent } from './events';

/** Most events one commit takes; chDB inserts are fastest at 5–20 k rows (DESIGN.md). */
const MAX_COMMIT_EVENTS = 20_000;

const EVENT_COLUMNS = [
	'hotline', 'id', 'type', 'ts', 'received_at', 'call_id', 'booth', 'operator', 'state', 'reason', 'classes',
	'case_id', 'ended_by', 'caller_hash', 'line', 'position', 'transfer_to', 'status', 'partner', 'duration_s'
] as const;

type EventRow = [string, string, string, number, number, string, string, string, string, string, string[], string, string, string, string, number | null, string, string, string, number | null];

function toEventRow(event: CallEvent, receivedAt: number): EventRow {
	const data = event.data;
	return [
		event.hotline, event.id, event.type, event.ts, receivedAt, event.callId ?? '', event.booth ?? '', event.operator ?? '',
		data.state ?? '', data.reason ?? '', data.classes ?? [], data.caseId ?? '', data.endedBy ?? '', data.callerHash ?? '',
		data.line ?? '', data.position ?? null, data.to ?? '', data.status ?? '', data.partner ?? '', data.durationSeconds ?? null
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

	constructor(
		private readonly analytics: Analytics,
		dataDir: string,
		private readonly bus: Bus
	) {
		this.journalPath = path.join(dataDir, 'ingest-journal.json');
	}

	/** Resolves once the new events among `events` are durable; duplicates are counted, not stored. */
	write(events: CallEvent[]): Promise<WriteResult> {
		if (events.length === 0) return Promise.resolve({ accepted: 0, duplicates: 0 });
		return new Promise<WriteResult>((resolve, reject) => {
			this.pending.push({ events, resolve, reject });
			if (!this.running) this.running = this.drain().finally(() => (this.running = null));
		});
	}

	/** Waits until every write handed in so far has been committed or failed. */
	async idle(): Promise<void> {
		while (this.running) await this.running;
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
		// A journal left by a failed commit is repaired before anything else is written.
		if (existsSync(this.journalPath)) await this.recover();
		const results: WriteResult[] = batches.map(() => ({ accepted: 0, duplicates: 0 }));
		const candidates = new Map<string, { event: CallEvent; batch: number }>();
		batches.forEach((events, batch) => {
			for (const event of events) {
				const key = callKey(event.hotline, event.id);
				if (candidates.has(key)) results[batch].duplicates++;
				else candidates.set(key, { event, batch });
			}
		});
		const stored = await this.storedIds([...candidates.values()].map(({ event }) => new TupleParam([event.hotline, event.id])));
		const fresh: CallEvent[] = [];
		for (const [key, { event, batch }] of candidates) {
			if (stored.has(key)) results[batch].duplicates++;
			else {
				results[batch].accepted++;
				fresh.push(event);
			}
		}
		if (fresh.length === 0) return results;

		const touchedCalls = new Map<string, TupleParam>();
		for (const event of fresh)
			if (event.callId && event.type.startsWith('call.')) touchedCalls.set(callKey(event.hotline, event.callId), new TupleParam([event.hotline, event.callId]));
		const calls = [...touchedCalls.values()];
		const before = calls.length ? await this.currentFacts(calls) : [];
		if (calls.length) this.writeJournal([...touchedCalls.keys()]);

		const receivedAt = Date.now();
		await this.analytics.client.insert({
			table: 'events',
			values: fresh.map((event) => toEventRow(event, receivedAt)),
			format: 'JSONCompactEachRow',
			columns: [...EVENT_COLUMNS]
		});

		if (calls.length) {
			const after = await this.currentFacts(calls);
			await this.writeFactChanges(before, after);
			this.clearJournal();
		}
		this.bus.emit('events.accepted', fresh);
		return results;
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

	/** Writes sign -1 for each fact that changed or vanished and sign +1 for each new version. */
	private async writeFactChanges(before: FactRow[], after: FactRow[]): Promise<void> {
		const previous = new Map(before.map((row) => [callKey(row.hotline, row.call_id), row]));
		const rows: Record<string, unknown>[] = [];
		for (const row of after) {
			const key = callKey(row.hotline, row.call_id);
			const old = previous.get(key);
			previous.delete(key);
			if (old && JSON.stringify(old) === JSON.stringify(row)) continue;
			if (old) rows.push({ ...old, sign: -1 });
			rows.push({ ...row, sign: 1 });
		}
		for (const old of previous.values()) rows.push({ ...old, sign: -1 });
		if (rows.length) await this.analytics.client.insert({ table: 'call_facts', values: rows, format: 'JSONEachRow' });
	}

	private writeJournal(callKeys: string[]): void {
		const temporary = `${this.journalPath}.tmp`;
		const fd = openSync(temporary, 'w');
		try {
			writeSync(fd, JSON.stringify({ calls: callKeys.map((key) => key.split('\u0000')) }));
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
		renameSync(temporary, this.journalPath);
	}

	private clearJournal(): void {
		unlinkSync(this.journalPath);
	}

	/**
	 * Repairs call_facts after a crash in the middle of a commit: for each journalled call, the
	 * net signed rows are compared with the facts computed from call_state and corrected.
	 * Returns how many calls needed a correction.
	 */
	async recover(): Promise<number> {
		if (!existsSync(this.journalPath)) return 0;
		const journal = JSON.parse(readFileSync(this.journalPath, 'utf8')) as { calls: [string, string][] };
		const calls = journal.calls.map((pair) => new TupleParam(pair));
		const repaired = calls.length ? await this.reconcile(calls) : 0;
		this.clearJournal();
		return repaired;
	}

	private async reconcile(calls: TupleParam[]): Promise<number> {
		const netResult = await this.analytics.client.query({
			query: analyticsQuery('call_facts_net_for_calls'),
			query_params: { calls },
			format: 'JSONEachRow'
		});
		const net = await netResult.json<FactRow & { net: number | string }>();
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
