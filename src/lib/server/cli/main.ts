/**
 * `alo` — the command line. Commands that write to the stores open them directly when no server
 * holds the data directory, and otherwise go through the running server's API (one process per
 * embedded data directory).
 */
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readLock, startApp, type App, type LockInfo } from '../app';
import { ApiKeyError, createApiKey, createUser, listApiKeys, parseScopes, PERSON_ROLES, recordAudit, revokeApiKey, UserError, type Actor, type ApiKeyRecord } from '../auth';
import { migrationStatements, readAnalyticsMigrations } from '../clickhouse';
import { ConfigError, loadConfig, type Settings } from '../config';
import { boothResolver } from '../booths';
import { FileFollower, QueueLogMapper, readAnonymousBank, readQueueLogFile, runAmiAdapter, type IngestAnswer, type QueueLogFormat, type RawEvent } from '../ingest';
import { parseDuration, simulate, simulateCases } from '../simulator';
import { createProgress } from './progress';
import { httpSink, ingestSink, IngestTally, type EventSink } from './sink';

class UsageError extends Error {}

/** Who the audit log names for changes made from the command line. */
const CLI_ACTOR: Actor = { id: null, name: 'cli' };

/** Why a user could not be created, for people (the codes come from the auth module). */
const USER_PROBLEMS: Record<string, string> = {
	too_short: 'the password must have at least 12 characters',
	too_long: 'the password is too long (at most 256 characters)',
	too_common: 'this password is too common; choose another',
	bad_username: 'the username must be 3–32 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit',
	bad_display_name: 'the display name must be at most 100 characters',
	bad_role: `the role must be one of ${PERSON_ROLES.join(', ')}`,
	username_taken: 'that username is taken'
};

const HELP = `alo — Alo116 command line

  alo apikey create --name NAME --scopes ingest,stats   create a key (printed once, last line)
  alo apikey list [--json]                               list keys (never the secrets)
  alo apikey revoke ID|NAME                              revoke a key
  alo user create --username U --role ROLE [--name "Full Name"] --password-stdin
                                                         create a person (roles: admin, supervisor, operator, manager, advocacy)
  alo migrate [--print] [--cluster NAME]                 apply migrations (or print the ClickHouse DDL)
  alo simulate [--booths 4] [--speed 60] [--duration 1d] [--seed N] [--start ISO] [--hotline H] [--bulk]
               [--calls-per-day 400] [--cases-per-day 0]   (cases: case.* events with codes only, for trends)
  alo replay anonymous-bank FILE [--speed N | --bulk] [--start YYYY-MM-DD] [--hotline H]
  alo import queue-log FILE [--format pipe|csv] [--hotline H]   an Asterisk queue_log (safe to run twice)
  alo tail queue-log FILE [--format pipe|csv] [--hotline H]     follow it (rotation, truncation, resume)
  alo ami --host H [--port 5038] --user U --secret S            the Asterisk Manager Interface, live

  simulate and replay send through the running server when one holds DATA_DIR
  (or to --url URL with --key KEY), else straight into DATA_DIR.
  Settings come from the environment (see .env.example).`;

/** Batch size sent to ingest: chDB inserts are fastest at 5–20 k rows (DESIGN.md). */
const SEND_BATCH = 5000;

interface Context {
	settings: Settings;
	server?: LockInfo;
}

/** Runs `work` with the stores opened in this process (holding the data-directory lock). */
async function withApp<T>(context: Context, work: (app: App) => Promise<T>): Promise<T> {
	const app = await startApp(context.settings, { role: 'cli' });
	try {
		return await work(app);
	} finally {
		await app.shutdown();
	}
}

async function serverApi(server: LockInfo, path: string, init: RequestInit = {}): Promise<unknown> {
	const response = await fetch(new URL(path, server.url), {
		...init,
		headers: { ...(init.headers ?? {}), authorization: `Bearer ${server.controlToken}`, 'content-type': 'application/json' }
	});
	const body = (await response.json().catch(() => ({}))) as { error?: string };
	if (!response.ok) throw new UsageError(`the running server answered ${response.status}: ${body.error ?? response.statusText}`);
	return body;
}

function printKeys(keys: ApiKeyRecord[], asJson: boolean): void {
	if (asJson) {
		console.log(JSON.stringify(keys, null, 2));
		return;
	}
	if (keys.length === 0) {
		console.log('no API keys yet: alo apikey create --name NAME --scopes ingest,stats');
		return;
	}
	const when = (date: Date | string | null) => (date ? new Date(date).toISOString().slice(0, 16).replace('T', ' ') : '—');
	console.log(['id'.padEnd(36), 'name'.padEnd(20), 'prefix  ', 'scopes'.padEnd(13), 'created'.padEnd(16), 'last used'.padEnd(16), 'status'].join('  '));
	for (const key of keys)
		console.log(
			[key.id, key.name.padEnd(20).slice(0, 20), key.prefix, key.scopes.join(',').padEnd(13), when(key.createdAt), when(key.lastUsedAt).padEnd(16), key.revokedAt ? `revoked ${when(key.revokedAt)}` : 'active'].join('  ')
		);
}

async function apikeyCommand(context: Context, args: string[]): Promise<void> {
	const [action, ...rest] = args;
	const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { name: { type: 'string' }, scopes: { type: 'string' }, json: { type: 'boolean' } } });
	if (action === 'create') {
		if (!values.name) throw new UsageError('apikey create needs --name NAME');
		const scopes = parseScopes(values.scopes ?? '');
		const created = context.server
			? ((await serverApi(context.server, '/api/internal/apikeys', { method: 'POST', body: JSON.stringify({ name: values.name, scopes: scopes.join(',') }) })) as { key: string; record: ApiKeyRecord })
			: await withApp(context, async (app) => {
					const made = await createApiKey(app.database.db, values.name!, scopes);
					await recordAudit(app.database.db, CLI_ACTOR, 'apikey.create', made.record.name, { scopes: made.record.scopes });
					return made;
				});
		console.log(`Created API key "${created.record.name}" (${created.record.id}) with scopes ${created.record.scopes.join(', ')}.`);
		console.log('Store it now: it is shown only once.');
		console.log(created.key);
		return;
	}
	if (action === 'list') {
		const keys = context.server
			? ((await serverApi(context.server, '/api/internal/apikeys')) as ApiKeyRecord[])
			: await withApp(context, (app) => listApiKeys(app.database.db));
		printKeys(keys, Boolean(values.json));
		return;
	}
	if (action === 'revoke') {
		const target = positionals[0];
		if (!target) throw new UsageError('apikey revoke needs the key id or name');
		const revoked = context.server
			? ((await serverApi(context.server, `/api/internal/apikeys?key=${encodeURIComponent(target)}`, { method: 'DELETE' })) as { revoked: number }).revoked
			: await withApp(context, async (app) => {
					const count = await revokeApiKey(app.database.db, target);
					if (count) await recordAudit(app.database.db, CLI_ACTOR, 'apikey.revoke', target, { keys: count });
					return count;
				});
		if (revoked === 0) throw new UsageError(`no active API key with id or name "${target}"`);
		console.log(`revoked ${revoked} key${revoked === 1 ? '' : 's'}`);
		return;
	}
	throw new UsageError('apikey needs create, list or revoke');
}

async function readStdin(): Promise<string> {
	if (process.stdin.isTTY) throw new UsageError('--password-stdin reads the password from standard input: pipe it in, e.g. printf %s "$PASSWORD" | alo user create …');
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function userCommand(context: Context, args: string[]): Promise<void> {
	const [action, ...rest] = args;
	if (action !== 'create') throw new UsageError('user needs create: alo user create --username U --role ROLE --password-stdin');
	const { values } = parseArgs({ args: rest, options: { username: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } } });
	if (!values.username || !values.role) throw new UsageError('user create needs --username and --role');
	// Never a password on the command line (it would show in the process list and shell history).
	if (!values['password-stdin']) throw new UsageError('user create takes the password from standard input only: add --password-stdin');
	const input = { username: values.username, role: values.role, displayName: values.name, password: await readStdin() };
	try {
		const user = context.server
			? ((await serverApi(context.server, '/api/internal/users', { method: 'POST', body: JSON.stringify(input) })) as { username: string; role: string })
			: await withApp(context, (app) => createUser(app.database.db, CLI_ACTOR, input));
		console.log(`created ${user.role} "${user.username}"`);
	} catch (error) {
		if (error instanceof UserError) throw new UsageError(USER_PROBLEMS[error.problem] ?? error.problem);
		const code = error instanceof UsageError ? error.message.match(/: (\w+)$/)?.[1] : undefined;
		if (code && USER_PROBLEMS[code]) throw new UsageError(USER_PROBLEMS[code]);
		throw error;
	}
}

async function migrateCommand(context: Context, args: string[]): Promise<void> {
	const { values } = parseArgs({ args, options: { print: { type: 'boolean' }, cluster: { type: 'string' } } });
	if (values.print) {
		const statements = migrationStatements(readAnalyticsMigrations(), values.cluster ?? context.settings.clickhouse.cluster);
		console.log(statements.map((statement) => `${statement};`).join('\n\n'));
		return;
	}
	if (context.server) throw new UsageError(`a server (pid ${context.server.pid}) holds ${context.settings.dataDir} and applied the migrations at its start-up; stop it to run migrate here`);
	await withApp(context, async () => {});
	console.log('migrations applied (ClickHouse and PostgreSQL are up to date)');
}

/** Opens the sink for simulate/replay and runs `work` with it. */
async function withSink(context: Context, target: { url?: string; key?: string }, work: (sink: EventSink) => Promise<void>): Promise<void> {
	if (target.url) {
		if (!target.key) throw new UsageError('--url needs --key KEY (a key with scope ingest)');
		return work(httpSink(target.url, target.key));
	}
	if (context.server?.url && context.server.controlToken) return work(httpSink(context.server.url, context.server.controlToken));
	return withApp(context, (app) => work(ingestSink(app.ingest.accept)));
}

const eventTime = (event: RawEvent) => (typeof event.ts === 'number' ? event.ts : Date.parse(event.ts));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends events in time order at `speed` × real time (speed 0 = as fast as possible), in batches
 * of what is due, and shows progress.
 */
async function sendPaced(sink: EventSink, events: Iterable<RawEvent> | AsyncIterable<RawEvent>, speed: number, label: string, total?: number): Promise<IngestTally> {
	const tally = new IngestTally();
	const progress = createProgress(label, 'events');
	const started = Date.now();
	let firstTs: number | undefined;
	let batch: RawEvent[] = [];
	const flush = async () => {
		if (batch.length === 0) return;
		tally.add(await sink.send(batch));
		batch = [];
		progress.update(tally.sent, total);
	};
	for await (const event of events) {
		const at = eventTime(event);
		firstTs ??= at;
		if (speed > 0) {
			const dueAt = started + (at - firstTs) / speed;
			const wait = dueAt - Date.now();
			if (wait > 0) {
				await flush();
				await sleep(wait);
			}
		}
		batch.push(event);
		if (batch.length >= SEND_BATCH) await flush();
	}
	await flush();
	progress.finish(`${label}: ${tally}`);
	return tally;
}

async function simulateCommand(context: Context, args: string[]): Promise<void> {
	const { values } = parseArgs({
		args,
		options: {
			booths: { type: 'string', default: '4' },
			speed: { type: 'string', default: '60' },
			duration: { type: 'string', default: '1d' },
			seed: { type: 'string', default: '1' },
			start: { type: 'string' },
			hotline: { type: 'string' },
			'calls-per-day': { type: 'string', default: '400' },
			'cases-per-day': { type: 'string', default: '0' },
			bulk: { type: 'boolean' },
			url: { type: 'string' },
			key: { type: 'string' }
		}
	});
	const booths = Number(values.booths);
	const speed = values.bulk ? 0 : Number(values.speed);
	const seed = Number(values.seed);
	const callsPerDay = Number(values['calls-per-day']);
	if (!Number.isInteger(booths) || booths < 1 || booths > 200) throw new UsageError('--booths must be a whole number from 1 to 200');
	if (!Number.isFinite(speed) || speed < 0) throw new UsageError('--speed must be a number ≥ 0 (1 = real time, 60 = a minute per second)');
	if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');
	const casesPerDay = Number(values['cases-per-day']);
	if (!(callsPerDay >= 0)) throw new UsageError('--calls-per-day must be a number ≥ 0');
	if (!(casesPerDay >= 0)) throw new UsageError('--cases-per-day must be a number ≥ 0');
	let durationMs: number;
	try {
		durationMs = parseDuration(values.duration!);
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	// Events may not lie in the future: faster than real time, the simulation covers the period
	// that ends now; at real time it starts now.
	let start = speed === 1 ? Date.now() : Date.now() - durationMs;
	if (values.start) {
		start = Date.parse(values.start);
		if (Number.isNaN(start)) throw new UsageError('--start must be an ISO-8601 date-time, e.g. 2026-11-28T08:00:00+01:00');
	}
	const calls = callsPerDay > 0 ? simulate({ booths, start, durationMs, seed, hotline: values.hotline, timeZone: context.settings.timeZone, callsPerDay }) : [][Symbol.iterator]();
	// Case events are few (a handful a day): gathered, ordered, and merged into the call stream by time.
	const caseEvents = casesPerDay > 0 ? [...simulateCases({ start, durationMs, seed, hotline: values.hotline, casesPerDay, until: Date.now() })].sort((a, b) => Number(a.ts) - Number(b.ts)) : [];
	const events = mergeByTime(calls, caseEvents);
	await withSink(context, values, async (sink) => {
		console.error(`simulating ${values.duration} of traffic on ${booths} booths from ${new Date(start).toISOString()} (seed ${seed}, ${speed ? `speed ${speed}×` : 'bulk'}) into ${sink.describe}`);
		const tally = await sendPaced(sink, events, speed, 'simulate');
		if (tally.rejected > 0) process.exitCode = 1;
	});
}

/** Two event streams, each in time order, as one in time order. */
function* mergeByTime(first: Iterator<RawEvent>, second: RawEvent[]): Generator<RawEvent, void, undefined> {
	let i = 0;
	for (let next = first.next(); !next.done; next = first.next()) {
		while (i < second.length && Number(second[i].ts) <= Number(next.value.ts)) yield second[i++];
		yield next.value;
	}
	while (i < second.length) yield second[i++];
}

/** Where a queue_log is sent: the running server's (or --url's) queue_log endpoint, which maps with its booths table. */
function queueLogTarget(context: Context, values: { url?: string; key?: string }): { url: string; key: string } | undefined {
	if (values.url) {
		if (!values.key) throw new UsageError('--url needs --key KEY (a key with scope ingest)');
		return { url: values.url, key: values.key };
	}
	if (context.server?.url && context.server.controlToken) return { url: context.server.url, key: context.server.controlToken };
	return undefined;
}

async function postQueueLog(target: { url: string; key: string }, lines: string[], format: QueueLogFormat, hotline?: string): Promise<IngestAnswer & { ignored?: Record<string, number> }> {
	const url = new URL('/api/v1/ingest/asterisk/queue-log', target.url);
	url.searchParams.set('format', format);
	if (hotline) url.searchParams.set('hotline', hotline);
	const response = await fetch(url, {
		method: 'POST',
		headers: { authorization: `Bearer ${target.key}`, 'content-type': format === 'csv' ? 'text/csv' : 'application/octet-stream' },
		body: lines.join('\n')
	});
	const body = (await response.json().catch(() => ({}))) as IngestAnswer & { error?: string; ignored?: Record<string, number> };
	if (!response.ok) throw new Error(`${url.origin} answered ${response.status}: ${body.error ?? response.statusText}`);
	return body;
}

function queueLogOptions(args: string[]) {
	const parsed = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'pipe' }, hotline: { type: 'string' }, url: { type: 'string' }, key: { type: 'string' } } });
	const format = parsed.values.format as QueueLogFormat;
	if (format !== 'pipe' && format !== 'csv') throw new UsageError('--format must be pipe or csv');
	const file = parsed.positionals[0];
	if (!file) throw new UsageError('give the queue_log file');
	return { ...parsed.values, format, file };
}

async function importCommand(context: Context, args: string[]): Promise<void> {
	const [kind, ...rest] = args;
	if (kind !== 'queue-log') throw new UsageError('import knows queue-log: alo import queue-log FILE [--format pipe|csv]');
	const options = queueLogOptions(rest);
	if (!existsSync(options.file)) throw new UsageError(`no such file: ${options.file}`);
	const totalLines = readFileSync(options.file, 'utf8').split('\n').filter((line) => line.trim()).length;
	const tally = new IngestTally();
	const ignored: Record<string, number> = {};
	const progress = createProgress('import', 'lines');
	let linesDone = 0;
	const target = queueLogTarget(context, options);
	if (target) {
		// The server maps (with its booths table); the CSV header goes with every chunk.
		const lines = readFileSync(options.file, 'utf8').split(/\r?\n/);
		const header = options.format === 'csv' ? lines.shift()! : undefined;
		for (let i = 0; i < lines.length; i += SEND_BATCH) {
			const chunk = lines.slice(i, i + SEND_BATCH);
			const answer = await postQueueLog(target, header ? [header, ...chunk] : chunk, options.format, options.hotline);
			tally.add(answer);
			for (const [verb, n] of Object.entries(answer.ignored ?? {})) ignored[verb] = (ignored[verb] ?? 0) + n;
			linesDone += chunk.filter((line) => line.trim()).length;
			progress.update(linesDone, totalLines);
		}
	} else {
		await withApp(context, async (app) => {
			const mapper = new QueueLogMapper({ hotline: options.hotline, boothOf: await boothResolver(app.database.db) });
			let batch: RawEvent[] = [];
			const flush = async () => {
				if (batch.length) tally.add(await app.ingest.accept(batch));
				batch = [];
				progress.update(linesDone, totalLines);
			};
			for await (const item of readQueueLogFile(options.file, { format: options.format, timeZone: context.settings.timeZone, mapper })) {
				linesDone++;
				if ('error' in item) tally.add({ accepted: 0, duplicates: 0, rejected: [{ index: item.lineNo, error: `line ${item.lineNo}: ${item.error}` }] });
				else batch.push(...item.events);
				if (batch.length >= SEND_BATCH) await flush();
			}
			await flush();
			Object.assign(ignored, mapper.counters.ignored);
		});
	}
	progress.finish(`import: ${tally}${Object.keys(ignored).length ? `\n  ignored lines by verb: ${JSON.stringify(ignored)}` : ''}`);
	if (tally.rejected > 0) process.exitCode = 1;
}

async function tailCommand(context: Context, args: string[]): Promise<void> {
	const [kind, ...rest] = args;
	if (kind !== 'queue-log') throw new UsageError('tail knows queue-log: alo tail queue-log FILE');
	const options = queueLogOptions(rest);
	// A tail runs for ever: it must not hold the data directory, so it goes through a server.
	const target = queueLogTarget(context, options);
	if (!target) throw new UsageError('tail sends to a running server: start it (npm start) or give --url URL --key KEY');
	const statePath = path.join(context.settings.dataDir, `tail-${createHash('sha256').update(path.resolve(options.file)).digest('hex').slice(0, 16)}.json`);
	mkdirSync(context.settings.dataDir, { recursive: true });
	const follower = new FileFollower(options.file, { statePath });
	let header: string | undefined;
	const stop = () => follower.stop();
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	console.error(`following ${options.file} into ${target.url} (position kept in ${statePath})`);
	const tally = new IngestTally();
	await follower.run(async (lines, firstLineNo) => {
		if (options.format === 'csv' && firstLineNo === 1) header = lines.shift();
		for (let attempt = 0; ; attempt++) {
			try {
				tally.add(await postQueueLog(target, header ? [header, ...lines] : lines, options.format, options.hotline));
				break;
			} catch (error) {
				// The server may be restarting: wait and send the same lines again (ids make it safe).
				console.error(`tail: ${(error as Error).message}; retrying`);
				await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** attempt)));
			}
		}
		console.error(`tail: ${tally}`);
	});
}

async function amiCommand(context: Context, args: string[]): Promise<void> {
	const { values } = parseArgs({ args, options: { host: { type: 'string' }, port: { type: 'string', default: '5038' }, user: { type: 'string' }, secret: { type: 'string' }, hotline: { type: 'string' }, url: { type: 'string' }, key: { type: 'string' } } });
	if (!values.host || !values.user || !values.secret) throw new UsageError('ami needs --host, --user and --secret');
	const target = queueLogTarget(context, values);
	if (!target) throw new UsageError('ami sends to a running server: start it (npm start) or give --url URL --key KEY');
	const sink = httpSink(target.url, target.key);
	const adapter = runAmiAdapter({ host: values.host, port: Number(values.port), username: values.user, secret: values.secret, hotline: values.hotline, send: (events) => sink.send(events) });
	console.error(`AMI ${values.host}:${values.port} → ${target.url}`);
	await new Promise<void>((resolve) => {
		const stop = () => {
			adapter.stop();
			resolve();
		};
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	});
}

async function replayCommand(context: Context, args: string[]): Promise<void> {
	const [format, ...rest] = args;
	if (format !== 'anonymous-bank') throw new UsageError('replay knows one format: alo replay anonymous-bank FILE');
	const { values, positionals } = parseArgs({
		args: rest,
		allowPositionals: true,
		options: { speed: { type: 'string' }, bulk: { type: 'boolean' }, start: { type: 'string' }, hotline: { type: 'string' }, url: { type: 'string' }, key: { type: 'string' } }
	});
	const file = positionals[0];
	if (!file) throw new UsageError('replay anonymous-bank needs the path of the TSV file');
	if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
	if (values.speed && values.bulk) throw new UsageError('give --speed N or --bulk, not both');
	const speed = values.bulk || !values.speed ? 0 : Number(values.speed);
	if (!Number.isFinite(speed) || speed < 0) throw new UsageError('--speed must be a number > 0');
	if (values.start && !/^\d{4}-\d{2}-\d{2}$/.test(values.start)) throw new UsageError('--start must be a date YYYY-MM-DD');
	const options = { hotline: values.hotline, timeZone: context.settings.timeZone, startDate: values.start };
	await withSink(context, values, async (sink) => {
		const badLines: string[] = [];
		const reader = readAnonymousBank(file, options);
		let stats;
		if (speed === 0) {
			// Bulk: stream the file in batches; order does not matter to ingest.
			const events = (async function* () {
				for (;;) {
					const next = await reader.next();
					if (next.done) {
						stats = next.value;
						return;
					}
					if ('error' in next.value) badLines.push(`line ${next.value.lineNo}: ${next.value.error}`);
					else yield* next.value.events;
				}
			})();
			await sendPaced(sink, events, 0, 'replay');
		} else {
			// Paced: events of one call spread over time, so the whole file is ordered first.
			const all: RawEvent[] = [];
			for (;;) {
				const next = await reader.next();
				if (next.done) {
					stats = next.value;
					break;
				}
				if ('error' in next.value) badLines.push(`line ${next.value.lineNo}: ${next.value.error}`);
				else all.push(...next.value.events);
			}
			all.sort((a, b) => eventTime(a) - eventTime(b));
			await sendPaced(sink, all, speed, 'replay', all.length);
		}
		if (stats) console.error(`file: ${JSON.stringify(stats)}`);
		if (badLines.length) {
			console.error(`${badLines.length} bad lines (skipped):\n  ${badLines.slice(0, 10).join('\n  ')}`);
			process.exitCode = 1;
		}
	});
}

export async function main(argv: string[]): Promise<number> {
	const [command, ...args] = argv;
	if (!command || command === 'help' || command === '--help' || command === '-h') {
		console.log(HELP);
		return 0;
	}
	try {
		const settings = loadConfig();
		const context: Context = { settings, server: readLock(settings.dataDir) };
		if (context.server?.role === 'cli') throw new UsageError(`another alo command (pid ${context.server.pid}) is using ${settings.dataDir}; wait for it to finish`);
		switch (command) {
			case 'apikey':
				await apikeyCommand(context, args);
				break;
			case 'user':
				await userCommand(context, args);
				break;
			case 'import':
				await importCommand(context, args);
				break;
			case 'tail':
				await tailCommand(context, args);
				break;
			case 'ami':
				await amiCommand(context, args);
				break;
			case 'migrate':
				await migrateCommand(context, args);
				break;
			case 'simulate':
				await simulateCommand(context, args);
				break;
			case 'replay':
				await replayCommand(context, args);
				break;
			default:
				throw new UsageError(`unknown command "${command}"\n\n${HELP}`);
		}
		return Number(process.exitCode ?? 0);
	} catch (error) {
		if (error instanceof UsageError || error instanceof ApiKeyError || error instanceof ConfigError || (error as Error)?.name === 'DataDirLockedError') {
			console.error(`alo: ${(error as Error).message}`);
			return 2;
		}
		if (error instanceof TypeError && /parseArgs|Unknown option|argument/i.test(String((error as NodeJS.ErrnoException).code ?? error.message))) {
			console.error(`alo: ${error.message}`);
			return 2;
		}
		console.error('alo: failed:', error);
		return 1;
	}
}

