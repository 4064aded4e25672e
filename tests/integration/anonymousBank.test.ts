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

/**
 * The rows per day of the hotline's calendar, as DESIGN.md maps them: the day a call was queued
 * (at q_start, or vru_exit when it never queued), the row's date or the next one when that clock
 * is half a day before the IVR entry (entered before midnight, queued after).
 */
function rowsByDay(text: string): Map<string, string[]> {
	const seconds = (clock: string) => {
		const [h, m, s] = clock.split(':').map(Number);
		return h * 3600 + m * 60 + s;
	};
	const days = new Map<string, string[]>();
	for (const line of text.split('\n').slice(1)) {
		if (!line.trim()) continue;
		const c = line.trimEnd().split('\t');
		const start = seconds(c[9]) !== 0 ? seconds(c[9]) : seconds(c[7]);
		const date = `19${c[5].slice(0, 2)}-${c[5].slice(2, 4)}-${c[5].slice(4, 6)}`;
		const day = start < seconds(c[6]) - 12 * 3600 ? new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : date;
		days.set(day, [...(days.get(day) ?? []), line]);
	}
	return days;
}

function expectFigures(actual: Record<string, unknown>, expected: Record<string, number>) {
	for (const [name, value] of Object.entries(expected)) expect(actual[name] as number, name).toBeCloseTo(value, 9);
}

const month = { from: '1999-02-01', to: '1999-03-01' };

describe('the independent computation itself', () => {
	it('agrees with the app adapter on hand-made rows of every kind', () => {
		const rows = [
			'vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver',
			'AA0101\t1\t0\t0\tPS\t990201\t7:02:47\t7:02:56\t9\t0:00:00\t0:00:00\t0\tAGENT\t7:02:55\t7:05:41\t166\tDORIT',
			'AA0101\t2\t0\t0\tPS\t990201\t7:31:45\t7:31:55\t10\t0:00:00\t0:00:00\t0\tAGENT\t7:31:54\t7:31:59\t5\tNO_SERVER',
			'AA0101\t3\t9\t2\tPS\t990201\t8:09:16\t8:09:22\t6\t8:09:22\t8:09:27\t5\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER',
			'AA0101\t4\t9\t2\tPS\t990201\t9:00:00\t9:00:10\t10\t9:00:10\t9:00:40\t30\tAGENT\t9:00:40\t9:02:00\t80\tTOVA',
			'AA0101\t5\t9\t2\tPS\t990201\t9:10:00\t9:10:10\t10\t9:10:10\t9:10:12\t2\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER',
			'AA0101\t6\t9\t2\tPS\t990201\t9:20:00\t9:20:10\t10\t0:00:00\t0:00:00\t0\tPHANTOM\t0:00:00\t0:00:00\t0\tNO_SERVER'
		];
		const figures = independentFigures(rows.join('\r\n'), 20, 5);
		expect(figures).toMatchObject({ offered: 4, answered: 2, abandoned: 2, shortAbandoned: 1, asaSeconds: 15, serviceLevel: 1 / 3, abandonRate: 0.5 });
		const events = rows.slice(1).flatMap((line, i) => {
			const parsed = parseAnonymousBankLine(line, i + 2);
			return parsed.ok ? anonymousBankCallToEvents(parsed.row, { timeZone: 'Europe/Tirane' }) : [];
		});
		expect(events.filter((e) => e.type === 'call.queued')).toHaveLength(figures.offered);
		expect(events.filter((e) => e.type === 'call.answered')).toHaveLength(figures.answered);
		expect(events.filter((e) => e.type === 'call.abandoned')).toHaveLength(figures.abandoned);
	});
});

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

			// Day by day in the hotline's time zone, the time series equal the independent figures.
			const header = text.split('\n')[0];
			const days = rowsByDay(text);
			const series: Record<string, { t: string; value: number | null }[]> = {};
			for (const metric of ['offered', 'answered', 'abandoned', 'asaSeconds', 'serviceLevel', 'abandonRate']) {
				const response = await fetch(`${server.url}/api/v1/stats/timeseries?metric=${metric}&from=${month.from}&to=${month.to}&granularity=day`, { headers: { authorization: `Bearer ${key}` } });
				expect(response.status).toBe(200);
				const body = (await response.json()) as { points: { t: string; value: number | null }[] };
				expect(body.points).toHaveLength(28);
				series[metric] = body.points;
			}
			let checkedDays = 0;
			for (const [i, point] of series.offered.entries()) {
				const lines = days.get(point.t);
				if (!lines) {
					expect(point.value, point.t).toBe(0);
					continue;
				}
				const day = independentFigures([header, ...lines].join('\n'), 20, 5);
				for (const metric of ['offered', 'answered', 'abandoned', 'asaSeconds', 'serviceLevel', 'abandonRate'] as const)
					expect(series[metric][i].value, `${metric} on ${point.t}`).toBeCloseTo(day[metric], 9);
				checkedDays++;
			}
			expect(checkedDays).toBeGreaterThan(20);
			const csv = await (await fetch(`${server.url}/api/v1/stats/timeseries?metric=offered&from=${month.from}&to=${month.to}&granularity=week&format=csv`, { headers: { authorization: `Bearer ${key}` } })).text();
			const csvRows = csv.trim().split('\r\n').slice(1).map((line) => Number(line.split(',')[1]));
			expect(csvRows.reduce((sum, n) => sum + n, 0)).toBe(expected.offered);
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
