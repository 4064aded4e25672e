/**
 * Ingest: validation of v1 events, dedup and durable storage. Every source (HTTP, simulator,
 * replay, PBX adapters) goes through `ingest.accept`.
 */
import type { Bus } from '../bus';
import type { Analytics } from '../clickhouse';
import { parseEventsBody, readBodyText, type ParsedBody } from './body';
import { DEFAULT_MAX_FUTURE_MS, EventValidationError, validateEvent, type CallEvent } from './events';
import { mapQueueLogText, QueueLogMapper, type QueueLogFormat } from './adapters/queueLog';
import { EventStore } from './store';

export { EVENT_COLUMNS, toEventRow } from './store';

export { BodyError, MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST, parseEventsBody, readBodyText } from './body';
export * from './events';

export interface Rejection {
	index: number;
	error: string;
}

export interface IngestAnswer {
	accepted: number;
	duplicates: number;
	rejected: Rejection[];
}

export interface IngestSettings {
	defaultHotline: string;
	dataDir: string;
	maxFutureMs?: number;
	/** True when no other process writes to this ClickHouse (embedded chDB): enables the fact cache. */
	soleWriter?: boolean;
}

export function createIngest(analytics: Analytics, bus: Bus, settings: IngestSettings) {
	const store = new EventStore(analytics, settings.dataDir, bus, settings.soleWriter ?? true);
	const maxFutureMs = settings.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS;

	/** Validates each item; the valid ones are stored (dedup by hotline + id), the rest rejected. */
	async function acceptItems(items: ParsedBody['items']): Promise<IngestAnswer> {
		const now = Date.now();
		const valid: CallEvent[] = [];
		const rejected: Rejection[] = [];
		items.forEach((item, index) => {
			if ('lineError' in item) {
				rejected.push({ index, error: item.lineError });
				return;
			}
			try {
				valid.push(validateEvent(item.value, { defaultHotline: settings.defaultHotline, now, maxFutureMs }));
			} catch (error) {
				if (!(error instanceof EventValidationError)) throw error;
				rejected.push({ index, error: error.message });
			}
		});
		// Live views show valid events at once (applying a resent one again changes nothing there);
		// the answer waits for the durable write.
		if (valid.length) bus.emit('events.incoming', valid);
		try {
			const { accepted, duplicates } = await store.write(valid);
			return { accepted, duplicates, rejected };
		} catch (error) {
			bus.emit('events.lost', valid);
			throw error;
		}
	}

	/** The same for events already in memory (simulator, replay, adapters). */
	const accept = (events: unknown[]) => acceptItems(events.map((value) => ({ value })));

	/**
	 * Asterisk queue_log text (pipe lines or a CSV table export) through the one mapper; lines
	 * that are not call or booth facts are counted as ignored, unreadable ones rejected by line.
	 */
	async function acceptQueueLog(text: string, options: { format: QueueLogFormat; timeZone: string; hotline?: string; boothOf?: (member: string) => string | undefined }) {
		const mapper = new QueueLogMapper({ hotline: options.hotline, boothOf: options.boothOf });
		const items = mapQueueLogText(text, { format: options.format, timeZone: options.timeZone, mapper });
		const events = items.flatMap((item) => ('events' in item ? item.events : []));
		const lineErrors: Rejection[] = items.flatMap((item) => ('error' in item ? [{ index: item.lineNo, error: `line ${item.lineNo}: ${item.error}` }] : []));
		const answer = await accept(events);
		return { ...answer, rejected: [...lineErrors, ...answer.rejected], lines: mapper.counters.lines, ignored: mapper.counters.ignored };
	}

	return {
		accept,
		acceptQueueLog,
		/** Repairs after a crash, then loads the dedup filter: call once at start-up, before writing. */
		async start() {
			const repaired = await store.recover();
			await store.loadSeenIds();
			return repaired;
		},
		recover: () => store.recover(),
		/** Resolves when the call facts of everything accepted so far are written. */
		settled: () => store.settled(),
		async acceptRequest(request: Request): Promise<IngestAnswer> {
			const text = await readBodyText(request);
			return acceptItems(parseEventsBody(text, request.headers.get('content-type')).items);
		}
	};
}

export type Ingest = ReturnType<typeof createIngest>;

export {
	anonymousBankCallToEvents,
	parseAnonymousBankLine,
	readAnonymousBank,
	type AnonymousBankItem,
	type AnonymousBankStats
} from './adapters/anonymousBank';

export {
	QueueLogMapper,
	readQueueLogFile,
	type MappedItem,
	type QueueLogFormat
} from './adapters/queueLog';
export { FileFollower } from './adapters/follow';
export { runAmiAdapter } from './adapters/ami';
