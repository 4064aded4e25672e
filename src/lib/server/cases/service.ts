/**
 * The case service: every read and change of a case goes through here, so that each one is
 * audited, version-checked, put on the case's timeline and (as codes only) sent to ClickHouse.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import {
	ACTION_SECTIONS,
	ageBand,
	ageOn,
	canMove,
	LOCATED_STATUSES,
	OPEN_REFERRAL_STATUSES,
	PARTNER_ANSWERS,
	PARTNER_KINDS,
	REFERRAL_ACTIONS,
	REFERRAL_GRAPH,
	SEARCH_STATUSES,
	TASK_KINDS,
	CASE_STATUSES,
	PERSON_ROLES_ON_CASE,
	type AgeBand,
	type CaseStatus,
	type ReferralAction,
	type ReferralStatus,
	type TaskKind
} from '$lib/cases/model';
import { ALO_CLASSES as CALL_CLASSES, type LiveCaseAlert } from '$lib/live/types';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import { recordAudit, type Actor } from '../auth';
import { users } from '../auth/schema';
import type { Bus } from '../bus';
import type { Database } from '../db';
import type { RawEvent } from '../ingest';
import { localDateText } from '../time';
import { checkFile, type FileKind } from './files';
import {
	caseAlertRules,
	caseCalls,
	caseCounters,
	caseFiles,
	caseHistory,
	caseNotes,
	caseOutbox,
	casePersons,
	cases,
	consoleClassifications,
	partnerLinks,
	partners,
	referrals,
	tasks
} from './schema';
import { CaseError, cleanText, parseCaseFields, parseMoment, TEXT_LIMITS, type CaseFields } from './validate';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
type Db = Database | Tx;
export type CaseRow = typeof cases.$inferSelect;
export type PartnerRow = typeof partners.$inferSelect;
export type ReferralRow = typeof referrals.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;

export interface CasesSettings {
	hotline: string;
	timeZone: string;
	/** A high or critical case with no partner action after this long raises a wallboard alert, minutes. */
	noActionMinutes: { high: number; critical: number };
	/** How long a partner link stays valid by default, hours. */
	linkHours: number;
	now?: () => number;
}

export const DEFAULT_CASES_SETTINGS = { noActionMinutes: { high: 60, critical: 15 }, linkHours: 72 } as const;

/** The longest no-partner-action limit a supervisor may set: a week, in minutes. */
export const MAX_NO_ACTION_MINUTES = 7 * 24 * 60;

export interface CasesDeps {
	db: Database;
	/** Where case events go (ingest.accept); failures are retried from the outbox. */
	accept(events: RawEvent[]): Promise<unknown>;
	bus: Bus;
}

/** A person acting on cases: a signed-in user (id set) or an API key (id null). */
export type CaseActor = Actor;

export interface CaseListFilter {
	q?: string;
	status?: CaseStatus[];
	missingType?: string;
	priority?: string;
	ageBand?: AgeBand;
	area?: string;
	assignedTo?: string;
	/** Cases nobody is assigned to. */
	unassigned?: boolean;
	from?: Date;
	to?: Date;
	overdue?: boolean;
	/** Open (not closed) cases only. */
	open?: boolean;
	limit?: number;
	offset?: number;
}

export interface CaseListItem {
	id: string;
	number: string;
	status: string;
	missingType: string;
	priority: string;
	childName: string;
	age: number | null;
	area: string;
	reportedAt: Date;
	lastSeenAt: Date | null;
	assignedTo: string | null;
	assignedName: string | null;
	overdue: boolean;
	updatedAt: Date;
}

const DAY_MS = 86_400_000;
/** How long a link still opens after its referral was done or rejected, ms. */
const FINISHED_LINK_GRACE_MS = 24 * 3_600_000;
const HOUR_MS = 3_600_000;
/** Default due times of the automatic follow-ups, ms. */
const TASK_DUE_MS: Record<TaskKind, number> = { callback_parent: DAY_MS, police_check: DAY_MS, return_interview: 3 * DAY_MS, other: DAY_MS };

/** The partner directory every hotline starts with (kind, expected response minutes). */
const SEED_PARTNERS: { kind: (typeof PARTNER_KINDS)[number]; name: string; minutes: number }[] = [
	{ kind: 'emergency_services', name: '112', minutes: 15 },
	{ kind: 'state_police', name: 'Policia e Shtetit', minutes: 60 },
	{ kind: 'ministry_interior', name: 'Ministria e Brendshme', minutes: 24 * 60 },
	{ kind: 'ministry_social_affairs', name: 'Ministria e Shëndetësisë dhe Mbrojtjes Sociale', minutes: 24 * 60 },
	{ kind: 'child_protection', name: 'Njësia për Mbrojtjen e Fëmijëve', minutes: 4 * 60 },
	{ kind: 'judiciary', name: 'Prokuroria', minutes: 48 * 60 },
	{ kind: 'embassy', name: 'Ambasadat në Tiranë', minutes: 24 * 60 },
	{ kind: 'interpol', name: 'Interpol Tirana', minutes: 4 * 60 },
	{ kind: 'mass_media', name: 'Media', minutes: 4 * 60 },
	{ kind: 'mobile_operator', name: 'Operatorët celularë', minutes: 2 * 60 },
	{ kind: 'electronic_communications', name: 'AKEP', minutes: 24 * 60 },
	{ kind: 'international_organisation', name: 'Missing Children Europe', minutes: 24 * 60 },
	{ kind: 'local_organisation', name: 'Organizatat lokale', minutes: 24 * 60 }
];

const foldSql = (expression: SQL) => sql`translate(lower(${expression}), 'ëçéè', 'ecee')`;
const fold = (text: string) => text.toLowerCase().replace(/[ëçéè]/g, (c) => ({ ë: 'e', ç: 'c', é: 'e', è: 'e' })[c]!);
const likePattern = (text: string) => `%${fold(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function childAge(row: Pick<CaseRow, 'childBirthDate' | 'childAge' | 'reportedAt'>, at: Date): number | null {
	if (row.childBirthDate) return ageOn(row.childBirthDate, at);
	return row.childAge;
}

/** A year and a day, ms: the slack between two ages of one child told by different callers. */
const AGE_SLACK_MS = 366 * 86_400_000;

/**
 * When the child may have been born, as an interval of epoch ms: the birth date, or from the age
 * given at the report (born between age + 1 and age years before it); null when neither is known.
 */
function birthWindow(row: Pick<CaseRow, 'childBirthDate' | 'childAge' | 'reportedAt'>): [number, number] | null {
	if (row.childBirthDate) {
		const born = Date.parse(`${row.childBirthDate}T00:00:00Z`);
		return [born, born];
	}
	if (row.childAge === null) return null;
	const reported = new Date(row.reportedAt);
	const yearsBefore = (years: number) => Date.UTC(reported.getUTCFullYear() - years, reported.getUTCMonth(), reported.getUTCDate());
	return [yearsBefore(row.childAge + 1), yearsBefore(row.childAge)];
}

/** Whether two cases' ages could be one child's (an unknown age agrees with any). */
function agesAgree(a: [number, number] | null, b: [number, number] | null): boolean {
	if (!a || !b) return true;
	return a[0] - AGE_SLACK_MS <= b[1] && b[0] - AGE_SLACK_MS <= a[1];
}

const seconds = (fromMs: number, toMs: number) => Math.max(0, Math.round((toMs - fromMs) / 1000));

export function createCases(deps: CasesDeps, settings: CasesSettings) {
	const { db } = deps;
	const now = settings.now ?? Date.now;
	const hotline = settings.hotline;

	// ---- outbox: case events reach ClickHouse after the PostgreSQL commit ----
	let flushing: Promise<void> | null = null;
	let flushAgain = false;
	async function flushOnce(): Promise<void> {
		for (;;) {
			const pending = await db.select().from(caseOutbox).where(isNull(caseOutbox.sentAt)).orderBy(asc(caseOutbox.id)).limit(500);
			if (!pending.length) return;
			await deps.accept(pending.map((row) => row.event as unknown as RawEvent));
			await db.update(caseOutbox).set({ sentAt: new Date(now()) }).where(inArray(caseOutbox.id, pending.map((row) => row.id)));
			if (pending.length < 500) return;
		}
	}
	/** Sends unsent case events; concurrent calls share one run (and ask for one more after it). */
	function flushOutbox(): Promise<void> {
		if (flushing) {
			flushAgain = true;
			return flushing;
		}
		flushing = (async () => {
			try {
				do {
					flushAgain = false;
					await flushOnce();
				} while (flushAgain);
			} finally {
				flushing = null;
			}
		})();
		return flushing;
	}
	const flushSoon = () => {
		flushOutbox().catch((error) => console.error('sending case events to ClickHouse failed (kept in the outbox, retried):', error));
		deps.bus.emit('cases.changed', { at: now() });
	};

	// ---- helpers inside a transaction ----
	async function history(tx: Db, caseId: string, actor: CaseActor, kind: string, detail: Record<string, unknown> = {}): Promise<number> {
		const [row] = await tx.insert(caseHistory).values({ caseId, kind, actor: (actor.displayName || actor.name).slice(0, 200), detail, at: new Date(now()) }).returning({ id: caseHistory.id });
		return row.id;
	}

	async function episodeOf(tx: Db, row: CaseRow): Promise<number> {
		const [{ count }] = await tx
			.select({ count: sql<number>`count(*)::int` })
			.from(cases)
			.where(and(eq(cases.childId, row.childId), lte(cases.reportedAt, row.reportedAt)));
		return Math.max(1, Number(count));
	}

	/** Queues one case.* event: codes about the case as it is now, plus the event's own fields. */
	async function emit(tx: Db, row: CaseRow, type: string, eventId: string, extra: Record<string, unknown> = {}): Promise<void> {
		const at = now();
		const event: RawEvent = {
			id: `case-${row.id}-${eventId}`,
			type,
			ts: at,
			hotline: row.hotline,
			data: {
				caseId: row.id,
				status: row.status,
				missingType: row.missingType,
				priority: row.priority,
				ageBand: ageBand(childAge(row, row.reportedAt)),
				area: row.area,
				episode: await episodeOf(tx, row),
				crossBorder: !!(row.risks as Record<string, boolean>).crossBorder || row.missingType === 'parental_abduction_international',
				...extra
			}
		};
		await tx.insert(caseOutbox).values({ event: event as unknown as Record<string, unknown> });
	}

	async function audit(actor: CaseActor, action: string, target: string, detail?: Record<string, unknown>) {
		await recordAudit(db, actor, action, target, detail);
	}

	async function caseByNumber(tx: Db, number: string): Promise<CaseRow> {
		const [row] = await tx.select().from(cases).where(and(eq(cases.hotline, hotline), eq(cases.number, number))).limit(1);
		if (!row) throw new CaseError('not_found');
		return row;
	}

	async function caseById(tx: Db, id: string): Promise<CaseRow> {
		if (!/^[0-9a-f-]{36}$/i.test(id)) throw new CaseError('not_found');
		const [row] = await tx.select().from(cases).where(and(eq(cases.hotline, hotline), eq(cases.id, id))).limit(1);
		if (!row) throw new CaseError('not_found');
		return row;
	}

	/** Bumps the version if it is still `version`; another person's change in between is a conflict. */
	async function bump(tx: Db, row: CaseRow, version: number | undefined, changes: Partial<typeof cases.$inferInsert>): Promise<CaseRow> {
		const expected = version ?? row.version;
		const [updated] = await tx
			.update(cases)
			.set({ ...changes, version: sql`${cases.version} + 1`, updatedAt: new Date(now()) })
			.where(and(eq(cases.id, row.id), eq(cases.version, expected)))
			.returning();
		if (!updated) throw new CaseError('conflict');
		return updated;
	}

	async function addTask(tx: Db, caseRow: CaseRow | null, kind: TaskKind, ownerId: string | null, actor: CaseActor, options: { dueAt?: Date; title?: string } = {}) {
		const dueAt = options.dueAt ?? new Date(now() + TASK_DUE_MS[kind]);
		const [task] = await tx
			.insert(tasks)
			.values({ caseId: caseRow?.id ?? null, kind, title: options.title ?? '', dueAt, ownerId, createdBy: actor.id, createdAt: new Date(now()) })
			.returning();
		if (caseRow) await history(tx, caseRow.id, actor, 'task_created', { taskId: task.id, kind, dueAt: dueAt.toISOString(), title: task.title });
		return task;
	}

	async function openTaskOfKind(tx: Db, caseId: string, kind: TaskKind) {
		const [task] = await tx.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.kind, kind), eq(tasks.status, 'open'))).limit(1);
		return task;
	}

	async function nextNumber(tx: Db, at: number): Promise<string> {
		const year = Number(localDateText(at, settings.timeZone).slice(0, 4));
		const [counter] = await tx
			.insert(caseCounters)
			.values({ hotline, year, last: 1 })
			.onConflictDoUpdate({ target: [caseCounters.hotline, caseCounters.year], set: { last: sql`${caseCounters.last} + 1` } })
			.returning({ last: caseCounters.last });
		return `116-${year}-${String(counter.last).padStart(6, '0')}`;
	}

	function fieldsOf(input: Record<string, unknown>): Partial<CaseFields> {
		return parseCaseFields(input, { timeZone: settings.timeZone, now: now() });
	}

	// ---- partners ----
	async function seedPartners(): Promise<number> {
		const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(partners).where(eq(partners.hotline, hotline));
		if (Number(count) > 0) return 0;
		await db.insert(partners).values(SEED_PARTNERS.map((seed) => ({ hotline, kind: seed.kind, name: seed.name, expectedResponseMinutes: seed.minutes })));
		return SEED_PARTNERS.length;
	}

	async function listPartners(options: { activeOnly?: boolean } = {}): Promise<PartnerRow[]> {
		return db
			.select()
			.from(partners)
			.where(and(eq(partners.hotline, hotline), options.activeOnly ? eq(partners.active, true) : undefined))
			.orderBy(asc(partners.kind), asc(partners.name));
	}

	async function savePartner(actor: CaseActor, input: Record<string, unknown>): Promise<PartnerRow> {
		const kind = input.kind;
		if (typeof kind !== 'string' || !(PARTNER_KINDS as readonly string[]).includes(kind)) throw new CaseError('bad_value', 'kind');
		const minutes = Number(input.expectedResponseMinutes);
		if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60 * 24 * 30) throw new CaseError('bad_value', 'expectedResponseMinutes');
		const values = {
			kind,
			name: cleanText(input.name, 'name', TEXT_LIMITS.name, { required: true }),
			contactPerson: cleanText(input.contactPerson, 'contactPerson', TEXT_LIMITS.name),
			phone: cleanText(input.phone, 'phone', TEXT_LIMITS.short),
			email: cleanText(input.email, 'email', TEXT_LIMITS.short),
			notes: cleanText(input.notes, 'notes', TEXT_LIMITS.long),
			expectedResponseMinutes: minutes
		};
		const id = typeof input.id === 'string' && input.id ? input.id : null;
		let row: PartnerRow | undefined;
		if (id) {
			if (!/^[0-9a-f-]{36}$/i.test(id)) throw new CaseError('not_found');
			[row] = await db.update(partners).set(values).where(and(eq(partners.id, id), eq(partners.hotline, hotline))).returning();
			if (!row) throw new CaseError('not_found');
		} else {
			[row] = await db.insert(partners).values({ ...values, hotline }).returning();
		}
		await audit(actor, id ? 'partner.update' : 'partner.create', row.name, { partnerId: row.id, kind });
		return row;
	}

	async function setPartnerActive(actor: CaseActor, id: string, active: boolean): Promise<void> {
		if (!/^[0-9a-f-]{36}$/i.test(id)) throw new CaseError('not_found');
		const [row] = await db.update(partners).set({ active }).where(and(eq(partners.id, id), eq(partners.hotline, hotline))).returning();
		if (!row) throw new CaseError('not_found');
		await audit(actor, active ? 'partner.activate' : 'partner.deactivate', row.name, { partnerId: id });
	}

	// ---- cases ----
	/**
	 * Opens a case from the fields given (missing type required). Optionally links the call it came
	 * from and the child's earlier case (a repeat episode). Adds the "call the parent back" task.
	 */
	async function createCase(actor: CaseActor, input: Record<string, unknown>, options: { callId?: string; earlierCase?: string } = {}): Promise<CaseRow> {
		const fields = fieldsOf(input);
		if (!fields.missingType) throw new CaseError('required', 'missingType');
		const status: CaseStatus = input.status === 'search_active' ? 'search_active' : 'reported';
		const at = now();
		const created = await db.transaction(async (tx) => {
			let childId: string | undefined;
			if (options.earlierCase) {
				const earlier = /^116-/.test(options.earlierCase) ? await caseByNumber(tx, options.earlierCase) : await caseById(tx, options.earlierCase);
				childId = earlier.childId;
			}
			const number = await nextNumber(tx, at);
			const [row] = await tx
				.insert(cases)
				.values({
					...fields,
					priority: fields.priority ?? 'normal',
					missingType: fields.missingType!,
					hotline,
					number,
					childId: childId ?? crypto.randomUUID(),
					status,
					reportedAt: fields.reportedAt ?? new Date(at),
					assignedTo: actor.id,
					createdBy: actor.id,
					createdAt: new Date(at),
					updatedAt: new Date(at)
				})
				.returning();
			const historyId = await history(tx, row.id, actor, 'opened', { status, missingType: row.missingType, priority: row.priority, episodeOf: options.earlierCase ?? null });
			await emit(tx, row, 'case.opened', `h${historyId}`);
			if (options.callId) await linkCallIn(tx, row, options.callId, actor, [], '');
			await addTask(tx, row, 'callback_parent', actor.id, actor);
			if (status === 'search_active') await addTask(tx, row, 'police_check', actor.id, actor);
			return row;
		});
		await audit(actor, 'case.create', created.number, { caseId: created.id, callId: options.callId ?? null });
		flushSoon();
		return created;
	}

	/** Changes the fields given, if the case is still at `version` (no lost update). */
	async function updateCase(actor: CaseActor, number: string, version: number | undefined, input: Record<string, unknown>): Promise<CaseRow> {
		const given = fieldsOf(input);
		let changed: string[] = [];
		const updated = await db.transaction(async (tx) => {
			const row = await caseByNumber(tx, number);
			// Only what differs from the stored case is written down as changed.
			const same = (name: string, value: unknown) => {
				const stored = (row as Record<string, unknown>)[name];
				if (value instanceof Date || stored instanceof Date) return (value as Date | null)?.getTime?.() === (stored as Date | null)?.getTime?.() || (value === null && stored === null);
				return JSON.stringify(value) === JSON.stringify(stored);
			};
			const fields = Object.fromEntries(Object.entries(given).filter(([name, value]) => !same(name, value))) as typeof given;
			changed = Object.keys(fields);
			const next = await bump(tx, row, version, fields);
			if (changed.length) await history(tx, row.id, actor, 'updated', { fields: changed });
			if (fields.priority)
				await emit(tx, next, 'case.status_changed', `p${next.version}`, { fromStatus: row.status });
			return next;
		});
		await audit(actor, 'case.update', number, { fields: changed });
		flushSoon();
		return updated;
	}

	/** Moves a case along the status graph; stops clocks, adds or closes follow-ups as the status implies. */
	async function changeStatus(actor: CaseActor, number: string, version: number | undefined, to: string, noteText?: string): Promise<CaseRow> {
		if (!(CASE_STATUSES as readonly string[]).includes(to)) throw new CaseError('bad_value', 'status');
		const target = to as CaseStatus;
		const note = cleanText(noteText, 'note', TEXT_LIMITS.long);
		const at = now();
		const updated = await db.transaction(async (tx) => {
			const row = await caseByNumber(tx, number);
			const from = row.status as CaseStatus;
			if (!canMove(from, target)) throw new CaseError('bad_transition', 'status');
			const changes: Partial<typeof cases.$inferInsert> = { status: target };
			const located = LOCATED_STATUSES.includes(target);
			if (located && !row.locatedAt) changes.locatedAt = new Date(at);
			if (target === 'closed') changes.closedAt = new Date(at);
			if (from === 'closed') changes.closedAt = null;
			if (from === 'closed' || SEARCH_STATUSES.includes(target)) changes.locatedAt = null;
			const next = await bump(tx, row, version, changes);
			const historyId = await history(tx, row.id, actor, 'status', { from, to: target, note });
			if (note) await tx.insert(caseNotes).values({ caseId: row.id, text: note, authorId: actor.id, author: actor.name, createdAt: new Date(at) });
			const reportedMs = row.reportedAt.getTime();
			await emit(tx, next, 'case.status_changed', `h${historyId}`, { fromStatus: from, durationSeconds: seconds(reportedMs, at) });
			if (located && !row.locatedAt) {
				await emit(tx, next, 'case.located', `h${historyId}-located`, {
					fromStatus: from,
					durationSeconds: seconds(reportedMs, at),
					...(row.lastSeenAt ? { sinceLastSeenSeconds: seconds(row.lastSeenAt.getTime(), at) } : {})
				});
			}
			if (target === 'closed') await emit(tx, next, 'case.closed', `h${historyId}-closed`, { fromStatus: from, durationSeconds: seconds(reportedMs, at) });
			// Follow-ups the new status implies.
			if (target === 'search_active' && !(await openTaskOfKind(tx, row.id, 'police_check'))) await addTask(tx, next, 'police_check', row.assignedTo ?? actor.id, actor);
			if (located || target === 'closed' || target === 'not_missing_child' || target === 'transferred_abroad') {
				const cancelled = await tx
					.update(tasks)
					.set({ status: 'cancelled', doneAt: new Date(at), doneBy: actor.id })
					.where(and(eq(tasks.caseId, row.id), eq(tasks.kind, 'police_check'), eq(tasks.status, 'open')))
					.returning({ id: tasks.id });
				for (const task of cancelled) await history(tx, row.id, actor, 'task_cancelled', { taskId: task.id, kind: 'police_check' });
			}
			if (located && !(await openTaskOfKind(tx, row.id, 'return_interview'))) await addTask(tx, next, 'return_interview', row.assignedTo ?? actor.id, actor);
			// A closed case leaves nothing to follow up.
			if (target === 'closed') {
				const cancelled = await tx
					.update(tasks)
					.set({ status: 'cancelled', doneAt: new Date(at), doneBy: actor.id })
					.where(and(eq(tasks.caseId, row.id), eq(tasks.status, 'open')))
					.returning({ id: tasks.id, kind: tasks.kind });
				for (const task of cancelled) await history(tx, row.id, actor, 'task_cancelled', { taskId: task.id, kind: task.kind });
			}
			return next;
		});
		await audit(actor, 'case.status', number, { to: target });
		flushSoon();
		return updated;
	}

	async function assign(actor: CaseActor, number: string, version: number | undefined, userId: string | null): Promise<CaseRow> {
		if (userId !== null) {
			if (!/^[0-9a-f-]{36}$/i.test(userId)) throw new CaseError('bad_value', 'assignedTo');
			const [user] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, userId), isNull(users.disabledAt))).limit(1);
			if (!user) throw new CaseError('bad_value', 'assignedTo');
		}
		const updated = await db.transaction(async (tx) => {
			const row = await caseByNumber(tx, number);
			const next = await bump(tx, row, version, { assignedTo: userId });
			await history(tx, row.id, actor, 'assigned', { userId });
			return next;
		});
		await audit(actor, 'case.assign', number, { userId });
		flushSoon();
		return updated;
	}

	async function addNote(actor: CaseActor, number: string, text: string): Promise<void> {
		const clean = cleanText(text, 'note', TEXT_LIMITS.long, { required: true });
		await db.transaction(async (tx) => {
			const row = await caseByNumber(tx, number);
			const [note] = await tx.insert(caseNotes).values({ caseId: row.id, text: clean, authorId: actor.id, author: actor.displayName || actor.name, createdAt: new Date(now()) }).returning();
			await history(tx, row.id, actor, 'note', { noteId: note.id });
			await tx.update(cases).set({ updatedAt: new Date(now()) }).where(eq(cases.id, row.id));
		});
		await audit(actor, 'case.note', number);
		flushSoon();
	}

	async function addPerson(actor: CaseActor, number: string, input: Record<string, unknown>): Promise<void> {
		const role = input.role;
		if (typeof role !== 'string' || !(PERSON_ROLES_ON_CASE as readonly string[]).includes(role)) throw new CaseError('bad_value', 'role');
		const values = {
			role,
			name: cleanText(input.name, 'name', TEXT_LIMITS.name, { required: true }),
			contact: cleanText(input.contact, 'contact', TEXT_LIMITS.short),
			notes: cleanText(input.notes, 'notes', TEXT_LIMITS.long)
		};
		await db.transaction(async (tx) => {
			const row = await caseByNumber(tx, number);
			const [person] = await tx.insert(casePersons).values({ ...values, caseId: row.id }).returning();
			await history(tx, row.id, actor, 'person', { personId: person.id, role });
		});
		await audit(actor, 'case.person', number, { role });
	}

	async function removePerson(actor: CaseActor, number: string, personId: string): Promise<void> {
		await db.transaction(async (tx) => {
			const row = await caseByNumber(tx, number);
			if (!/^[0-9a-f-]{36}$/i.test(personId)) throw new CaseError('not_found');
			const removed = await tx.delete(casePersons).where(and(eq(casePersons.id, personId), eq(casePersons.caseId, row.id))).returning();
			if (!removed.length) throw new CaseError('not_found');
			await history(tx, row.id, actor, 'person_removed', { role: removed[0].role });
		});
		await audit(actor, 'case.person.remove', number);
	}

	async function addFile(actor: CaseActor, number: string, kind: FileKind, filename: string, content: Uint8Array): Promise<string> {
		const file = checkFile(kind, filename, content);
		const id = await db.transaction(async (tx) => {
			const row = await caseByNumber(tx, number);
			const [stored] = await tx
				.insert(caseFiles)
				.values({ caseId: row.id, kind: file.kind, filename: file.filename, mime: file.mime, size: file.content.byteLength, content: file.content, uploadedBy: actor.id })
				.returning({ id: caseFiles.id });
			await history(tx, row.id, actor, 'file', { fileId: stored.id, kind, filename: file.filename, size: file.content.byteLength });
			return stored.id;
		});
		await audit(actor, 'case.file.add', number, { kind, size: file.content.byteLength });
		return id;
	}

	/** A file's bytes for a person allowed to read the case (audited). */
	async function readFile(actor: CaseActor, number: string, fileId: string) {
		if (!/^[0-9a-f-]{36}$/i.test(fileId)) throw new CaseError('not_found');
		const row = await caseByNumber(db, number);
		const [file] = await db.select().from(caseFiles).where(and(eq(caseFiles.id, fileId), eq(caseFiles.caseId, row.id))).limit(1);
		if (!file) throw new CaseError('not_found');
		await audit(actor, 'case.file.read', number, { fileId, kind: file.kind });
		return file;
	}

	async function linkCallIn(tx: Db, row: CaseRow, callId: string, actor: CaseActor, classes: string[], outcome: string) {
		const inserted = await tx
			.insert(caseCalls)
			.values({ caseId: row.id, callId, classes, outcome, linkedBy: actor.id, linkedAt: new Date(now()) })
			.onConflictDoNothing()
			.returning();
		if (inserted.length) await history(tx, row.id, actor, 'call', { callId, classes, outcome });
	}

	async function linkCall(actor: CaseActor, number: string, callId: string, classes: string[] = [], outcome = ''): Promise<CaseRow> {
		if (!/^[\x21-\x7e]{1,128}$/.test(callId)) throw new CaseError('bad_value', 'callId');
		const row = await db.transaction(async (tx) => {
			const found = await caseByNumber(tx, number);
			await linkCallIn(tx, found, callId, actor, classes, cleanText(outcome, 'outcome', TEXT_LIMITS.short));
			await tx.update(cases).set({ updatedAt: new Date(now()) }).where(eq(cases.id, found.id));
			return found;
		});
		await audit(actor, 'case.call.link', number, { callId });
		flushSoon();
		return row;
	}

	/** Marks this case as a further episode of the same child as `earlierNumber`. */
	async function linkEpisode(actor: CaseActor, number: string, earlierNumber: string): Promise<void> {
		await db.transaction(async (tx) => {
			const row = await caseByNumber(tx, number);
			const earlier = await caseByNumber(tx, earlierNumber.trim());
			if (earlier.id === row.id) throw new CaseError('same_case', 'earlier');
			if (earlier.childId === row.childId) return;
			// Every episode of this child joins the earlier child's episodes.
			const moved = await tx.update(cases).set({ childId: earlier.childId, updatedAt: new Date(now()) }).where(eq(cases.childId, row.childId)).returning();
			await history(tx, row.id, actor, 'episode', { earlier: earlier.number });
			await history(tx, earlier.id, actor, 'episode', { later: row.number });
			for (const episode of moved) await emit(tx, episode, 'case.status_changed', `e${Date.now()}-${episode.version}`, { fromStatus: episode.status });
		});
		await audit(actor, 'case.episode.link', number, { earlier: earlierNumber });
		flushSoon();
	}

	/**
	 * Cases not linked to this one that may be the same child: the same given and family name
	 * (folded: case, ë/e, ç/c) and ages that agree (within a year; an unknown age agrees). People
	 * decide and link them; at most 5, newest first.
	 */
	async function episodeSuggestions(row: CaseRow) {
		const given = fold(row.childGivenName.trim());
		const family = fold(row.childFamilyName.trim());
		if (!given || !family) return [];
		const candidates = await db
			.select({
				number: cases.number,
				status: cases.status,
				missingType: cases.missingType,
				reportedAt: cases.reportedAt,
				childGivenName: cases.childGivenName,
				childFamilyName: cases.childFamilyName,
				childBirthDate: cases.childBirthDate,
				childAge: cases.childAge
			})
			.from(cases)
			.where(
				and(
					eq(cases.hotline, hotline),
					ne(cases.childId, row.childId),
					sql`${foldSql(sql`trim(${cases.childGivenName})`)} = ${given}`,
					sql`${foldSql(sql`trim(${cases.childFamilyName})`)} = ${family}`
				)
			)
			.orderBy(desc(cases.reportedAt))
			.limit(50);
		const window = birthWindow(row);
		return candidates
			.filter((candidate) => agesAgree(window, birthWindow(candidate)))
			.slice(0, 5)
			.map((candidate) => ({
				number: candidate.number,
				status: candidate.status,
				missingType: candidate.missingType,
				reportedAt: candidate.reportedAt,
				childName: `${candidate.childGivenName} ${candidate.childFamilyName}`.trim(),
				age: childAge(candidate, new Date(now()))
			}));
	}

	/** The whole case for a person allowed to read it; the read is audited. */
	async function getCase(actor: CaseActor, number: string, options: { view?: string } = {}) {
		const row = await caseByNumber(db, number);
		const [persons, calls, notes, files, referralRows, taskRows, historyRows, episodes, assignee, possibleEpisodes] = await Promise.all([
			db.select().from(casePersons).where(eq(casePersons.caseId, row.id)).orderBy(asc(casePersons.createdAt)),
			db.select().from(caseCalls).where(eq(caseCalls.caseId, row.id)).orderBy(asc(caseCalls.linkedAt)),
			db.select().from(caseNotes).where(eq(caseNotes.caseId, row.id)).orderBy(asc(caseNotes.createdAt)),
			db
				.select({ id: caseFiles.id, kind: caseFiles.kind, filename: caseFiles.filename, mime: caseFiles.mime, size: caseFiles.size, createdAt: caseFiles.createdAt })
				.from(caseFiles)
				.where(eq(caseFiles.caseId, row.id))
				.orderBy(asc(caseFiles.createdAt)),
			db
				.select({ referral: referrals, partner: { id: partners.id, name: partners.name, kind: partners.kind, expectedResponseMinutes: partners.expectedResponseMinutes } })
				.from(referrals)
				.innerJoin(partners, eq(partners.id, referrals.partnerId))
				.where(eq(referrals.caseId, row.id))
				.orderBy(asc(referrals.sentAt)),
			db
				.select({ task: tasks, ownerName: users.displayName })
				.from(tasks)
				.leftJoin(users, eq(users.id, tasks.ownerId))
				.where(eq(tasks.caseId, row.id))
				.orderBy(asc(tasks.dueAt)),
			db.select().from(caseHistory).where(eq(caseHistory.caseId, row.id)).orderBy(asc(caseHistory.id)),
			db
				.select({ number: cases.number, status: cases.status, reportedAt: cases.reportedAt, missingType: cases.missingType })
				.from(cases)
				.where(and(eq(cases.childId, row.childId), ne(cases.id, row.id)))
				.orderBy(asc(cases.reportedAt)),
			row.assignedTo ? db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.id, row.assignedTo)).limit(1) : Promise.resolve([]),
			episodeSuggestions(row)
		]);
		const links = referralRows.length
			? await db
					.select({ id: partnerLinks.id, referralId: partnerLinks.referralId, expiresAt: partnerLinks.expiresAt, revokedAt: partnerLinks.revokedAt, createdAt: partnerLinks.createdAt, lastUsedAt: partnerLinks.lastUsedAt })
					.from(partnerLinks)
					.where(inArray(partnerLinks.referralId, referralRows.map((r) => r.referral.id)))
					.orderBy(asc(partnerLinks.createdAt))
			: [];
		await audit(actor, 'case.read', number, options.view ? { view: options.view } : undefined);
		const at = now();
		const age = childAge(row, new Date(at));
		const episode = 1 + episodes.filter((e) => e.reportedAt < row.reportedAt).length;
		const noteById = new Map(notes.map((note) => [note.id, note]));
		return {
			case: row,
			age,
			episode,
			assignee: assignee[0] ?? null,
			persons,
			calls,
			notes,
			files,
			referrals: referralRows.map(({ referral, partner }) => ({
				...referral,
				partner,
				overdue: OPEN_REFERRAL_STATUSES.includes(referral.status as ReferralStatus) && !referral.acknowledgedAt && referral.dueAt.getTime() < at,
				links: links.filter((link) => link.referralId === referral.id)
			})),
			tasks: taskRows.map(({ task, ownerName }) => ({ ...task, ownerName, overdue: task.status === 'open' && task.dueAt.getTime() < at })),
			timeline: historyRows.map((entry) => ({
				...entry,
				note: entry.kind === 'note' ? (noteById.get(String(entry.detail.noteId))?.text ?? '') : undefined
			})),
			episodes,
			/** Unlinked cases that may be the same child (episodeSuggestions). */
			possibleEpisodes,
			clocks: clocksOf(row, at)
		};
	}

	/** The case's clocks, seconds (null when a clock has not started or does not apply). */
	function clocksOf(row: CaseRow, at: number) {
		const end = row.locatedAt?.getTime() ?? at;
		return {
			sinceLastSeen: row.lastSeenAt ? seconds(row.lastSeenAt.getTime(), end) : null,
			sinceReport: seconds(row.reportedAt.getTime(), end),
			toPoliceReport: row.policeReportedAt ? seconds(row.reportedAt.getTime(), row.policeReportedAt.getTime()) : null,
			toLocated: row.locatedAt ? seconds(row.reportedAt.getTime(), row.locatedAt.getTime()) : null,
			running: !row.locatedAt && SEARCH_STATUSES.includes(row.status as CaseStatus)
		};
	}

	// Raw SQL parameters go to the driver as they are: postgres-js takes text, not Date, there.
	const overdueSql = (at: Date) => sql<boolean>`(exists (select 1 from ${tasks} where ${tasks.caseId} = ${cases.id} and ${tasks.status} = 'open' and ${tasks.dueAt} < ${at.toISOString()}::timestamptz)
		or exists (select 1 from ${referrals} where ${referrals.caseId} = ${cases.id} and ${referrals.status} in ('sent') and ${referrals.dueAt} < ${at.toISOString()}::timestamptz))`;

	const ageSql = sql<number | null>`coalesce(extract(year from age(${cases.reportedAt}, ${cases.childBirthDate}::timestamp))::int, ${cases.childAge})`;

	/** Cases matching a filter, newest first; the search is audited (it shows names). */
	async function listCases(actor: CaseActor | null, filter: CaseListFilter = {}): Promise<{ items: CaseListItem[]; total: number }> {
		const at = new Date(now());
		const conditions: (SQL | undefined)[] = [eq(cases.hotline, hotline)];
		if (filter.status?.length) conditions.push(inArray(cases.status, filter.status));
		if (filter.open) conditions.push(ne(cases.status, 'closed'));
		if (filter.missingType) conditions.push(eq(cases.missingType, filter.missingType));
		if (filter.priority) conditions.push(eq(cases.priority, filter.priority));
		if (filter.area) conditions.push(eq(cases.area, filter.area));
		if (filter.assignedTo) conditions.push(eq(cases.assignedTo, filter.assignedTo));
		if (filter.unassigned) conditions.push(isNull(cases.assignedTo));
		if (filter.from) conditions.push(gte(cases.reportedAt, filter.from));
		if (filter.to) conditions.push(lt(cases.reportedAt, filter.to));
		if (filter.overdue) conditions.push(overdueSql(at));
		if (filter.ageBand) {
			const bands: Record<AgeBand, SQL> = {
				'0-5': sql`${ageSql} <= 5`,
				'6-12': sql`${ageSql} between 6 and 12`,
				'13-15': sql`${ageSql} between 13 and 15`,
				'16-17': sql`${ageSql} between 16 and 17`,
				'18+': sql`${ageSql} >= 18`,
				unknown: sql`${ageSql} is null`
			};
			conditions.push(bands[filter.ageBand]);
		}
		const q = filter.q?.trim();
		if (q) {
			const pattern = likePattern(q);
			conditions.push(
				or(
					sql`${foldSql(sql`${cases.childGivenName} || ' ' || ${cases.childFamilyName} || ' ' || ${cases.childOtherNames}`)} like ${pattern}`,
					sql`${foldSql(sql`${cases.childFamilyName} || ' ' || ${cases.childGivenName}`)} like ${pattern}`,
					sql`${foldSql(sql`${cases.reporterName}`)} like ${pattern}`,
					sql`${cases.number} like ${pattern}`,
					sql`${foldSql(sql`${cases.policeReference}`)} like ${pattern}`,
					sql`${foldSql(sql`${cases.childDescription} || ' ' || ${cases.circumstances} || ' ' || ${cases.lastSeenPlace}`)} like ${pattern}`,
					sql`exists (select 1 from ${caseNotes} where ${caseNotes.caseId} = ${cases.id} and ${foldSql(sql`${caseNotes.text}`)} like ${pattern})`,
					sql`exists (select 1 from ${casePersons} where ${casePersons.caseId} = ${cases.id} and ${foldSql(sql`${casePersons.name}`)} like ${pattern})`
				)
			);
		}
		const where = and(...conditions);
		const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
		const [rows, [{ total }]] = await Promise.all([
			db
				.select({
					id: cases.id,
					number: cases.number,
					status: cases.status,
					missingType: cases.missingType,
					priority: cases.priority,
					given: cases.childGivenName,
					family: cases.childFamilyName,
					age: ageSql,
					area: cases.area,
					reportedAt: cases.reportedAt,
					lastSeenAt: cases.lastSeenAt,
					assignedTo: cases.assignedTo,
					assignedName: users.displayName,
					overdue: overdueSql(at),
					updatedAt: cases.updatedAt
				})
				.from(cases)
				.leftJoin(users, eq(users.id, cases.assignedTo))
				.where(where)
				.orderBy(desc(cases.reportedAt))
				.limit(limit)
				.offset(Math.max(filter.offset ?? 0, 0)),
			db.select({ total: sql<number>`count(*)::int` }).from(cases).where(where)
		]);
		if (actor) await audit(actor, 'case.search', q ? 'text search' : 'list', { filter: { ...filter, q: q ? `${q.length} characters` : undefined }, results: rows.length });
		return {
			total: Number(total),
			items: rows.map((row) => ({
				id: row.id,
				number: row.number,
				status: row.status,
				missingType: row.missingType,
				priority: row.priority,
				childName: `${row.given} ${row.family}`.trim(),
				age: row.age === null ? null : Number(row.age),
				area: row.area,
				reportedAt: row.reportedAt,
				lastSeenAt: row.lastSeenAt,
				assignedTo: row.assignedTo,
				assignedName: row.assignedName,
				overdue: !!row.overdue,
				updatedAt: row.updatedAt
			}))
		};
	}

	// ---- referrals and partner links ----
	async function addReferral(
		actor: CaseActor,
		number: string,
		input: { partnerId: string; action: string; request?: string; consent?: boolean; dueMinutes?: number }
	): Promise<ReferralRow> {
		if (!(REFERRAL_ACTIONS as readonly string[]).includes(input.action)) throw new CaseError('bad_value', 'action');
		const action = input.action as ReferralAction;
		if (!/^[0-9a-f-]{36}$/i.test(input.partnerId ?? '')) throw new CaseError('bad_value', 'partnerId');
		const request = cleanText(input.request, 'request', TEXT_LIMITS.long);
		if (action === 'publicity_appeal' && !input.consent) throw new CaseError('consent_required', 'consent');
		if (input.dueMinutes !== undefined && (!Number.isInteger(input.dueMinutes) || input.dueMinutes < 1 || input.dueMinutes > 60 * 24 * 90)) throw new CaseError('bad_value', 'dueMinutes');
		const at = now();
		const referral = await db.transaction(async (tx) => {
			const row = await caseByNumber(tx, number);
			const [partner] = await tx.select().from(partners).where(and(eq(partners.id, input.partnerId), eq(partners.hotline, hotline))).limit(1);
			if (!partner) throw new CaseError('bad_value', 'partnerId');
			if (!partner.active) throw new CaseError('partner_inactive', 'partnerId');
			const dueAt = new Date(at + (input.dueMinutes ?? partner.expectedResponseMinutes) * 60_000);
			const [created] = await tx
				.insert(referrals)
				.values({ caseId: row.id, partnerId: partner.id, action, status: 'sent', request, consent: !!input.consent, sentAt: new Date(at), dueAt, statusChangedAt: new Date(at), createdBy: actor.id })
				.returning();
			const historyId = await history(tx, row.id, actor, 'referral', { referralId: created.id, action, partner: partner.name, partnerKind: partner.kind, dueAt: dueAt.toISOString() });
			if (action === 'report_missing' && !row.policeReportedAt && (partner.kind === 'state_police' || partner.kind === 'emergency_services')) {
				await bump(tx, row, undefined, { policeReportedAt: new Date(at) });
			}
			const fresh = await caseById(tx, row.id);
			await emit(tx, fresh, 'case.referred', `h${historyId}`, { partner: partner.kind, action, referralId: created.id, expectedSeconds: partner.expectedResponseMinutes * 60 });
			return created;
		});
		await audit(actor, 'case.referral', number, { referralId: referral.id, action });
		flushSoon();
		return referral;
	}

	/**
	 * A referral moves on: by staff (recording what the partner said, or revoking) or by the partner
	 * through a link. The first answer from the partner is a partner_responded fact with its clock.
	 */
	async function updateReferral(actor: CaseActor, referralId: string, status: string, text: string | undefined, via: 'staff' | 'link', expectedVersion?: number): Promise<ReferralRow> {
		if (!(REFERRAL_GRAPH as Record<string, unknown>)[status]) throw new CaseError('bad_value', 'status');
		if (via === 'link' && !PARTNER_ANSWERS.includes(status as ReferralStatus)) throw new CaseError('bad_value', 'status');
		if (!/^[0-9a-f-]{36}$/i.test(referralId)) throw new CaseError('not_found');
		const answer = cleanText(text, 'answer', TEXT_LIMITS.long);
		// A partner who finishes or refuses says what came of it, or why.
		if (via === 'link' && (status === 'done' || status === 'rejected') && !answer) throw new CaseError('required', 'answer');
		const at = now();
		const { updated, number } = await db.transaction(async (tx) => {
			const [found] = await tx
				.select({ referral: referrals, partner: partners, caseRow: cases })
				.from(referrals)
				.innerJoin(partners, eq(partners.id, referrals.partnerId))
				.innerJoin(cases, eq(cases.id, referrals.caseId))
				.where(and(eq(referrals.id, referralId), eq(cases.hotline, hotline)))
				.limit(1);
			if (!found) throw new CaseError('not_found');
			const { referral, partner, caseRow } = found;
			if (!REFERRAL_GRAPH[referral.status as ReferralStatus].includes(status as ReferralStatus)) {
				throw new CaseError(REFERRAL_GRAPH[referral.status as ReferralStatus].length ? 'bad_transition' : 'referral_closed', 'status');
			}
			const finished = status === 'done' || status === 'rejected' || status === 'revoked';
			const firstAnswer = !referral.acknowledgedAt && status !== 'revoked';
			const [next] = await tx
				.update(referrals)
				.set({
					status,
					statusChangedAt: new Date(at),
					acknowledgedAt: firstAnswer ? new Date(at) : referral.acknowledgedAt,
					finishedAt: finished ? new Date(at) : referral.finishedAt,
					version: sql`${referrals.version} + 1`
				})
				.where(and(eq(referrals.id, referral.id), eq(referrals.version, expectedVersion ?? referral.version)))
				.returning();
			if (!next) throw new CaseError('conflict');
			const historyId = await history(tx, caseRow.id, actor, via === 'link' ? 'partner_answer' : 'referral_status', {
				referralId: referral.id,
				partner: partner.name,
				action: referral.action,
				from: referral.status,
				to: status,
				answer
			});
			if (status === 'revoked') await tx.update(partnerLinks).set({ revokedAt: new Date(at) }).where(and(eq(partnerLinks.referralId, referral.id), isNull(partnerLinks.revokedAt)));
			if (firstAnswer)
				await emit(tx, caseRow, 'case.partner_responded', `h${historyId}`, {
					partner: partner.kind,
					action: referral.action,
					referralId: referral.id,
					status,
					durationSeconds: seconds(referral.sentAt.getTime(), at),
					expectedSeconds: partner.expectedResponseMinutes * 60
				});
			await tx.update(cases).set({ updatedAt: new Date(at) }).where(eq(cases.id, caseRow.id));
			return { updated: next, number: caseRow.number };
		});
		await audit(actor, via === 'link' ? 'partner_link.answer' : 'case.referral.status', number, { referralId, status });
		flushSoon();
		return updated;
	}

	const tokenHash = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

	/** A signed, expiring link for one referral; the token is returned once and stored hashed. */
	async function createPartnerLink(actor: CaseActor, referralId: string, hours = settings.linkHours): Promise<{ token: string; expiresAt: Date }> {
		if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) throw new CaseError('bad_value', 'hours');
		if (!/^[0-9a-f-]{36}$/i.test(referralId)) throw new CaseError('not_found');
		const bytes = crypto.getRandomValues(new Uint8Array(20));
		const token = encodeBase32LowerCaseNoPadding(bytes);
		const expiresAt = new Date(now() + hours * HOUR_MS);
		const number = await db.transaction(async (tx) => {
			const [found] = await tx
				.select({ referral: referrals, caseRow: cases })
				.from(referrals)
				.innerJoin(cases, eq(cases.id, referrals.caseId))
				.where(and(eq(referrals.id, referralId), eq(cases.hotline, hotline)))
				.limit(1);
			if (!found) throw new CaseError('not_found');
			if (!OPEN_REFERRAL_STATUSES.includes(found.referral.status as ReferralStatus)) throw new CaseError('referral_closed', 'referral');
			const [link] = await tx.insert(partnerLinks).values({ referralId, tokenHash: tokenHash(token), expiresAt, createdBy: actor.id }).returning({ id: partnerLinks.id });
			await history(tx, found.caseRow.id, actor, 'link', { referralId, linkId: link.id, expiresAt: expiresAt.toISOString() });
			return found.caseRow.number;
		});
		await audit(actor, 'partner_link.create', number, { referralId, expiresAt: expiresAt.toISOString() });
		return { token, expiresAt };
	}

	async function revokePartnerLink(actor: CaseActor, linkId: string): Promise<void> {
		if (!/^[0-9a-f-]{36}$/i.test(linkId)) throw new CaseError('not_found');
		const number = await db.transaction(async (tx) => {
			const [found] = await tx
				.select({ link: partnerLinks, caseRow: cases })
				.from(partnerLinks)
				.innerJoin(referrals, eq(referrals.id, partnerLinks.referralId))
				.innerJoin(cases, eq(cases.id, referrals.caseId))
				.where(and(eq(partnerLinks.id, linkId), eq(cases.hotline, hotline)))
				.limit(1);
			if (!found) throw new CaseError('not_found');
			if (!found.link.revokedAt) {
				await tx.update(partnerLinks).set({ revokedAt: new Date(now()) }).where(eq(partnerLinks.id, linkId));
				await history(tx, found.caseRow.id, actor, 'link_revoked', { referralId: found.link.referralId, linkId });
			}
			return found.caseRow.number;
		});
		await audit(actor, 'partner_link.revoke', number, { linkId });
	}

	/** Resolves a partner link, or throws link_unknown / link_expired / link_revoked. Not audited here. */
	async function resolveLink(token: string) {
		if (!/^[a-z2-7]{32}$/.test(token)) throw new CaseError('link_unknown');
		const [found] = await db
			.select({ link: partnerLinks, referral: referrals, partner: partners, caseRow: cases })
			.from(partnerLinks)
			.innerJoin(referrals, eq(referrals.id, partnerLinks.referralId))
			.innerJoin(partners, eq(partners.id, referrals.partnerId))
			.innerJoin(cases, eq(cases.id, referrals.caseId))
			.where(and(eq(partnerLinks.tokenHash, tokenHash(token)), eq(cases.hotline, hotline)))
			.limit(1);
		if (!found) throw new CaseError('link_unknown');
		if (found.link.revokedAt || found.referral.status === 'revoked') throw new CaseError('link_revoked');
		if (found.link.expiresAt.getTime() <= now()) throw new CaseError('link_expired');
		// A finished referral's link shows the child's data only a little longer (to read the answer back).
		if (found.referral.finishedAt && found.referral.finishedAt.getTime() + FINISHED_LINK_GRACE_MS <= now()) throw new CaseError('link_expired');
		return found;
	}

	const linkActor = (partner: PartnerRow, address?: string): CaseActor => ({ id: null, name: `partner link · ${partner.name}`, address });

	/**
	 * What a partner sees through a link: one action of one case, and only the sections that action
	 * needs (ACTION_SECTIONS). Every opening is audited under the partner's name.
	 */
	async function openPartnerLink(token: string, address?: string) {
		const { link, referral, partner, caseRow } = await resolveLink(token);
		const sections = ACTION_SECTIONS[referral.action as ReferralAction];
		const photos = sections.includes('photos')
			? await db
					.select({ id: caseFiles.id, filename: caseFiles.filename })
					.from(caseFiles)
					.where(and(eq(caseFiles.caseId, caseRow.id), eq(caseFiles.kind, 'photo')))
					.orderBy(asc(caseFiles.createdAt))
			: [];
		await db.update(partnerLinks).set({ lastUsedAt: new Date(now()) }).where(eq(partnerLinks.id, link.id));
		await audit(linkActor(partner, address), 'partner_link.open', caseRow.number, { referralId: referral.id });
		// The partner's own answers to this referral (never the rest of the timeline).
		const answers = (
			await db
				.select({ at: caseHistory.at, detail: caseHistory.detail })
				.from(caseHistory)
				.where(and(eq(caseHistory.caseId, caseRow.id), eq(caseHistory.kind, 'partner_answer'), sql`${caseHistory.detail}->>'referralId' = ${referral.id}`))
				.orderBy(asc(caseHistory.id))
		).map((entry) => ({ at: entry.at, status: String(entry.detail.to ?? ''), text: String(entry.detail.answer ?? '') }));
		const age = childAge(caseRow, new Date(now()));
		const has = (section: (typeof sections)[number]) => sections.includes(section);
		return {
			caseNumber: caseRow.number,
			expiresAt: link.expiresAt,
			partner: { name: partner.name, kind: partner.kind },
			referral: { id: referral.id, action: referral.action, status: referral.status, request: referral.request, sentAt: referral.sentAt, dueAt: referral.dueAt, version: referral.version },
			answers,
			sections,
			child: has('child')
				? {
						givenName: caseRow.childGivenName,
						familyName: caseRow.childFamilyName,
						otherNames: caseRow.childOtherNames,
						age,
						sex: caseRow.childSex,
						nationality: caseRow.childNationality,
						languages: caseRow.childLanguages
					}
				: null,
			birthDate: has('birth') ? caseRow.childBirthDate : null,
			description: has('description') ? caseRow.childDescription : null,
			photos,
			disappearance: has('disappearance')
				? { lastSeenAt: caseRow.lastSeenAt, lastSeenPlace: caseRow.lastSeenPlace, circumstances: caseRow.circumstances, missingType: caseRow.missingType }
				: null,
			police: has('police') ? { reference: caseRow.policeReference, reportedAt: caseRow.policeReportedAt } : null
		};
	}

	async function answerPartnerLink(token: string, status: string, text: string | undefined, address?: string, version?: number) {
		const { referral, partner } = await resolveLink(token);
		return updateReferral(linkActor(partner, address), referral.id, status, text, 'link', version);
	}

	/** A photo through a partner link (only for actions that show photos); audited. */
	async function partnerLinkFile(token: string, fileId: string, address?: string) {
		const { referral, partner, caseRow } = await resolveLink(token);
		if (!ACTION_SECTIONS[referral.action as ReferralAction].includes('photos') || !/^[0-9a-f-]{36}$/i.test(fileId)) throw new CaseError('not_found');
		const [file] = await db
			.select()
			.from(caseFiles)
			.where(and(eq(caseFiles.id, fileId), eq(caseFiles.caseId, caseRow.id), eq(caseFiles.kind, 'photo')))
			.limit(1);
		if (!file) throw new CaseError('not_found');
		await audit(linkActor(partner, address), 'partner_link.file', caseRow.number, { fileId });
		return file;
	}

	// ---- tasks ----
	async function createTask(actor: CaseActor, number: string, input: { kind: string; title?: string; dueAt?: unknown; ownerId?: string | null }) {
		if (!(TASK_KINDS as readonly string[]).includes(input.kind)) throw new CaseError('bad_value', 'kind');
		const title = cleanText(input.title, 'title', TEXT_LIMITS.short, { required: input.kind === 'other' });
		let dueAt: Date | undefined;
		if (typeof input.dueAt === 'string' && input.dueAt) {
			// Due times are in the future: parse without the "not ahead of now" rule.
			const parsed = parseMoment(input.dueAt, 'dueAt', settings.timeZone, Number.MAX_SAFE_INTEGER);
			if (parsed) dueAt = parsed;
		}
		const ownerId = input.ownerId || actor.id;
		if (ownerId && !/^[0-9a-f-]{36}$/i.test(ownerId)) throw new CaseError('bad_value', 'ownerId');
		const task = await db.transaction(async (tx) => {
			const row = await caseByNumber(tx, number);
			return addTask(tx, row, input.kind as TaskKind, ownerId, actor, { dueAt, title });
		});
		await audit(actor, 'case.task', number, { kind: input.kind });
		flushSoon();
		return task;
	}

	/** Marks a task done; a police check on a case still being searched for comes back in a day. */
	async function completeTask(actor: CaseActor, taskId: string): Promise<TaskRow> {
		if (!/^[0-9a-f-]{36}$/i.test(taskId)) throw new CaseError('not_found');
		const at = now();
		const { done, number } = await db.transaction(async (tx) => {
			const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).limit(1);
			if (!task) throw new CaseError('not_found');
			if (task.status !== 'open') return { done: task, number: null };
			const [done] = await tx.update(tasks).set({ status: 'done', doneAt: new Date(at), doneBy: actor.id }).where(and(eq(tasks.id, taskId), eq(tasks.status, 'open'))).returning();
			if (!done) throw new CaseError('conflict');
			let number: string | null = null;
			if (task.caseId) {
				const row = await caseById(tx, task.caseId);
				number = row.number;
				await history(tx, row.id, actor, 'task_done', { taskId, kind: task.kind, title: task.title });
				if (task.kind === 'police_check' && SEARCH_STATUSES.includes(row.status as CaseStatus)) await addTask(tx, row, 'police_check', task.ownerId, actor);
			}
			return { done, number };
		});
		await audit(actor, 'task.done', number ?? taskId, { taskId });
		flushSoon();
		return done;
	}

	/** Open tasks (with their case), for one owner or the whole team, soonest first. */
	async function listTasks(filter: { ownerId?: string; dueBefore?: Date } = {}) {
		const rows = await db
			.select({ task: tasks, caseNumber: cases.number, caseStatus: cases.status, casePriority: cases.priority, ownerName: users.displayName })
			.from(tasks)
			.leftJoin(cases, eq(cases.id, tasks.caseId))
			.leftJoin(users, eq(users.id, tasks.ownerId))
			.where(
				and(
					eq(tasks.status, 'open'),
					or(isNull(tasks.caseId), eq(cases.hotline, hotline)),
					filter.ownerId ? eq(tasks.ownerId, filter.ownerId) : undefined,
					filter.dueBefore ? lt(tasks.dueAt, filter.dueBefore) : undefined
				)
			)
			.orderBy(asc(tasks.dueAt))
			.limit(500);
		const at = now();
		return rows.map((row) => ({ ...row.task, caseNumber: row.caseNumber, caseStatus: row.caseStatus, casePriority: row.casePriority, ownerName: row.ownerName, overdue: row.task.dueAt.getTime() < at }));
	}

	/** Open referrals past their due time without an answer, oldest first. */
	async function overdueReferrals(filter: { assignedTo?: string } = {}) {
		const at = new Date(now());
		return db
			.select({ id: referrals.id, action: referrals.action, status: referrals.status, dueAt: referrals.dueAt, sentAt: referrals.sentAt, partnerName: partners.name, partnerKind: partners.kind, caseNumber: cases.number, casePriority: cases.priority })
			.from(referrals)
			.innerJoin(partners, eq(partners.id, referrals.partnerId))
			.innerJoin(cases, eq(cases.id, referrals.caseId))
			.where(and(eq(cases.hotline, hotline), eq(referrals.status, 'sent'), lt(referrals.dueAt, at), filter.assignedTo ? eq(cases.assignedTo, filter.assignedTo) : undefined))
			.orderBy(asc(referrals.dueAt))
			.limit(200);
	}

	/** The no-partner-action limits in force, minutes: the supervisors' rules, else the defaults. */
	async function alertRules(): Promise<{ high: number; critical: number; custom: boolean }> {
		const rows = await db.select().from(caseAlertRules).where(eq(caseAlertRules.hotline, hotline));
		const limits = { ...settings.noActionMinutes, custom: rows.length > 0 };
		for (const row of rows) if (row.priority === 'high' || row.priority === 'critical') limits[row.priority] = row.noActionMinutes;
		return limits;
	}

	/**
	 * Sets how long a high and a critical case may be searched for without a partner action before
	 * the wallboard raises them, in whole minutes (1 to a week). A critical case cannot wait longer
	 * than a high one. Audited; the alerts are evaluated again at once.
	 */
	async function saveAlertRules(actor: CaseActor, input: { high: unknown; critical: unknown }): Promise<{ high: number; critical: number }> {
		const minutes = (value: unknown, field: string) => {
			const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : typeof value === 'number' ? value : NaN;
			if (!Number.isInteger(number) || number < 1 || number > MAX_NO_ACTION_MINUTES) throw new CaseError('bad_value', field, MAX_NO_ACTION_MINUTES);
			return number;
		};
		const limits = { high: minutes(input.high, 'noActionHigh'), critical: minutes(input.critical, 'noActionCritical') };
		if (limits.critical > limits.high) throw new CaseError('critical_after_high', 'noActionCritical');
		const updatedAt = new Date(now());
		await db.transaction(async (tx) => {
			for (const priority of ['high', 'critical'] as const) {
				const values = { hotline, priority, noActionMinutes: limits[priority], updatedAt, updatedBy: actor.id };
				await tx.insert(caseAlertRules).values(values).onConflictDoUpdate({ target: [caseAlertRules.hotline, caseAlertRules.priority], set: values });
			}
		});
		await audit(actor, 'case_alert_rules.save', hotline, limits);
		deps.bus.emit('cases.changed', { at: now() });
		return limits;
	}

	/** Back to the default limits (DEFAULT_CASES_SETTINGS). Audited. */
	async function resetAlertRules(actor: CaseActor): Promise<void> {
		await db.delete(caseAlertRules).where(eq(caseAlertRules.hotline, hotline));
		await audit(actor, 'case_alert_rules.reset', hotline);
		deps.bus.emit('cases.changed', { at: now() });
	}

	/**
	 * Wallboard alerts: overdue tasks, overdue referrals, and high or critical cases still being
	 * searched for with no partner action after the limits of `alertRules`. Case numbers and codes
	 * only.
	 */
	async function alerts(): Promise<LiveCaseAlert[]> {
		const at = now();
		const limits = await alertRules();
		const atDate = new Date(at);
		const [overdueTasks, lateReferrals, unreferred] = await Promise.all([
			db
				.select({ id: tasks.id, kind: tasks.kind, dueAt: tasks.dueAt, caseNumber: cases.number, priority: cases.priority })
				.from(tasks)
				.innerJoin(cases, eq(cases.id, tasks.caseId))
				.where(and(eq(cases.hotline, hotline), eq(tasks.status, 'open'), lt(tasks.dueAt, atDate)))
				.orderBy(asc(tasks.dueAt))
				.limit(50),
			overdueReferrals(),
			db
				.select({ id: cases.id, number: cases.number, priority: cases.priority, reportedAt: cases.reportedAt, createdAt: cases.createdAt })
				.from(cases)
				.where(
					and(
						eq(cases.hotline, hotline),
						inArray(cases.priority, ['high', 'critical']),
						inArray(cases.status, [...SEARCH_STATUSES]),
						sql`not exists (select 1 from ${referrals} where ${referrals.caseId} = ${cases.id} and ${referrals.status} <> 'revoked')`
					)
				)
				.limit(50)
		]);
		const result: LiveCaseAlert[] = [];
		for (const row of unreferred) {
			const minutes = limits[row.priority as 'high' | 'critical'];
			const since = Math.max(row.createdAt.getTime(), row.reportedAt.getTime());
			if (at - since >= minutes * 60_000)
				result.push({ key: `noAction:${row.id}`, kind: 'no_partner_action', caseNumber: row.number, priority: row.priority as LiveCaseAlert['priority'], since: new Date(since + minutes * 60_000).toISOString(), detail: String(minutes) });
		}
		for (const row of lateReferrals)
			result.push({ key: `referral:${row.id}`, kind: 'referral_overdue', caseNumber: row.caseNumber, priority: row.casePriority as LiveCaseAlert['priority'], since: row.dueAt.toISOString(), detail: row.partnerKind });
		for (const row of overdueTasks)
			result.push({ key: `task:${row.id}`, kind: 'task_overdue', caseNumber: row.caseNumber, priority: row.priority as LiveCaseAlert['priority'], since: row.dueAt.toISOString(), detail: row.kind });
		const rank = { critical: 0, high: 1, normal: 2 } as const;
		return result.sort((a, b) => rank[a.priority] - rank[b.priority] || a.since.localeCompare(b.since));
	}

	// ---- the console ----
	/**
	 * Remembers a classification made at the console (and links its case), and sends its
	 * `call.classified` event — with `callEvents` before it (a call entered by hand) — through the
	 * outbox in the same transaction, so a classification is never kept without its event.
	 */
	async function recordClassification(
		actor: CaseActor,
		input: { callId: string; booth: string; classes: string[]; outcome: string; caseNumber?: string; manual: boolean; callEvents?: RawEvent[] }
	) {
		const outcome = cleanText(input.outcome, 'outcome', TEXT_LIMITS.short);
		if (!input.classes.length || input.classes.some((cls) => !(CALL_CLASSES as readonly string[]).includes(cls))) throw new CaseError('bad_value', 'classes');
		if (!/^[\x21-\x7e]{1,128}$/.test(input.callId)) throw new CaseError('bad_value', 'callId');
		let caseRow: CaseRow | null = null;
		await db.transaction(async (tx) => {
			if (input.caseNumber) {
				caseRow = await caseByNumber(tx, input.caseNumber);
				await linkCallIn(tx, caseRow, input.callId, actor, input.classes, outcome);
				await tx.update(cases).set({ updatedAt: new Date(now()) }).where(eq(cases.id, caseRow.id));
			}
			const values = {
				hotline,
				booth: input.booth,
				operatorId: actor.id,
				classes: input.classes,
				outcome,
				caseId: (caseRow as CaseRow | null)?.id ?? null,
				manual: input.manual,
				classifiedAt: new Date(now())
			};
			await tx.insert(consoleClassifications).values({ callId: input.callId, ...values }).onConflictDoUpdate({ target: consoleClassifications.callId, set: values });
			const at = now();
			const classified: RawEvent = {
				// A new classification replaces the call's classes (the latest counts), so each has its own id.
				id: `${input.callId}-classified-${at}-${crypto.randomUUID().slice(0, 8)}`,
				type: 'call.classified',
				ts: at,
				hotline,
				callId: input.callId,
				booth: input.booth,
				operator: actor.name,
				data: values.caseId ? { classes: input.classes, caseId: values.caseId } : { classes: input.classes }
			};
			for (const event of [...(input.callEvents ?? []), classified]) await tx.insert(caseOutbox).values({ event: { hotline, ...event } as unknown as Record<string, unknown> });
		});
		if (input.caseNumber) await audit(actor, 'case.call.link', input.caseNumber, { callId: input.callId });
		// The operator sees the call counted at once; should ClickHouse be away, the outbox retries.
		await flushOutbox().catch((error) => console.error('sending a classification to ClickHouse failed (kept in the outbox, retried):', error));
		return caseRow as CaseRow | null;
	}

	async function recentClassifications(operatorId: string, limit = 10) {
		return db
			.select({ callId: consoleClassifications.callId, classes: consoleClassifications.classes, outcome: consoleClassifications.outcome, manual: consoleClassifications.manual, at: consoleClassifications.classifiedAt, caseNumber: cases.number })
			.from(consoleClassifications)
			.leftJoin(cases, eq(cases.id, consoleClassifications.caseId))
			.where(and(eq(consoleClassifications.operatorId, operatorId), eq(consoleClassifications.hotline, hotline)))
			.orderBy(desc(consoleClassifications.classifiedAt))
			.limit(limit);
	}

	async function classificationOf(callId: string) {
		const [row] = await db.select().from(consoleClassifications).where(eq(consoleClassifications.callId, callId)).limit(1);
		return row ?? null;
	}

	return {
		settings,
		seedPartners,
		listPartners,
		savePartner,
		setPartnerActive,
		createCase,
		updateCase,
		changeStatus,
		assign,
		addNote,
		addPerson,
		removePerson,
		addFile,
		readFile,
		linkCall,
		linkEpisode,
		getCase,
		clocksOf,
		listCases,
		addReferral,
		updateReferral,
		createPartnerLink,
		revokePartnerLink,
		openPartnerLink,
		answerPartnerLink,
		partnerLinkFile,
		createTask,
		completeTask,
		listTasks,
		overdueReferrals,
		alertRules,
		saveAlertRules,
		resetAlertRules,
		alerts,
		recordClassification,
		recentClassifications,
		classificationOf,
		flushOutbox,
		/** Unsent case events (0 when ClickHouse has them all). */
		async outboxBacklog(): Promise<number> {
			const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(caseOutbox).where(isNull(caseOutbox.sentAt));
			return Number(count);
		}
	};
}

export type Cases = ReturnType<typeof createCases>;
