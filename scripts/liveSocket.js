// The /ws upgrade, shared by server.js (production) and `vite dev`: live data only for sessions
// the app allows (`authorizeSocket`, set by hooks.server.ts), other upgrade paths left alone.
import { WebSocketServer } from 'ws';

/** The bridge between this plain-JS side and the app inside the bundle (see app/index.ts). */
export function appBridge() {
	return (globalThis[Symbol.for('alo116.bridge')] ??= {});
}

/**
 * The WebSocketServer the app's live hub attaches to when it starts: create it before the app
 * starts (importing the handler runs the app's start-up).
 */
export function liveSocketServer() {
	const bridge = appBridge();
	bridge.wss ??= new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
	return bridge.wss;
}

/** Handles upgrades to /ws on `server` with the live socket server. */
export function attachLiveSocket(server, { onlyWs = false } = {}) {
	const bridge = appBridge();
	liveSocketServer();
	server.on('upgrade', (req, socket, head) => {
		const { pathname } = new URL(req.url ?? '/', 'http://localhost');
		if (pathname !== '/ws') {
			// In dev, vite's own hot-reload socket shares the server.
			if (!onlyWs) socket.destroy();
			return;
		}
		if (!bridge.authorizeSocket) {
			// The app is still starting: the client retries.
			socket.destroy();
			return;
		}
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
}
