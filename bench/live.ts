/**
 * Live benchmark: (1) latency from sending an event to the changed text in a Chromium wallboard,
 * at 50 events/s while 50 more displays are connected over WebSocket; (2) server CPU and memory
 * while 100 displays stay connected (BENCH_SOAK_MINUTES, default 10) with events flowing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { launchChromium } from '../tests/e2e/chromium';
import { postEvents, startServer, temporaryDir, type RunningServer } from '../tests/helpers/server';

const LATENCY_EVENTS = Number(process.env.BENCH_LATENCY_EVENTS ?? 500);
const RATE_PER_SECOND = 50;
const SOAK_MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 10);

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
}

function processStats(pid: number): { rssMB: number; cpuSeconds: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const rssKb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	// utime and stime are fields 14 and 15 of /proc/pid/stat, in clock ticks (100 per second here).
	const cpuSeconds = (Number(stat[11]) + Number(stat[12])) / 100;
	return { rssMB: Math.round(rssKb / 1024), cpuSeconds };
}

async function signedInCookie(server: RunningServer): Promise<string> {
	const lock = JSON.parse(readFileSync(path.join(server.dataDir, 'alo116.lock'), 'utf8')) as { controlToken: string };
	const credentials = { username: 'bench-supervisor', password: 'Bench-supervisor-2026', role: 'supervisor' };
	await fetch(`${server.url}/api/internal/users`, { method: 'POST', headers: { authorization: `Bearer ${lock.controlToken}`, 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
	const login = await fetch(`${server.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ username: credentials.username, password: credentials.password })
	});
	const cookie = login.headers.getSetCookie().find((c) => c.startsWith('alo_session='));
	if (!cookie) throw new Error(`sign-in failed: ${login.status}`);
	return cookie.split(';')[0];
}

function connectDisplays(server: RunningServer, cookie: string, count: number): Promise<WebSocket[]> {
	return Promise.all(
		Array.from({ length: count }, () => new Promise<WebSocket>((resolve, reject) => {
			const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws`, { headers: { cookie } });
			socket.once('open', () => resolve(socket));
			socket.once('error', reject);
			socket.on('message', () => {});
		}))
	);
}

const server = await startServer({ dataDir: temporaryDir('alo116-bench-live-') });
const pid = Number(JSON.parse(readFileSync(path.join(server.dataDir, 'alo116.lock'), 'utf8')).pid);
const key = await server.createKey('ingest');
const cookie = await signedInCookie(server);
const results: Record<string, unknown> = {};

// 1. Latency into a real wallboard.
{
	const displays = await connectDisplays(server, cookie, 50);
	const browser = await launchChromium();
	const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const [name, value] = cookie.split('=');
	await context.addCookies([{ name, value, url: server.url }]);
	const page = await context.newPage();
	await page.goto(`${server.url}/wallboard/main`);
	await page.evaluate(() => {
		const seen: Record<string, number> = {};
		(window as unknown as { __seen: Record<string, number> }).__seen = seen;
		new MutationObserver(() => {
			const now = Date.now();
			for (const match of document.body.textContent?.matchAll(/\bbench(\d+)\b/g) ?? []) seen[match[1]] ??= now;
		}).observe(document.body, { subtree: true, childList: true, characterData: true });
	});
	const sentAt: number[] = [];
	const answeredAfter: number[] = [];
	const started = Date.now();
	for (let i = 0; i < LATENCY_EVENTS; i++) {
		const due = started + (i * 1000) / RATE_PER_SECOND;
		const wait = due - Date.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		sentAt[i] = Date.now();
		// A pause reason is shown on the booth's tile: each event changes visible text.
		void postEvents(server, key, [{ id: `bench-${i}`, type: 'booth.state', ts: sentAt[i], booth: 'B1', data: { state: 'paused', reason: `bench${i}` } }]).then(() => answeredAfter.push(Date.now() - sentAt[i]));
	}
	await new Promise((resolve) => setTimeout(resolve, 2000));
	const seen = await page.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);
	// Pushes are coalesced, so a screen may skip straight to a newer state: an event counts as
	// shown when its text or any later event's text first appears.
	const firstShown: number[] = [];
	let earliest = Infinity;
	for (let i = LATENCY_EVENTS - 1; i >= 0; i--) {
		if (seen[i] !== undefined) earliest = Math.min(earliest, seen[i]);
		firstShown[i] = earliest;
	}
	const latencies = sentAt.map((sent, i) => firstShown[i] - sent).filter((ms) => Number.isFinite(ms));
	results.latency = {
		events: LATENCY_EVENTS,
		ratePerSecond: RATE_PER_SECOND,
		otherDisplays: displays.length,
		eventsMeasured: latencies.length,
		distinctTextsShown: Object.keys(seen).length,
		p50ms: percentile(latencies, 50),
		p95ms: percentile(latencies, 95),
		p99ms: percentile(latencies, 99),
		ingestAnswerP50ms: percentile(answeredAfter, 50),
		ingestAnswerP95ms: percentile(answeredAfter, 95)
	};
	await browser.close();
	for (const socket of displays) socket.close();
}

// 2. A hundred displays for a while: memory should stay flat.
{
	const displays = await connectDisplays(server, cookie, 100);
	const samples: { minute: number; rssMB: number }[] = [];
	const first = processStats(pid);
	const started = Date.now();
	let n = 0;
	const feeder = setInterval(() => {
		const ts = Date.now();
		void postEvents(server, key, [{ id: `soak-${n}`, type: 'call.queued', ts, callId: `soak-${n}` }, { id: `soak-${n}-a`, type: 'call.answered', ts, callId: `soak-${n}`, booth: 'B2' }, { id: `soak-${n}-e`, type: 'call.ended', ts, callId: `soak-${n}`, booth: 'B2' }]);
		n++;
	}, 500);
	while (Date.now() - started < SOAK_MINUTES * 60_000) {
		await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, SOAK_MINUTES * 60_000)));
		samples.push({ minute: Number(((Date.now() - started) / 60_000).toFixed(1)), rssMB: processStats(pid).rssMB });
	}
	clearInterval(feeder);
	const last = processStats(pid);
	results.soak = {
		displays: displays.length,
		minutes: SOAK_MINUTES,
		callsFed: n,
		rssStartMB: first.rssMB,
		rssEndMB: last.rssMB,
		rssMaxMB: Math.max(...samples.map((s) => s.rssMB)),
		cpuPercent: Number((((last.cpuSeconds - first.cpuSeconds) / ((Date.now() - started) / 1000)) * 100).toFixed(1)),
		samples
	};
	for (const socket of displays) socket.close();
}

await server.stop();
server.cleanup();
console.log(JSON.stringify(results));
process.exit(0);
