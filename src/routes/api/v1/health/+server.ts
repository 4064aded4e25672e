import { json } from '@sveltejs/kit';
import { bridge } from '$lib/server/app';
import type { RequestHandler } from './$types';

/** Liveness for load balancers and the CLI; says nothing sensitive. */
export const GET: RequestHandler = async () => {
	const app = bridge().app;
	if (!app) return json({ status: 'starting' }, { status: 503 });
	return json({ status: 'ok', clickhouse: app.analytics.kind, postgres: app.database.kind, pid: process.pid });
};
