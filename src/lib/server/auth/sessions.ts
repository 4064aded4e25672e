/**
 * Sessions on the Lucia model: the cookie holds a random token (160 bits, base32), PostgreSQL only
 * its SHA-256. Person sessions last 30 days and slide (renewed when less than 15 days are left);
 * display sessions last a year and slide the same way. Revocation deletes the row.
 */
import { and, eq, lt } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Database } from '../db';
import { hashSecret } from './apiKeys';
import { isRole, type Role } from './permissions';
import { displays, sessions, users } from './schema';

export const SESSION_COOKIE = 'alo_session';
const DAY_MS = 86_400_000;
export const PERSON_SESSION_MS = 30 * DAY_MS;
export const DISPLAY_SESSION_MS = 365 * DAY_MS;
/** Last-seen times are written at most this often per session, ms. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionUser {
	kind: 'person' | 'display';
	/** User id, or display id for a display session. */
	id: string;
	/** Username, or the display's name. */
	name: string;
	displayName: string;
	role: Role;
	/** The one board a display session may see. */
	board?: string;
}

export interface ValidSession {
	id: string;
	expiresAt: Date;
	/** True when the expiry moved: the cookie must be sent again. */
	renewed: boolean;
	user: SessionUser;
}

export function generateSessionToken(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

export async function createSession(
	db: Database,
	token: string,
	owner: { userId: string } | { displayId: string },
	context: { address?: string; userAgent?: string } = {}
): Promise<{ id: string; expiresAt: Date }> {
	const isDisplay = 'displayId' in owner;
	const expiresAt = new Date(Date.now() + (isDisplay ? DISPLAY_SESSION_MS : PERSON_SESSION_MS));
	const id = hashSecret(token);
	await db.insert(sessions).values({
		id,
		userId: isDisplay ? null : owner.userId,
		displayId: isDisplay ? owner.displayId : null,
		expiresAt,
		address: context.address?.slice(0, 100),
		userAgent: context.userAgent?.slice(0, 300)
	});
	return { id, expiresAt };
}

/** The session and its owner for a cookie token, or null (unknown, expired, disabled, revoked). */
export async function validateSessionToken(db: Database, token: string): Promise<ValidSession | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const id = hashSecret(token);
	const rows = await db
		.select({ session: sessions, user: users, display: displays })
		.from(sessions)
		.leftJoin(users, eq(sessions.userId, users.id))
		.leftJoin(displays, eq(sessions.displayId, displays.id))
		.where(eq(sessions.id, id))
		.limit(1);
	const row = rows[0];
	if (!row) return null;
	const now = Date.now();
	if (row.session.expiresAt.getTime() <= now) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	let user: SessionUser;
	let lifetime: number;
	if (row.user) {
		if (row.user.disabledAt || !isRole(row.user.role)) return null;
		user = { kind: 'person', id: row.user.id, name: row.user.username, displayName: row.user.displayName, role: row.user.role };
		lifetime = PERSON_SESSION_MS;
	} else if (row.display) {
		if (row.display.revokedAt) return null;
		user = { kind: 'display', id: row.display.id, name: row.display.name, displayName: row.display.name, role: 'display', board: row.display.board };
		lifetime = DISPLAY_SESSION_MS;
	} else return null;
	let expiresAt = row.session.expiresAt;
	const renewed = expiresAt.getTime() - now < lifetime / 2;
	if (renewed) expiresAt = new Date(now + lifetime);
	if (renewed || now - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
		await db.update(sessions).set({ expiresAt, lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
	return { id, expiresAt, renewed, user };
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a person; returns how many. */
export async function invalidateUserSessions(db: Database, userId: string): Promise<number> {
	const rows = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
	return rows.length;
}

export async function invalidateDisplaySessions(db: Database, displayId: string): Promise<number> {
	const rows = await db.delete(sessions).where(eq(sessions.displayId, displayId)).returning({ id: sessions.id });
	return rows.length;
}

export async function deleteExpiredSessions(db: Database): Promise<void> {
	await db.delete(sessions).where(and(lt(sessions.expiresAt, new Date())));
}

export async function countUserSessions(db: Database, userId: string): Promise<number> {
	const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
	return rows.length;
}
