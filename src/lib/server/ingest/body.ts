/**
 * Reading an events request body: JSON array (or one object) or NDJSON, within the v1 limits.
 */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const MAX_EVENTS_PER_REQUEST = 10_000;

export class BodyError extends Error {
	constructor(
		readonly status: 400 | 413 | 415,
		message: string
	) {
		super(message);
	}
}

export interface ParsedBody {
	/** The items in order; an NDJSON line that is not JSON becomes a `lineError` entry. */
	items: ({ value: unknown } | { lineError: string })[];
}

/** Reads at most `limit` bytes of the body; more is a 413 without reading the rest. */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (declared > limit) throw new BodyError(413, `body is ${declared} bytes; the limit is ${limit} bytes (5 MB) per request`);
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			throw new BodyError(413, `body is over the limit of ${limit} bytes (5 MB) per request`);
		}
		chunks.push(value);
	}
	const decoder = new TextDecoder('utf-8', { fatal: true });
	try {
		return decoder.decode(Buffer.concat(chunks));
	} catch {
		throw new BodyError(400, 'body is not valid UTF-8');
	}
}

function jsonErrorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export function parseEventsBody(text: string, contentType: string | null): ParsedBody {
	const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
	const trimmed = text.trim();
	if (!trimmed) throw new BodyError(400, 'body is empty: send a JSON array of events or NDJSON (one event per line)');
	const ndjson =
		mediaType === 'application/x-ndjson' || mediaType === 'application/ndjson' || mediaType === 'application/jsonl' ||
		(mediaType !== 'application/json' && !trimmed.startsWith('['));
	if (mediaType && !['application/json', 'application/x-ndjson', 'application/ndjson', 'application/jsonl'].includes(mediaType))
		throw new BodyError(415, `content type ${mediaType} is not supported: use application/json or application/x-ndjson`);
	if (!ndjson) {
		let value: unknown;
		try {
			value = JSON.parse(trimmed);
		} catch (error) {
			throw new BodyError(400, `body is not valid JSON: ${jsonErrorMessage(error)}`);
		}
		const list = Array.isArray(value) ? value : [value];
		if (list.length > MAX_EVENTS_PER_REQUEST) throw new BodyError(413, `${list.length} events in one request; the limit is ${MAX_EVENTS_PER_REQUEST}`);
		return { items: list.map((item) => ({ value: item })) };
	}
	const lines = trimmed.split(/\r?\n/).filter((line) => line.trim().length > 0);
	if (lines.length > MAX_EVENTS_PER_REQUEST) throw new BodyError(413, `${lines.length} events in one request; the limit is ${MAX_EVENTS_PER_REQUEST}`);
	const items: ParsedBody['items'] = lines.map((line, index) => {
		try {
			return { value: JSON.parse(line) as unknown };
		} catch (error) {
			return { lineError: `line ${index + 1} is not JSON: ${jsonErrorMessage(error)}` };
		}
	});
	if (items.every((item) => 'lineError' in item)) throw new BodyError(400, 'body is neither a JSON array nor NDJSON: no line parses as JSON');
	return { items };
}
