/**
 * Trend results cached per (query, parameters) until new data lands in their period: accepted
 * events invalidate every entry whose period ends after the earliest event time less the longest
 * a call can stay open (a late `call.ended` changes the facts of a call queued up to 12 h before).
 */
import type { Bus } from '../bus';

/** How far before an event's time the call it belongs to may have been queued, ms. */
const CALL_REACH_MS = 12 * 3_600_000;
/** Entries kept at most (oldest dropped first). */
const MAX_ENTRIES = 500;

interface Entry {
	endMs: number;
	value: Promise<unknown>;
}

export class TrendCache {
	private readonly entries = new Map<string, Entry>();
	hits = 0;
	misses = 0;

	constructor(bus?: Bus) {
		bus?.on('events.accepted', (events) => {
			let earliest = Infinity;
			for (const event of events) earliest = Math.min(earliest, event.ts);
			if (earliest < Infinity) this.invalidateFrom(earliest - CALL_REACH_MS);
		});
	}

	/** The cached answer for `key`, or `compute()` (a failure is not cached). */
	get<T>(key: string, endMs: number, compute: () => Promise<T>): Promise<T> {
		const found = this.entries.get(key);
		if (found) {
			this.hits += 1;
			// Most recently used last, so the oldest are dropped first.
			this.entries.delete(key);
			this.entries.set(key, found);
			return found.value as Promise<T>;
		}
		this.misses += 1;
		const value = compute();
		this.entries.set(key, { endMs, value });
		value.catch(() => this.entries.delete(key));
		while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
		return value;
	}

	/** Drops every entry whose period reaches past `ms`. */
	invalidateFrom(ms: number): void {
		for (const [key, entry] of this.entries) if (entry.endMs > ms) this.entries.delete(key);
	}

	clear(): void {
		this.entries.clear();
	}
}
