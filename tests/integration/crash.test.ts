/**
 * kill -9 in the middle of a stream of accepted events: after a restart every event that was
 * answered as accepted is stored exactly once, and the call facts agree with the events.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { summary, summaryRequestFrom } from '../../src/lib/server/analytics';
import { openAnalytics, toNumber } from '../../src/lib/server/clickhouse';
import { loadConfig } from '../../src/lib/server/config';
import { getSummary, postEvents, startServer, type RunningServer } from '../helpers/server';

const DAY = Date.parse('2026-11-20T08:00:00Z');

describe('durability of accepted events', () => {
	let server: RunningServer;
	afterAll(async () => {
		await server?.stop();
		server?.cleanup();
	});

	it('keeps every accepted event exactly once across kill -9 and restart', async () => {
		server = await startServer();
		const key = await server.createKey('ingest,stats');
		const acked = new Set<string>();
		const sent: Record<string, unknown>[] = [];
		let killed = false;
		let next = 0;
		const event = () => {
			const n = next++;
			// Every third event answers an earlier call, so facts change under the kill too.
			const callId = n % 3 === 2 ? `c${n - 2}` : `c${n}`;
			const type = n % 3 === 2 ? 'call.answered' : 'call.queued';
			return { id: `e${n}`, type, ts: DAY + n * 1000, hotline: 'crash', callId, ...(type === 'call.answered' ? { booth: '1' } : {}) };
		};
		async function client() {
			while (!killed) {
				const batch = Array.from({ length: 25 }, event);
				sent.push(...batch);
				try {
					const answer = await postEvents(server, key, batch);
					if (answer.status === 200 && answer.body.accepted === batch.length) for (const e of batch) acked.add(e.id as string);
				} catch {
					// Connection cut by the kill: these events were never acknowledged.
				}
			}
		}
		const clients = Array.from({ length: 4 }, client);
		await new Promise((resolve) => setTimeout(resolve, 2500));
		await server.kill();
		killed = true;
		await Promise.all(clients);
		expect(acked.size).toBeGreaterThan(500);

		await server.restart();
		// Every acknowledged event is there: resending them adds nothing.
		const ackedEvents = sent.filter((e) => acked.has(e.id as string));
		for (let i = 0; i < ackedEvents.length; i += 5000) {
			const answer = await postEvents(server, key, ackedEvents.slice(i, i + 5000));
			expect(answer.body).toMatchObject({ accepted: 0, duplicates: Math.min(5000, ackedEvents.length - i) });
		}
		// Whatever reached the disk unacknowledged is completed by a resend of everything.
		for (let i = 0; i < sent.length; i += 5000) await postEvents(server, key, sent.slice(i, i + 5000));
		const { body } = await getSummary(server, key, { hotline: 'crash', from: '2026-11-19', to: '2026-11-23' });
		const calls = sent.filter((e) => e.type === 'call.queued').length;
		const answeredCalls = sent.filter((e) => e.type === 'call.answered').length;
		expect(body).toMatchObject({ offered: calls, answered: answeredCalls });
		await server.stop();

		// Exactly once, read straight from the store.
		const analytics = await openAnalytics(loadConfig({}).clickhouse, server.dataDir);
		try {
			const result = await analytics.client.query({ query: "SELECT count() AS rows, uniqExact(id) AS ids FROM events WHERE hotline = 'crash'", format: 'JSONEachRow' });
			const [{ rows, ids }] = await result.json<{ rows: unknown; ids: unknown }>();
			expect(toNumber(rows)).toBe(sent.length);
			expect(toNumber(ids)).toBe(sent.length);
			const kpis = await summary(analytics, summaryRequestFrom(new URLSearchParams({ hotline: 'crash', from: '2026-11-19', to: '2026-11-23' }), { hotline: 'crash', timeZone: 'Europe/Tirane' }));
			expect(kpis.offered).toBe(calls);
			expect(kpis.answered).toBe(answeredCalls);
		} finally {
			await analytics.close();
		}
	});
});
