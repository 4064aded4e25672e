/**
 * The audit log: sign-ins and failures, every admin action, API-key use summaries and (from the
 * cases module on) every read and change of a case. Rows are only ever inserted; the database
 * refuses updates and deletes (migration 0002).
 */
import { and, desc, eq, gte, ilike, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import { auditLog } from './schema';

/** Who acts, for the log: a person, a display, an API key, or the system. */
export interface Actor {
	id: string | null;
	/** Username, display name, API key name or "system". */
	name: string;
	/** A person's display name, for what people read (a case timeline); the log keeps `name`. */
	displayName?: string;
	address?: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

/** PostgreSQL text and jsonb cannot hold NUL; what people typed is logged without it. */
const withoutNul = (text: string) => text.replace(/\u0000/g, '');

export async function recordAudit(db: Database, actor: Actor, action: string, target?: string | null, detail?: Record<string, unknown>): Promise<void> {
	await db.insert(auditLog).values({
		actorId: actor.id,
		actor: withoutNul(actor.name).slice(0, 200),
		action,
		target: target ? withoutNul(target).slice(0, 300) : null,
		detail: detail ? (JSON.parse(withoutNul(JSON.stringify(detail)).replace(/\\u0000/g, '')) as Record<string, unknown>) : null,
		address: actor.address?.slice(0, 100) ?? null
	});
}

export interface AuditFilter {
	/** Matches the actor's name (part of it, case-insensitive). */
	actor?: string;
	/** An exact action, or a prefix ending in "." (e.g. "user."). */
	action?: string;
	from?: Date;
	to?: Date;
	/** Rows with an id below this (paging backwards). */
	beforeId?: number;
	limit?: number;
}

export type AuditEntry = typeof auditLog.$inferSelect;

export async function listAudit(db: Database, filter: AuditFilter = {}): Promise<AuditEntry[]> {
	const conditions: SQL[] = [];
	if (filter.actor) conditions.push(ilike(auditLog.actor, `%${filter.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
	if (filter.action) {
		if (filter.action.endsWith('.')) conditions.push(ilike(auditLog.action, `${filter.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
		else conditions.push(eq(auditLog.action, filter.action));
	}
	if (filter.from) conditions.push(gte(auditLog.at, filter.from));
	if (filter.to) conditions.push(lt(auditLog.at, filter.to));
	if (filter.beforeId) conditions.push(lt(auditLog.id, filter.beforeId));
	return db
		.select()
		.from(auditLog)
		.where(conditions.length ? and(...conditions) : undefined)
		.orderBy(desc(auditLog.id))
		.limit(Math.min(Math.max(filter.limit ?? 100, 1), 500));
}

/** The distinct actions logged so far, for the filter's choices. */
export async function auditActions(db: Database): Promise<string[]> {
	const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
	return rows.map((row) => row.action);
}

