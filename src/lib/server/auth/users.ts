/**
 * People: creation (the first admin through setup, the rest by an admin), roles, disabling,
 * password resets, and signing in with throttling. Every change is audited here, so no caller can
 * forget to.
 */
import { asc, count, eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { recordAudit, type Actor } from './audit';
import { hashPassword, passwordProblem, verifyNothing, verifyPassword, type PasswordProblem } from './passwords';
import { isPersonRole, type Role } from './permissions';
import { users } from './schema';
import { countUserSessions, invalidateUserSessions } from './sessions';
import { accountKey, addressKey, blockedFor, clearFailures, recordFailure, type ThrottleSettings } from './throttle';

export type UserProblem = PasswordProblem | 'bad_username' | 'bad_display_name' | 'bad_role' | 'username_taken' | 'setup_done' | 'not_found' | 'last_admin';

/** A refusal the interface can explain: `problem` is a message key suffix, never internals. */
export class UserError extends Error {
	constructor(readonly problem: UserProblem) {
		super(problem);
	}
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;

export interface UserRecord {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	createdAt: Date;
	disabledAt: Date | null;
	sessions: number;
}

export interface NewUser {
	username: string;
	displayName?: string;
	role: string;
	password: string;
}

function cleanUsername(username: string): string {
	const lower = username.trim().toLowerCase();
	if (!USERNAME.test(lower)) throw new UserError('bad_username');
	return lower;
}

function cleanDisplayName(name: string | undefined, username: string): string {
	// Control characters never belong in a name; HTML is harmless because pages escape it.
	const cleaned = (name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
	if (cleaned.length > 100) throw new UserError('bad_display_name');
	return cleaned || username;
}

function checkPassword(password: string): void {
	const problem = passwordProblem(password);
	if (problem) throw new UserError(problem);
}

export async function countUsers(db: Database): Promise<number> {
	const [row] = await db.select({ n: count() }).from(users);
	return Number(row.n);
}

async function insertUser(db: Database, input: NewUser): Promise<typeof users.$inferSelect> {
	const username = cleanUsername(input.username);
	const displayName = cleanDisplayName(input.displayName, username);
	if (!isPersonRole(input.role)) throw new UserError('bad_role');
	checkPassword(input.password);
	const passwordHash = await hashPassword(input.password);
	const rows = await db.insert(users).values({ username, displayName, role: input.role, passwordHash }).onConflictDoNothing({ target: users.username }).returning();
	if (!rows[0]) throw new UserError('username_taken');
	return rows[0];
}

/**
 * The first admin, only while there are no users at all. An advisory lock makes two setups
 * racing each other end with one admin.
 */
export async function createFirstAdmin(db: Database, input: Omit<NewUser, 'role'>, address?: string): Promise<typeof users.$inferSelect> {
	return db.transaction(async (tx) => {
		await tx.execute(sql`SELECT pg_advisory_xact_lock(116000)`);
		const [row] = await tx.select({ n: count() }).from(users);
		if (Number(row.n) > 0) throw new UserError('setup_done');
		const user = await insertUser(tx as unknown as Database, { ...input, role: 'admin' });
		await recordAudit(tx as unknown as Database, { id: user.id, name: user.username, address }, 'setup.first_admin', user.username);
		return user;
	});
}

export async function createUser(db: Database, actor: Actor, input: NewUser): Promise<typeof users.$inferSelect> {
	const user = await insertUser(db, input);
	await recordAudit(db, actor, 'user.create', user.username, { role: user.role });
	return user;
}

export async function listUsers(db: Database): Promise<UserRecord[]> {
	const rows = await db.select().from(users).orderBy(asc(users.username));
	return Promise.all(
		rows.map(async (row) => ({
			id: row.id,
			username: row.username,
			displayName: row.displayName,
			role: row.role as Role,
			createdAt: row.createdAt,
			disabledAt: row.disabledAt,
			sessions: await countUserSessions(db, row.id)
		}))
	);
}

async function findUser(db: Database, id: string): Promise<typeof users.$inferSelect> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) throw new UserError('not_found');
	const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
	if (!row) throw new UserError('not_found');
	return row;
}

/** Refuses to leave the system without an active admin. */
async function keepAnAdmin(db: Database, leaving: typeof users.$inferSelect): Promise<void> {
	if (leaving.role !== 'admin' || leaving.disabledAt) return;
	const admins = await db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.role, 'admin'));
	if (admins.filter((admin) => !admin.disabledAt && admin.id !== leaving.id).length === 0) throw new UserError('last_admin');
}

export async function changeRole(db: Database, actor: Actor, id: string, role: string): Promise<void> {
	if (!isPersonRole(role)) throw new UserError('bad_role');
	const user = await findUser(db, id);
	if (user.role === role) return;
	if (role !== 'admin') await keepAnAdmin(db, user);
	await db.update(users).set({ role }).where(eq(users.id, id));
	// A new role takes effect at once: old sessions carried the old role's trust.
	await invalidateUserSessions(db, id);
	await recordAudit(db, actor, 'user.role', user.username, { from: user.role, to: role });
}

export async function setDisabled(db: Database, actor: Actor, id: string, disabled: boolean): Promise<void> {
	const user = await findUser(db, id);
	if (disabled) await keepAnAdmin(db, user);
	await db.update(users).set({ disabledAt: disabled ? new Date() : null }).where(eq(users.id, id));
	if (disabled) await invalidateUserSessions(db, id);
	await recordAudit(db, actor, disabled ? 'user.disable' : 'user.enable', user.username);
}

export async function resetPassword(db: Database, actor: Actor, id: string, password: string): Promise<void> {
	const user = await findUser(db, id);
	checkPassword(password);
	await db.update(users).set({ passwordHash: await hashPassword(password), passwordChangedAt: new Date() }).where(eq(users.id, id));
	await invalidateUserSessions(db, id);
	await recordAudit(db, actor, 'user.password_reset', user.username);
}

export async function endSessions(db: Database, actor: Actor, id: string): Promise<number> {
	const user = await findUser(db, id);
	const ended = await invalidateUserSessions(db, id);
	await recordAudit(db, actor, 'user.end_sessions', user.username, { sessions: ended });
	return ended;
}

export type SignIn = { ok: true; user: typeof users.$inferSelect } | { ok: false; retryAfterSeconds?: number };

/**
 * Checks a username and password. The answer never says which of the two was wrong, takes the
 * same time for unknown users, and is refused outright while the account or address is blocked.
 */
export async function signIn(db: Database, username: string, password: string, address: string, throttle: ThrottleSettings): Promise<SignIn> {
	// PostgreSQL text cannot hold NUL, and control characters have no place in a username.
	const name = username.replace(/[\u0000-\u001f\u007f]/g, '').trim().toLowerCase().slice(0, 100);
	return oneAtATime(accountKey(name), () => checkSignIn(db, name, password, address, throttle));
}

/**
 * Attempts on one account run one after another in this process: a burst of concurrent guesses
 * would otherwise all pass the block check before the first failure is written, and each burst
 * would test many passwords. (Instances share the block through PostgreSQL.)
 */
const attemptsInFlight = new Map<string, Promise<unknown>>();
async function oneAtATime<T>(key: string, attempt: () => Promise<T>): Promise<T> {
	const before = attemptsInFlight.get(key) ?? Promise.resolve();
	const mine = before.catch(() => {}).then(attempt);
	attemptsInFlight.set(key, mine);
	try {
		return await mine;
	} finally {
		if (attemptsInFlight.get(key) === mine) attemptsInFlight.delete(key);
	}
}

async function checkSignIn(db: Database, name: string, password: string, address: string, throttle: ThrottleSettings): Promise<SignIn> {
	const keys = [accountKey(name), addressKey(address)];
	const wait = await blockedFor(db, keys);
	if (wait > 0) {
		await recordAudit(db, { id: null, name: name || '?', address }, 'auth.login_throttled', name || null, { retryAfterSeconds: wait });
		return { ok: false, retryAfterSeconds: wait };
	}
	const [user] = USERNAME.test(name) ? await db.select().from(users).where(eq(users.username, name)).limit(1) : [];
	const valid = user && password.length <= 1024 ? await verifyPassword(user.passwordHash, password) : await verifyNothing(password.slice(0, 1024));
	if (!valid || !user || user.disabledAt) {
		await recordFailure(
			db,
			[
				{ key: keys[0], freeFailures: throttle.accountFreeFailures },
				{ key: keys[1], freeFailures: throttle.addressFreeFailures }
			],
			throttle
		);
		await recordAudit(db, { id: user?.id ?? null, name: name || '?', address }, 'auth.login_failed', name || null, { reason: !user ? 'unknown_user' : user.disabledAt ? 'disabled' : 'wrong_password' });
		return { ok: false };
	}
	await clearFailures(db, keys[0]);
	await recordAudit(db, { id: user.id, name: user.username, address }, 'auth.login', user.username);
	return { ok: true, user };
}
