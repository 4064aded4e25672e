/** The CLI's way into a running server: its control token from the lock file. */
import type { Actor } from './auth';
import { runningApp } from './http';

export const CLI_ACTOR: Actor = { id: null, name: 'cli' };

export function controlTokenOk(request: Request): boolean {
	const token = runningApp().lock?.controlToken;
	return Boolean(token) && request.headers.get('authorization') === `Bearer ${token}`;
}
