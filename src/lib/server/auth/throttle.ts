/**
 * Sign-in throttling per account and per address, shared by all instances through PostgreSQL.
 * After `freeFailures` failed attempts a key is blocked for 1 s, then 2 s, 4 s … up to
 * `maxBackoffSeconds`; attempts while blocked are refused without checking the password (and do
 * not extend the block). Failures are forgotten after a quiet spell of `maxBackoffSeconds`.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../db';
import { loginThrottle } from './schema';

export interface ThrottleSettings {
	/** Failures allowed per account before back-off starts. */
	accountFreeFailures: number;
	/** Failures allowed per address before back-off starts (an office shares one address). */
	addressFreeFailures: number;
	maxBackoffSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = { accountFreeFailures: 5, addressFreeFailures: 20, maxBackoffSeconds: 900 };

export const accountKey = (username: string) => `account:${username.toLowerCase().slice(0, 100)}`;
export const addressKey = (address: string) => `address:${address.slice(0, 100)}`;

/** Seconds until every key may try again; 0 when none is blocked. */
export async function blockedFor(db: Database, keys: string[]): Promise<number> {
	const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
	const now = Date.now();
	let wait = 0;
	for (const row of rows) if (row.blockedUntil && row.blockedUntil.getTime() > now) wait = Math.max(wait, Math.ceil((row.blockedUntil.getTime() - now) / 1000));
	return wait;
}

export async function recordFailure(db: Database, keys: { key: string; freeFailures: number }[], settings: ThrottleSettings): Promise<void> {
	const now = Date.now();
	for (const { key, freeFailures } of keys) {
		const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).limit(1);
		const stale = row && now - row.lastFailureAt.getTime() > settings.maxBackoffSeconds * 1000;
		const failures = row && !stale ? row.failures + 1 : 1;
		// The failure that uses up the free ones starts the back-off: 1 s, then 2 s, 4 s …
		const over = failures - freeFailures + 1;
		const blockedUntil = over > 0 ? new Date(now + Math.min(2 ** (over - 1), settings.maxBackoffSeconds) * 1000) : null;
		await db
			.insert(loginThrottle)
			.values({ key, failures, lastFailureAt: new Date(now), blockedUntil })
			.onConflictDoUpdate({ target: loginThrottle.key, set: { failures, lastFailureAt: new Date(now), blockedUntil } });
	}
}

export async function clearFailures(db: Database, key: string): Promise<void> {
	await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
