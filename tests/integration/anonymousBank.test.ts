/**
 * A real month of calls (shared/data, when present): replayed through the CLI into a running
 * server, and sent as raw events twice in shuffled order into another one; the KPI summary must
 * match a straightforward computation over the TSV written here, independent of the app's code,
 * and stay the same after a restart. Runs once per PostgreSQL target.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { anonymousBankCallToEvents, parseAnonymousBankLine } from '../../src/lib/server/ingest';
import { databaseEnv } from '../helpers/databases';
import { getSummary, postEvents, projectRoot, startServer, type RunningServer } from '../helpers/server';

const TSV = path.resolve(projectRoot, '..', 'shared', 'data', 'anonymous-bank-1999-02.tsv');
const run = promisify(execFile);

/** DESIGN.md's mapping, computed directly: which rows are calls, their waits and outcomes. */
function independentFigures(text: string, slSeconds: number, shortSeconds: number) {
	const seconds = (clock: string) => {
		const [h, m, s] = clock.split(':').map(Number);
		return h * 3600 + m * 60 + s;
	};
	let offered = 0;
	let answered = 0;
	let abandoned = 0;
	let shortAbandoned = 0;
	let answeredWithin = 0;
	let answeredWait = 0;
	for (const line of text.split('\n').slice(1)) {
		if (!line.trim()) continue;
		const c = line.trimEnd().split('\t');
		const [qStart, qTime, outcome, serStart, server] = [c[9], Number(c[11]), c[12], c[13], c[16]];
		const queued = seconds(qStart) !== 0;
		const served = outcome === 'AGENT' && server && server !== 'NO_SERVER' && seconds(serStart) !== 0;
		const hung = outcome === 'HANG' && queued;
		if (!served && !hung) continue;
		offered++;
		const wait = queued ? qTime : 0;
		if (served) {
			answered++;
			answeredWait += wait;
			if (wait <= slSeconds) answeredWithin++;
		} else {
			abandoned++;
			if (wait < shortSeconds) shortAbandoned++;
		}
	}
	return {
		offered,
		answered,
		abandoned,
		shortAbandoned,
		asaSeconds: answeredWait / answered,
		serviceLevel: answeredWithin / (answered + abandoned - shortAbandoned),
		serviceLevelAnswered: answeredWithin / answered,
		abandonRate: abandoned / offered
	};
}

function expectFigures(actual: Record<string, unknown>, expected: Record<string, number>) {
	for (const [name, value] of Object.entries(expected)) expect(actual[name] as number, name).toBeCloseTo(value, 9);
}

const month = { from: '1999-02-01', to: '1999-03-01' };

if (existsSync(TSV)) {
	const text = readFileSync(TSV, 'utf8');
	const expected = independentFigures(text, 20, 5);

	describe('the Anonymous Bank month through the whole app', () => {
		const servers: RunningServer[] = [];
		const drops: (() => Promise<void>)[] = [];
		afterAll(async () => {
			for (const server of servers) {
				await server.stop();
				server.cleanup();
			}
			for (const drop of drops) await drop();
		});

		it('matches the independent computation (and DESIGN.md) — CLI replay on PGlite', async () => {
			expect(expected).toMatchObject({ offered: 30_584, answered: 26_621, abandoned: 3_963 });
			expect(expected.asaSeconds).toBeCloseTo(41.5, 1);
			const server = await startServer();
			servers.push(server);
			const { stdout, stderr } = await run(process.execPath, ['bin/alo.js', 'replay', 'anonymous-bank', TSV, '--bulk'], {
				cwd: projectRoot,
				env: { PATH: process.env.PATH, ...server.env }
			});
			expect(stderr).toContain('87,789 accepted, 0 duplicates, 0 rejected');
			expect(stdout).toBe('');
			const key = await server.createKey('stats');
			const { status, body } = await getSummary(server, key, month);
			expect(status).toBe(200);
			expectFigures(body, expected);
			// Another threshold pair gives the independent figures for that pair too.
			const other = await getSummary(server, key, { ...month, slThreshold: '30', shortAbandon: '10' });
			expectFigures(other.body, independentFigures(text, 30, 10));
		});

		it('gives the same figures from every event sent twice in shuffled order, and after a restart — PostgreSQL server', async () => {
			const database = await databaseEnv('postgres');
			drops.push(database.drop);
			const server = await startServer({ env: database.env });
			servers.push(server);
			const key = await server.createKey('ingest,stats');
			const events = text
				.split('\n')
				.slice(1)
				.filter((line) => line.trim())
				.flatMap((line, i) => {
					const parsed = parseAnonymousBankLine(line, i + 2);
					return parsed.ok ? anonymousBankCallToEvents(parsed.row, { timeZone: 'Europe/Tirane' }) : [];
				});
			expect(events).toHaveLength(87_789);
			const doubled = [...events, ...events];
			let seed = 42;
			for (let i = doubled.length - 1; i > 0; i--) {
				seed = (seed * 1103515245 + 12345) % 2147483648;
				const j = seed % (i + 1);
				[doubled[i], doubled[j]] = [doubled[j], doubled[i]];
			}
			let accepted = 0;
			let duplicates = 0;
			for (let start = 0; start < doubled.length; start += 8000) {
				const ndjson = doubled.slice(start, start + 8000).map((e) => JSON.stringify(e)).join('\n');
				const { status, body } = await postEvents(server, key, ndjson, 'application/x-ndjson');
				expect(status, server.output()).toBe(200);
				expect(body.rejected).toEqual([]);
				accepted += body.accepted as number;
				duplicates += body.duplicates as number;
			}
			expect({ accepted, duplicates }).toEqual({ accepted: 87_789, duplicates: 87_789 });
			expectFigures((await getSummary(server, key, month)).body, expected);
			await server.restart();
			expectFigures((await getSummary(server, key, month)).body, expected);
			// Days are counted in the hotline's zone: 1 February alone, from midnight Tirane time.
			const firstDay = independentFigures([text.split('\n')[0], ...text.split('\n').filter((l) => l.split('\t')[5] === '990201')].join('\n'), 20, 5);
			expectFigures((await getSummary(server, key, { from: '1999-02-01', to: '1999-02-02' })).body, { offered: firstDay.offered, answered: firstDay.answered });
		});
	});
}
