/**
 * Starts the built server (`node server.js`, as in production) on a free port with its own data
 * directory, for tests that talk HTTP and WebSocket to the real thing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.unref();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

export function temporaryDir(prefix = 'alo116-test-'): string {
	return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface RunningServer {
	url: string;
	dataDir: string;
	env: Record<string, string>;
	output(): string;
	/** Graceful stop (SIGTERM), waits for exit. */
	stop(): Promise<void>;
	/** kill -9, waits for exit. */
	kill(): Promise<void>;
	/** Starts again on the same data directory and port. */
	restart(): Promise<void>;
	/** Creates an API key through the control token in the lock file. */
	createKey(scopes?: string, name?: string): Promise<string>;
	/** Deletes the data directory (after stop). */
	cleanup(): void;
}

export interface StartOptions {
	env?: Record<string, string>;
	dataDir?: string;
	/** How long start-up may take, ms (PGlite's first boot takes several seconds). */
	timeoutMs?: number;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
	const dataDir = options.dataDir ?? temporaryDir();
	const port = await freePort();
	const env: Record<string, string> = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ...(options.env ?? {}) };
	const url = `http://127.0.0.1:${port}`;
	let child: ChildProcess;
	let log = '';
	let exited: Promise<void>;

	async function launch() {
		child = spawn(process.execPath, ['server.js'], {
			cwd: projectRoot,
			env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout!.on('data', (chunk) => (log += chunk));
		child.stderr!.on('data', (chunk) => (log += chunk));
		exited = new Promise((resolve) => child.once('exit', () => resolve()));
		const deadline = Date.now() + (options.timeoutMs ?? 60_000);
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} during start-up:\n${log}`);
			try {
				const response = await fetch(`${url}/api/v1/health`);
				if (response.ok) return;
			} catch {
				// Not listening yet.
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		child.kill('SIGKILL');
		throw new Error(`server did not start within ${options.timeoutMs ?? 60_000} ms:\n${log}`);
	}

	await launch();
	const server: RunningServer = {
		url,
		dataDir,
		env,
		output: () => log,
		async stop() {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await exited;
		},
		async kill() {
			if (child.exitCode !== null) return;
			child.kill('SIGKILL');
			await exited;
		},
		async restart() {
			await server.stop();
			await launch();
		},
		async createKey(scopes = 'ingest,stats', name = 'test') {
			const lock = JSON.parse(readFileSync(path.join(dataDir, 'alo116.lock'), 'utf8')) as { controlToken: string };
			const response = await fetch(`${url}/api/internal/apikeys`, {
				method: 'POST',
				headers: { authorization: `Bearer ${lock.controlToken}`, 'content-type': 'application/json' },
				body: JSON.stringify({ name, scopes })
			});
			if (!response.ok) throw new Error(`key creation failed: ${response.status} ${await response.text()}`);
			return ((await response.json()) as { key: string }).key;
		},
		cleanup() {
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
	return server;
}

/** POSTs events as JSON (array) or NDJSON and returns status and parsed body. */
export async function postEvents(server: { url: string }, key: string | undefined, body: string | unknown[], contentType = 'application/json') {
	const response = await fetch(`${server.url}/api/v1/events`, {
		method: 'POST',
		headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': contentType },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
	const text = await response.text();
	let json: Record<string, unknown> = {};
	try {
		json = JSON.parse(text);
	} catch {
		json = { raw: text };
	}
	return { status: response.status, body: json };
}

export async function getSummary(server: { url: string }, key: string, query: Record<string, string>) {
	const response = await fetch(`${server.url}/api/v1/stats/summary?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${key}` } });
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Creates a person through the CLI's control token and signs in through the login form. */
export async function signIn(server: RunningServer, role: string, displayName?: string): Promise<{ cookie: string; token: string; username: string; id: string }> {
	const lock = JSON.parse(readFileSync(path.join(server.dataDir, 'alo116.lock'), 'utf8')) as { controlToken: string };
	const username = `${role}-${Math.random().toString(36).slice(2, 8)}`;
	const password = `A-long-${role}-password-2026`;
	const made = await fetch(`${server.url}/api/internal/users`, {
		method: 'POST',
		headers: { authorization: `Bearer ${lock.controlToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ username, role, password, displayName })
	});
	if (made.status !== 200) throw new Error(`creating ${role} failed: ${made.status} ${await made.text()}`);
	const { id } = (await made.json()) as { id: string };
	const login = await fetch(`${server.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ username, password })
	});
	if (login.status !== 303) throw new Error(`signing in as ${role} failed: ${login.status}`);
	const cookie = login.headers.getSetCookie().find((c) => c.startsWith('alo_session='))!.split(';')[0];
	return { cookie, token: cookie.split('=')[1], username, id };
}
