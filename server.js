// Production entry: the adapter-node handler plus the WebSocket upgrade on /ws, nothing else.
// Importing the handler runs the app's start-up (hooks.server.ts `init`): stores, migrations.
import http from 'node:http';
import { WebSocketServer } from 'ws';

const bridge = (globalThis[Symbol.for('alo116.bridge')] ??= {});
bridge.wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

// adapter-node's own body limit (default 512 KB) sits above the events API's 5 MB limit, which the
// route enforces itself with a precise 413.
process.env.BODY_SIZE_LIMIT = String(6 * 1024 * 1024);

// Without ORIGIN, adapter-node takes every request for https, so SvelteKit's form origin check
// refuses plain-http forms and cookies get `Secure`. The protocol is then taken from the socket.
const PROTOCOL_HEADER = 'x-alo116-protocol';
const protocolFromSocket = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (protocolFromSocket) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;

let handler;
try {
	({ handler } = await import('./build/handler.js'));
} catch (error) {
	console.error(`[alo116] could not start: ${error instanceof Error ? error.message : error}`);
	process.exit(1);
}

const { settings } = bridge.app;
const server = http.createServer((req, res) => {
	if (protocolFromSocket) req.headers[PROTOCOL_HEADER] = req.socket.encrypted ? 'https' : 'http';
	handler(req, res);
});
server.on('upgrade', (req, socket, head) => {
	const { pathname } = new URL(req.url ?? '/', 'http://localhost');
	if (pathname !== '/ws') {
		socket.destroy();
		return;
	}
	// Live data is for signed-in wallboard viewers only (session cookie, checked by the app).
	bridge
		.authorizeSocket(req.headers.cookie)
		.then((allowed) => {
			if (!allowed) {
				socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
				return;
			}
			bridge.wss.handleUpgrade(req, socket, head, (ws) => bridge.wss.emit('connection', ws, req));
		})
		.catch((error) => {
			console.error('[alo116] /ws authorisation failed:', error);
			socket.destroy();
		});
});

server.listen(settings.port, settings.host, () => {
	const address = server.address();
	console.log(`[alo116] listening on http://${settings.host === '0.0.0.0' ? 'localhost' : settings.host}:${address.port}`);
});

let stopping = false;
async function stop(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`[alo116] ${signal}: stopping`);
	server.close();
	server.closeAllConnections?.();
	try {
		await bridge.app.shutdown();
	} finally {
		process.exit(0);
	}
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
