/** Small helpers shared by the JSON API routes. */
import { json } from '@sveltejs/kit';
import { bridge, type App } from './app';

export function jsonError(status: number, message: string, headers?: Record<string, string>): Response {
	return json({ error: message }, { status, headers });
}

/** The running app; a request that arrives before start-up finished gets 503. */
export function runningApp(): App {
	const app = bridge().app;
	if (!app) throw new Response(JSON.stringify({ error: 'the server is starting; try again shortly' }), { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '2' } });
	return app;
}

/** Logs an unexpected failure with its details and answers with a generic message. */
export function unexpected(error: unknown, where: string): Response {
	if (error instanceof Response) return error;
	// adapter-node's body-size guard (and other Kit errors) carry their own HTTP status.
	const status = (error as { status?: unknown })?.status;
	if (status === 413) return jsonError(413, 'body is over the size limit of 5 MB per request');
	console.error(`${where} failed:`, error);
	return jsonError(500, 'internal error; the details are in the server log');
}
