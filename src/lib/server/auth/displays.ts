/**
 * Wall displays: an admin creates one (name, board) and gets a URL with a one-time pairing token;
 * the TV that opens it trades the token for a long-lived, revocable, read-only session of role
 * `display` that sees only its board. No keyboard is needed on the TV.
 */
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Database } from '../db';
import { hashSecret } from './apiKeys';
import { recordAudit, type Actor } from './audit';
import { displays, sessions } from './schema';
import { createSession, generateSessionToken, invalidateDisplaySessions } from './sessions';

/** How long a pairing URL works before it is used, ms. */
export const PAIRING_TTL_MS = 7 * 86_400_000;
const BOARD = /^[a-z0-9][a-z0-9-]{0,39}$/;

export class DisplayError extends Error {
	constructor(readonly problem: 'bad_name' | 'bad_board' | 'not_found') {
		super(problem);
	}
}

export interface DisplayRecord {
	id: string;
	name: string;
	board: string;
	createdAt: Date;
	pairedAt: Date | null;
	pairingExpiresAt: Date | null;
	revokedAt: Date | null;
	sessions: number;
}

function newPairingToken(): { token: string; hash: string; expiresAt: Date } {
	const token = encodeBase32LowerCaseNoPadding(randomBytes(20));
	return { token, hash: hashSecret(token), expiresAt: new Date(Date.now() + PAIRING_TTL_MS) };
}

export async function createDisplay(db: Database, actor: Actor, input: { name: string; board: string }): Promise<{ id: string; token: string }> {
	const name = input.name.replace(/[\u0000-\u001f\u007f]/g, '').trim();
	if (!name || name.length > 100) throw new DisplayError('bad_name');
	const board = input.board.trim().toLowerCase();
	if (!BOARD.test(board)) throw new DisplayError('bad_board');
	const pairing = newPairingToken();
	const [row] = await db
		.insert(displays)
		.values({ name, board, pairingTokenHash: pairing.hash, pairingExpiresAt: pairing.expiresAt, createdBy: actor.id })
		.returning({ id: displays.id });
	await recordAudit(db, actor, 'display.create', name, { board });
	return { id: row.id, token: pairing.token };
}

/** A new pairing URL for a display (a replaced TV); its old sessions end. */
export async function reissueDisplay(db: Database, actor: Actor, id: string): Promise<string> {
	const display = await findDisplay(db, id);
	const pairing = newPairingToken();
	await db.update(displays).set({ pairingTokenHash: pairing.hash, pairingExpiresAt: pairing.expiresAt, pairedAt: null, revokedAt: null }).where(eq(displays.id, id));
	await invalidateDisplaySessions(db, id);
	await recordAudit(db, actor, 'display.reissue', display.name);
	return pairing.token;
}

export async function revokeDisplay(db: Database, actor: Actor, id: string): Promise<void> {
	const display = await findDisplay(db, id);
	await db.update(displays).set({ revokedAt: new Date(), pairingTokenHash: null }).where(eq(displays.id, id));
	await invalidateDisplaySessions(db, id);
	await recordAudit(db, actor, 'display.revoke', display.name);
}

async function findDisplay(db: Database, id: string) {
	if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DisplayError('not_found');
	const [row] = await db.select().from(displays).where(eq(displays.id, id)).limit(1);
	if (!row) throw new DisplayError('not_found');
	return row;
}

export async function listDisplays(db: Database): Promise<DisplayRecord[]> {
	const rows = await db.select().from(displays).orderBy(desc(displays.createdAt));
	const live = await db.select({ displayId: sessions.displayId }).from(sessions).where(gt(sessions.expiresAt, new Date()));
	return rows.map((row) => ({
		id: row.id,
		name: row.name,
		board: row.board,
		createdAt: row.createdAt,
		pairedAt: row.pairedAt,
		pairingExpiresAt: row.pairingTokenHash ? row.pairingExpiresAt : null,
		revokedAt: row.revokedAt,
		sessions: live.filter((session) => session.displayId === row.id).length
	}));
}

/**
 * Trades a pairing token for a display session. The token works once; an unknown, used, expired
 * or revoked one gives null.
 */
export async function pairDisplay(db: Database, token: string, context: { address?: string; userAgent?: string }): Promise<{ sessionToken: string; board: string; expiresAt: Date } | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const [display] = await db
		.update(displays)
		.set({ pairingTokenHash: null, pairedAt: new Date() })
		.where(and(eq(displays.pairingTokenHash, hashSecret(token)), isNull(displays.revokedAt), gt(displays.pairingExpiresAt, new Date())))
		.returning();
	if (!display) return null;
	const sessionToken = generateSessionToken();
	const session = await createSession(db, sessionToken, { displayId: display.id }, context);
	await recordAudit(db, { id: display.id, name: display.name, address: context.address }, 'display.paired', display.name, { board: display.board });
	return { sessionToken, board: display.board, expiresAt: session.expiresAt };
}
