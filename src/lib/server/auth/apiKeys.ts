/**
 * API keys for PBXs and scripts: random 160-bit secrets, stored only as SHA-256, shown once.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, isNull, or } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Database } from '../db';
import { recordAudit, SYSTEM_ACTOR } from './audit';
import { apiKeys } from './schema';

export const API_KEY_SCOPES = ['ingest', 'stats', 'cases'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const KEY_PREFIX = 'alo_';
const KEY_PATTERN = /^alo_[a-z2-7]{32}$/;

export interface ApiKeyRecord {
	id: string;
	name: string;
	prefix: string;
	scopes: ApiKeyScope[];
	createdAt: Date;
	lastUsedAt: Date | null;
	revokedAt: Date | null;
}

export class ApiKeyError extends Error {}

export function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export function parseScopes(text: string): ApiKeyScope[] {
	const scopes = text
		.split(',')
		.map((scope) => scope.trim())
		.filter(Boolean);
	if (scopes.length === 0) throw new ApiKeyError(`--scopes needs one or more of ${API_KEY_SCOPES.join(', ')}`);
	for (const scope of scopes)
		if (!(API_KEY_SCOPES as readonly string[]).includes(scope)) throw new ApiKeyError(`unknown scope "${scope}"; known scopes: ${API_KEY_SCOPES.join(', ')}`);
	return [...new Set(scopes)] as ApiKeyScope[];
}

function toRecord(row: typeof apiKeys.$inferSelect): ApiKeyRecord {
	return {
		id: row.id,
		name: row.name,
		prefix: row.prefix,
		scopes: row.scopes as ApiKeyScope[],
		createdAt: row.createdAt,
		lastUsedAt: row.lastUsedAt,
		revokedAt: row.revokedAt
	};
}

export async function createApiKey(db: Database, name: string, scopes: ApiKeyScope[]): Promise<{ key: string; record: ApiKeyRecord }> {
	const trimmed = name.trim();
	if (!trimmed || trimmed.length > 100) throw new ApiKeyError('a key needs a name of 1–100 characters (--name)');
	if (scopes.length === 0) throw new ApiKeyError(`a key needs one or more scopes: ${API_KEY_SCOPES.join(', ')}`);
	const key = KEY_PREFIX + encodeBase32LowerCaseNoPadding(randomBytes(20));
	const [row] = await db
		.insert(apiKeys)
		.values({ name: trimmed, prefix: key.slice(0, 8), keyHash: hashSecret(key), scopes })
		.returning();
	return { key, record: toRecord(row) };
}

export async function listApiKeys(db: Database): Promise<ApiKeyRecord[]> {
	const rows = await db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt));
	return rows.map(toRecord);
}

/** Revokes the key with this id or name (all active keys of that name). Returns how many. */
export async function revokeApiKey(db: Database, idOrName: string): Promise<number> {
	const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
	const match = isUuid ? or(eq(apiKeys.id, idOrName), eq(apiKeys.name, idOrName)) : eq(apiKeys.name, idOrName);
	const rows = await db
		.update(apiKeys)
		.set({ revokedAt: new Date() })
		.where(and(match, isNull(apiKeys.revokedAt)))
		.returning({ id: apiKeys.id });
	return rows.length;
}

export type KeyCheck =
	| { ok: true; keyId: string; name: string }
	| { ok: false; status: 401 | 403; error: string };

export interface KeyVerifierOptions {
	/** How long a looked-up key is trusted before PostgreSQL is asked again, ms. */
	cacheMs?: number;
	/** How often last_used_at is written for one key at most, ms. */
	touchEveryMs?: number;
	/** A process-local secret (the CLI's control token) that carries every scope. */
	controlToken?: string;
}

/**
 * Checks `Authorization: Bearer <key>` for a scope. Lookups are cached briefly so ingest does not
 * pay a PostgreSQL round trip per request; revocation in this process clears the cache at once.
 */
export function createKeyVerifier(db: Database, options: KeyVerifierOptions = {}) {
	const cacheMs = options.cacheMs ?? 10_000;
	const touchEveryMs = options.touchEveryMs ?? 60_000;
	const cache = new Map<string, { row: ApiKeyRecord | null; until: number }>();
	const lastTouched = new Map<string, number>();
	/** Uses since the last flush: key name → scope → requests; refusals by reason. */
	const uses = new Map<string, Record<string, number>>();
	const refusals: Record<string, number> = {};
	const countUse = (name: string, scope: string) => {
		const byScope = uses.get(name) ?? {};
		byScope[scope] = (byScope[scope] ?? 0) + 1;
		uses.set(name, byScope);
	};
	const refuse = (reason: string, check: KeyCheck): KeyCheck => {
		refusals[reason] = (refusals[reason] ?? 0) + 1;
		return check;
	};

	async function lookup(hash: string): Promise<ApiKeyRecord | null> {
		const cached = cache.get(hash);
		if (cached && cached.until > Date.now()) return cached.row;
		const rows = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, hash)).limit(1);
		const row = rows[0] ? toRecord(rows[0]) : null;
		cache.set(hash, { row, until: Date.now() + cacheMs });
		return row;
	}

	return {
		async check(authorization: string | null, scope: ApiKeyScope): Promise<KeyCheck> {
			const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
			if (!match) return refuse('missing', { ok: false, status: 401, error: 'missing API key: send "Authorization: Bearer <key>"' });
			const secret = match[1];
			if (options.controlToken && secret === options.controlToken) {
				countUse('cli', scope);
				return { ok: true, keyId: 'control', name: 'cli' };
			}
			if (!KEY_PATTERN.test(secret)) return refuse('invalid', { ok: false, status: 401, error: 'invalid API key' });
			const key = await lookup(hashSecret(secret));
			if (!key) return refuse('invalid', { ok: false, status: 401, error: 'invalid API key' });
			if (key.revokedAt) return refuse('revoked', { ok: false, status: 401, error: 'this API key has been revoked' });
			if (!key.scopes.includes(scope)) return refuse('scope', { ok: false, status: 403, error: `this API key lacks the scope "${scope}"` });
			countUse(key.name, scope);
			const now = Date.now();
			if ((lastTouched.get(key.id) ?? 0) + touchEveryMs < now) {
				lastTouched.set(key.id, now);
				await db.update(apiKeys).set({ lastUsedAt: new Date(now) }).where(eq(apiKeys.id, key.id));
			}
			return { ok: true, keyId: key.id, name: key.name };
		},
		forget() {
			cache.clear();
		},
		/** Writes what keys did since the last call to the audit log: one row per key, one for refusals. */
		async flushUsage(): Promise<void> {
			const used = [...uses.entries()];
			const refused = { ...refusals };
			uses.clear();
			for (const reason of Object.keys(refusals)) delete refusals[reason];
			for (const [name, byScope] of used) await recordAudit(db, { id: null, name: `api key ${name}` }, 'apikey.used', name, { requests: byScope });
			if (Object.keys(refused).length) await recordAudit(db, SYSTEM_ACTOR, 'apikey.refused', null, { requests: refused });
		}
	};
}

export type KeyVerifier = ReturnType<typeof createKeyVerifier>;
