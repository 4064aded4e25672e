/** The /ws push protocol over a real WebSocket server: snapshot, coalesced deltas, resync, session re-checks. */
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { LiveHub } from '../../src/lib/server/live';

type Message = { type: string; seq: number; data: { n: number } };

async function serve(hub: LiveHub<{ n: number }, { n: number }>) {
	const http = createServer();
	const wss = new WebSocketServer({ server: http });
	hub.attach(wss);
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const { port } = http.address() as { port: number };
	return { url: `ws://127.0.0.1:${port}`, close: () => new Promise((resolve) => { wss.close(); http.close(resolve); }) };
}

function client(url: string, cookie?: string) {
	const socket = new WebSocket(url, { headers: cookie ? { cookie } : {} });
	const messages: Message[] = [];
	const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
	socket.on('message', (raw) => messages.push(JSON.parse(String(raw))));
	const opened = new Promise((resolve) => socket.once('open', resolve));
	return { socket, messages, closed, opened };
}

const until = async (test: () => boolean, ms = 3000) => {
	const deadline = Date.now() + ms;
	while (!test()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
};

describe('LiveHub', () => {
	const cleanups: (() => unknown)[] = [];
	afterEach(async () => {
		for (const cleanup of cleanups.splice(0)) await cleanup();
	});

	it('coalesces a burst of changes into at most one message per interval, in seq order', async () => {
		let state = 0;
		const hub = new LiveHub<{ n: number }, { n: number }>({ snapshot: () => ({ n: state }), merge: (_a, b) => b, coalesceMs: 200 });
		const server = await serve(hub);
		cleanups.push(() => hub.close(), server.close);
		const viewer = client(server.url);
		await viewer.opened;
		await until(() => viewer.messages.length === 1);
		const started = Date.now();
		for (let i = 1; i <= 100; i++) {
			state = i;
			hub.publish({ n: i });
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		await until(() => viewer.messages.at(-1)?.data.n === 100);
		const deltas = viewer.messages.slice(1);
		const elapsed = Date.now() - started;
		expect(deltas.length).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 1);
		deltas.forEach((delta, i) => expect(delta).toMatchObject({ type: 'delta', seq: i + 1 }));
		viewer.socket.send(JSON.stringify({ type: 'resync' }));
		await until(() => viewer.messages.at(-1)?.type === 'snapshot');
		expect(viewer.messages.at(-1)).toMatchObject({ type: 'snapshot', seq: deltas.length, data: { n: 100 } });
	});

	it('closes sockets whose session is no longer valid at the next heartbeat', async () => {
		const valid = new Set(['alo_session=good', 'alo_session=revoked-soon']);
		const hub = new LiveHub<{ n: number }, { n: number }>({ snapshot: () => ({ n: 0 }), merge: (_a, b) => b, heartbeatMs: 100 });
		hub.guard(async (cookie) => valid.has(cookie ?? ''));
		const server = await serve(hub);
		cleanups.push(() => hub.close(), server.close);
		const stays = client(server.url, 'alo_session=good');
		const goes = client(server.url, 'alo_session=revoked-soon');
		await Promise.all([stays.opened, goes.opened]);
		valid.delete('alo_session=revoked-soon');
		expect(await goes.closed).toBe(4401);
		await new Promise((resolve) => setTimeout(resolve, 250));
		expect(stays.socket.readyState).toBe(WebSocket.OPEN);
		expect(hub.clientCount).toBe(1);
	});
});

describe('LiveHub against hostile and slow clients', () => {
	const cleanups: (() => unknown)[] = [];
	afterEach(async () => {
		for (const cleanup of cleanups.splice(0)) await cleanup();
	});

	it('closes only the client that sends something other than a resync', async () => {
		const hub = new LiveHub<{ n: number }, { n: number }>({ snapshot: () => ({ n: 0 }), merge: (_a, b) => b, coalesceMs: 10 });
		const server = await serve(hub);
		cleanups.push(() => hub.close(), server.close);
		const good = client(server.url);
		const bad = [client(server.url), client(server.url), client(server.url), client(server.url)];
		await Promise.all([good.opened, ...bad.map((c) => c.opened)]);
		bad[0].socket.send('{not json');
		bad[1].socket.send(JSON.stringify({ type: 'subscribe', board: '../../etc/passwd' }));
		bad[2].socket.send(Buffer.from([0, 1, 2, 255]));
		bad[3].socket.send(JSON.stringify(['resync']));
		expect(await Promise.all(bad.map((c) => c.closed))).toEqual([1003, 1003, 1003, 1003]);
		hub.publish({ n: 7 });
		await until(() => good.messages.at(-1)?.data.n === 7);
		expect(good.socket.readyState).toBe(WebSocket.OPEN);
		expect(hub.clientCount).toBe(1);
	});

	it('does not let a client that stops reading hold up the others', async () => {
		const big = 'x'.repeat(64 * 1024);
		const hub = new LiveHub<{ n: number; pad?: string }, { n: number; pad?: string }>({ snapshot: () => ({ n: 0 }), merge: (_a, b) => b, coalesceMs: 1 });
		const server = await serve(hub as unknown as LiveHub<{ n: number }, { n: number }>);
		cleanups.push(() => hub.close(), server.close);
		const fast = client(server.url);
		const slow = client(server.url);
		await Promise.all([fast.opened, slow.opened]);
		// The slow client's TCP socket stops reading: what the server sends piles up for it alone.
		(slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
		const started = Date.now();
		for (let i = 1; i <= 200; i++) {
			hub.publish({ n: i, pad: big });
			await new Promise((resolve) => setTimeout(resolve, 3));
		}
		await until(() => fast.messages.at(-1)?.data.n === 200, 10_000);
		expect(Date.now() - started).toBeLessThan(5000);
		await until(() => hub.clientCount === 1, 5000);
	});
});
