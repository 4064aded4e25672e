// Production entry: the adapter-node handler plus the WebSocket upgrade on /ws, nothing else.
// Importing the handler runs the app's start-up (hooks.server.ts `init`): stores, migrations.
import http from 'node:http';
import { appBridge, attachLiveSocket, liveSocketServer } from './scripts/liveSocket.js';

const bridge = appBridge();
liveSocketServer();

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
attachLiveSocket(server);

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
