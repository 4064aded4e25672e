/**
 * Where the CLI sends events: straight into ingest when it holds the data directory itself, or
 * to the running server's events API. Both go through the same validation and dedup.
 */
import type { IngestAnswer } from '../ingest';

export interface EventSink {
	send(events: unknown[]): Promise<IngestAnswer>;
	/** Where the events go, for messages. */
	describe: string;
}

export function ingestSink(accept: (events: unknown[]) => Promise<IngestAnswer>): EventSink {
	return { send: accept, describe: 'the local data directory' };
}

export function httpSink(baseUrl: string, key: string): EventSink {
	const url = new URL('/api/v1/events', baseUrl).toString();
	return {
		describe: baseUrl,
		async send(events) {
			const response = await fetch(url, {
				method: 'POST',
				headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
				body: events.map((event) => JSON.stringify(event)).join('\n')
			});
			const body = (await response.json().catch(() => ({}))) as IngestAnswer & { error?: string };
			if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.error ?? response.statusText}`);
			return body;
		}
	};
}

/** Totals over many sends. */
export class IngestTally {
	accepted = 0;
	duplicates = 0;
	rejected = 0;
	readonly firstErrors: string[] = [];

	add(answer: IngestAnswer): void {
		this.accepted += answer.accepted;
		this.duplicates += answer.duplicates;
		this.rejected += answer.rejected.length;
		for (const rejection of answer.rejected) if (this.firstErrors.length < 5) this.firstErrors.push(rejection.error);
	}

	get sent(): number {
		return this.accepted + this.duplicates + this.rejected;
	}

	toString(): string {
		const errors = this.firstErrors.length ? `\n  first rejections:\n    ${this.firstErrors.join('\n    ')}` : '';
		return `${this.accepted.toLocaleString('en')} accepted, ${this.duplicates.toLocaleString('en')} duplicates, ${this.rejected.toLocaleString('en')} rejected${errors}`;
	}
}
