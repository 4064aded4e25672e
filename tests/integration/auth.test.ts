/**
 * Accounts, sessions, throttling, displays and the audit log against real PostgreSQL engines:
 * embedded PGlite and the server at 127.0.0.1:5432.
 */
import { sql } from 'drizzle-orm';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	changeRole,
	createDisplay,
	createFirstAdmin,
	createSession,
	createUser,
	endSessions,
	generateSessionToken,
	listAudit,
	listUsers,
	pairDisplay,
	passwordProblem,
	recordAudit,
	reissueDisplay,
	resetPassword,
	revokeDisplay,
	setDisabled,
	signIn,
	UserError,
	validateSessionToken,
	type Actor
} from '../../src/lib/server/auth';
import { openDatabase, type OpenDatabase } from '../../src/lib/server/db';
import { DATABASE_TARGETS, freshPostgresDatabase } from '../helpers/databases';
import { temporaryDir } from '../helpers/server';

const throttle = { accountFreeFailures: 3, addressFreeFailures: 10, maxBackoffSeconds: 2 };
const problem = async (work: Promise<unknown>) => {
	try {
		await work;
	} catch (error) {
		if (error instanceof UserError) return error.problem;
		throw error;
	}
	return null;
};

describe('password rules', () => {
	it.each([
		['short', 'too_short'],
		['password1234', 'too_common'],
		['Password1234!', 'too_common'],
		['qwertyuiop123', 'too_common'],
		['aaaaaaaaaaaaaa', 'too_common'],
		['123456789012', 'too_common'],
		['x'.repeat(300), 'too_long'],
		['Drita-e-mire-2026', null],
		['kalë i bardhë në Tiranë', null]
	])('%s → %s', (password, expected) => expect(passwordProblem(password)).toBe(expected));
});

describe.each(DATABASE_TARGETS)('accounts on %s', (target) => {
	let database: OpenDatabase;
	let cleanup: () => Promise<void>;
	let admin: Actor;

	beforeAll(async () => {
		if (target === 'pglite') {
			const dir = temporaryDir();
			database = await openDatabase(undefined, dir);
			cleanup = async () => rmSync(dir, { recursive: true, force: true });
		} else {
			const server = await freshPostgresDatabase();
			database = await openDatabase(server.url, '/nonexistent');
			cleanup = server.drop;
		}
	});
	afterAll(async () => {
		await database?.close();
		await cleanup?.();
	});

	it('creates the first admin once, even when two setups race', async () => {
		const db = database.db;
		const results = await Promise.allSettled([
			createFirstAdmin(db, { username: 'Drita', displayName: 'Drita Hoxha', password: 'Drita-e-mire-2026' }),
			createFirstAdmin(db, { username: 'arben', password: 'Arben-i-forte-2026' })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect((rejected.reason as UserError).problem).toBe('setup_done');
		const users = await listUsers(db);
		expect(users).toHaveLength(1);
		expect(users[0].role).toBe('admin');
		admin = { id: users[0].id, name: users[0].username, address: '10.0.0.1' };
		expect(await problem(createFirstAdmin(db, { username: 'third', password: 'Another-pass-2026' }))).toBe('setup_done');
	});

	it('refuses hostile and malformed input with a reason, storing text verbatim for escaping', async () => {
		const db = database.db;
		expect(await problem(createUser(db, admin, { username: "x'; DROP TABLE users;--", role: 'operator', password: 'Drita-e-mire-2026' }))).toBe('bad_username');
		expect(await problem(createUser(db, admin, { username: 'a'.repeat(500), role: 'operator', password: 'Drita-e-mire-2026' }))).toBe('bad_username');
		expect(await problem(createUser(db, admin, { username: 'ok-name', displayName: 'n'.repeat(101), role: 'operator', password: 'Drita-e-mire-2026' }))).toBe('bad_display_name');
		expect(await problem(createUser(db, admin, { username: 'ok-name', role: 'root', password: 'Drita-e-mire-2026' }))).toBe('bad_role');
		expect(await problem(createUser(db, admin, { username: 'ok-name', role: 'display', password: 'Drita-e-mire-2026' }))).toBe('bad_role');
		expect(await problem(createUser(db, admin, { username: 'ok-name', role: 'operator', password: 'password1234' }))).toBe('too_common');
		const html = await createUser(db, admin, { username: 'besa', displayName: '<script>alert(1)</script> Besa', role: 'operator', password: 'Besa-operatore-2026' });
		expect(html.displayName).toBe('<script>alert(1)</script> Besa');
		expect(await problem(createUser(db, admin, { username: 'BESA', role: 'operator', password: 'Besa-operatore-2026' }))).toBe('username_taken');
		// Either setup may win the race in the first test; the list is sorted by username.
		expect((await listUsers(db)).map((u) => u.username)).toEqual(['besa', admin.name].sort());
	});

	it('signs in without telling unknown users from wrong passwords, then throttles per account', async () => {
		const db = database.db;
		const unknown = await signIn(db, 'nobody', 'Whatever-pass-2026', '10.0.0.2', throttle);
		const wrong = await signIn(db, 'besa', 'Wrong-password-2026', '10.0.0.2', throttle);
		expect(unknown).toEqual({ ok: false });
		expect(wrong).toEqual({ ok: false });
		expect(await signIn(db, 'besa', 'Wrong-password-2026', '10.0.0.3', throttle)).toEqual({ ok: false });
		expect(await signIn(db, 'besa', 'Wrong-password-2026', '10.0.0.3', throttle)).toEqual({ ok: false });
		const blocked = await signIn(db, 'besa', 'Besa-operatore-2026', '10.0.0.4', throttle);
		expect(blocked.ok).toBe(false);
		expect((blocked as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const after = await signIn(db, 'BESA ', 'Besa-operatore-2026', '10.0.0.4', throttle);
		expect(after.ok).toBe(true);
		const log = await listAudit(db, { action: 'auth.' });
		expect(log.map((entry) => entry.action)).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed', 'auth.login_throttled']));
		expect(log.find((entry) => entry.action === 'auth.login_failed' && entry.target === 'nobody')?.detail).toEqual({ reason: 'unknown_user' });
	});

	it('keeps sessions as hashes, slides them, and ends them on revocation, role change, disable and reset', async () => {
		const db = database.db;
		const besa = (await listUsers(db)).find((u) => u.username === 'besa')!;
		const token = generateSessionToken();
		const session = await createSession(db, token, { userId: besa.id }, { address: '10.0.0.5' });
		expect(session.id).not.toContain(token);
		const rows = (await db.execute(sql`SELECT id FROM sessions`)) as unknown as { rows?: { id: string }[] } & { id: string }[];
		const ids = (rows.rows ?? rows).map((row) => row.id);
		expect(ids).not.toContain(token);
		expect((await validateSessionToken(db, token))?.user).toMatchObject({ kind: 'person', name: 'besa', role: 'operator' });
		expect(await validateSessionToken(db, token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')))).toBeNull();
		expect(await validateSessionToken(db, `${token}' OR '1'='1`)).toBeNull();
		// An old session slides forward when half its life is gone.
		await db.execute(sql`UPDATE sessions SET expires_at = now() + interval '2 days'`);
		const slid = await validateSessionToken(db, token);
		expect(slid?.renewed).toBe(true);
		expect(slid!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
		await db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 second'`);
		expect(await validateSessionToken(db, token)).toBeNull();

		const fresh = async () => {
			const t = generateSessionToken();
			await createSession(db, t, { userId: besa.id });
			return t;
		};
		let t = await fresh();
		await changeRole(db, admin, besa.id, 'supervisor');
		expect(await validateSessionToken(db, t)).toBeNull();
		t = await fresh();
		expect((await validateSessionToken(db, t))?.user.role).toBe('supervisor');
		await setDisabled(db, admin, besa.id, true);
		expect(await validateSessionToken(db, t)).toBeNull();
		expect((await signIn(db, 'besa', 'Besa-operatore-2026', '10.0.0.6', throttle)).ok).toBe(false);
		await setDisabled(db, admin, besa.id, false);
		t = await fresh();
		await resetPassword(db, admin, besa.id, 'Besa-e-re-fjalekalim-2026');
		expect(await validateSessionToken(db, t)).toBeNull();
		expect((await signIn(db, 'besa', 'Besa-e-re-fjalekalim-2026', '10.0.0.6', throttle)).ok).toBe(true);
		t = await fresh();
		expect(await endSessions(db, admin, besa.id)).toBe(1);
		expect(await validateSessionToken(db, t)).toBeNull();
		// The last active admin can neither be demoted nor disabled.
		expect(await problem(changeRole(db, admin, admin.id!, 'operator'))).toBe('last_admin');
		expect(await problem(setDisabled(db, admin, admin.id!, true))).toBe('last_admin');
	});

	it('pairs a display once, for its board only, until revoked', async () => {
		const db = database.db;
		const { id, token } = await createDisplay(db, admin, { name: 'TV sala', board: 'main' });
		const paired = await pairDisplay(db, token, { address: '10.0.0.7' });
		expect(paired?.board).toBe('main');
		expect(await pairDisplay(db, token, {})).toBeNull();
		const session = await validateSessionToken(db, paired!.sessionToken);
		expect(session?.user).toMatchObject({ kind: 'display', role: 'display', board: 'main' });
		expect(session!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
		const newToken = await reissueDisplay(db, admin, id);
		expect(await validateSessionToken(db, paired!.sessionToken)).toBeNull();
		const again = await pairDisplay(db, newToken, {});
		expect(again).not.toBeNull();
		await revokeDisplay(db, admin, id);
		expect(await validateSessionToken(db, again!.sessionToken)).toBeNull();
		expect(await pairDisplay(db, newToken, {})).toBeNull();
		expect(await pairDisplay(db, 'not-a-token', {})).toBeNull();
	});

	it('keeps an append-only audit log that can be filtered', async () => {
		const db = database.db;
		await recordAudit(db, admin, 'test.marker', 'target-1', { n: 1 });
		const entries = await listAudit(db, { action: 'test.marker' });
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ actor: admin.name, target: 'target-1', address: '10.0.0.1', detail: { n: 1 } });
		await expect(db.execute(sql`UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow();
		await expect(db.execute(sql`DELETE FROM audit_log`)).rejects.toThrow();
		await expect(db.execute(sql`TRUNCATE audit_log`)).rejects.toThrow();
		expect((await listAudit(db, { action: 'test.marker' }))[0].actor).toBe(admin.name);
		const byActor = await listAudit(db, { actor: admin.name.slice(0, 3) });
		expect(byActor.length).toBeGreaterThan(3);
		expect(byActor.every((entry) => entry.actor.includes(admin.name.slice(0, 3)))).toBe(true);
		const none = await listAudit(db, { from: new Date(Date.now() + 60_000) });
		expect(none).toEqual([]);
		expect((await listAudit(db, { actor: "%' OR 1=1 --" })).length).toBe(0);
		const actions = new Set((await listAudit(db, { limit: 500 })).map((entry) => entry.action));
		for (const action of ['setup.first_admin', 'user.create', 'user.role', 'user.disable', 'user.enable', 'user.password_reset', 'user.end_sessions', 'display.create', 'display.paired', 'display.reissue', 'display.revoke'])
			expect(actions, action).toContain(action);
	});
});
