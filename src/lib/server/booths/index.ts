/**
 * The call centre's booths: an id (what the PBX sends as `booth`), a label people read, and an
 * optional PBX extension or queue-member name that maps to the booth. Every change is audited.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Database } from '../db';
import { recordAudit, type Actor } from '../auth';
import { booths } from './schema';

export { booths } from './schema';

export type BoothProblem = 'bad_id' | 'bad_label' | 'bad_extension' | 'extension_taken' | 'not_found';

/** A refusal the interface can explain: `problem` is a message key suffix, never internals. */
export class BoothError extends Error {
	constructor(readonly problem: BoothProblem) {
		super(problem);
	}
}

export interface BoothRecord {
	id: string;
	label: string;
	extension: string | null;
	active: boolean;
	createdAt: Date;
}

export interface BoothInput {
	id: string;
	label: string;
	extension?: string | null;
	active?: boolean;
}

const BOOTH_ID = /^[A-Za-z0-9_-]{1,32}$/;
const CONTROL = /[\u0000-\u001f\u007f]/g;

function clean(input: BoothInput): Required<BoothInput> {
	const id = input.id.trim();
	if (!BOOTH_ID.test(id)) throw new BoothError('bad_id');
	const label = input.label.replace(CONTROL, '').trim();
	if (!label || label.length > 100) throw new BoothError('bad_label');
	const extension = (input.extension ?? '').replace(CONTROL, '').trim();
	if (extension.length > 100) throw new BoothError('bad_extension');
	return { id, label, extension: extension || null, active: input.active ?? true };
}

export async function listBooths(db: Database): Promise<BoothRecord[]> {
	const rows = await db.select().from(booths).orderBy(asc(booths.id));
	// Natural order: booth "2" before booth "10".
	return rows.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

function isUniqueViolation(error: unknown): boolean {
	for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
		if ((cause as { code?: unknown }).code === '23505') return true;
		if (cause === (cause as { cause?: unknown }).cause) break;
	}
	return false;
}

/** Creates the booth or updates the one with this id. Returns whether it was new. */
export async function saveBooth(db: Database, actor: Actor, input: BoothInput): Promise<{ created: boolean; booth: BoothRecord }> {
	const booth = clean(input);
	if (booth.extension) {
		const [other] = await db
			.select({ id: booths.id })
			.from(booths)
			.where(and(eq(booths.extension, booth.extension), ne(booths.id, booth.id)))
			.limit(1);
		if (other) throw new BoothError('extension_taken');
	}
	const [before] = await db.select().from(booths).where(eq(booths.id, booth.id)).limit(1);
	let row: BoothRecord;
	try {
		[row] = await db
			.insert(booths)
			.values(booth)
			.onConflictDoUpdate({ target: booths.id, set: { label: booth.label, extension: booth.extension, active: booth.active } })
			.returning();
	} catch (error) {
		// Two admins giving two booths the same extension at once: the unique index decides.
		if (isUniqueViolation(error)) throw new BoothError('extension_taken');
		throw error;
	}
	const detail: Record<string, unknown> = { label: booth.label, extension: booth.extension, active: booth.active };
	if (before) detail.before = { label: before.label, extension: before.extension, active: before.active };
	await recordAudit(db, actor, 'booth.save', booth.id, detail);
	return { created: !before, booth: row };
}

export async function removeBooth(db: Database, actor: Actor, id: string): Promise<void> {
	if (!BOOTH_ID.test(id)) throw new BoothError('not_found');
	const [row] = await db.delete(booths).where(eq(booths.id, id)).returning();
	if (!row) throw new BoothError('not_found');
	await recordAudit(db, actor, 'booth.remove', id, { label: row.label, extension: row.extension });
}

/**
 * Maps a PBX member (interface or member name: `PJSIP/201`, `SIP/201-0000002a`,
 * `Local/201@from-queue/n`, `Ana Hoxha`) to a booth id through the booths' extensions; the
 * comparison ignores case and a trailing channel suffix. Unknown members give undefined (the
 * adapter then uses its own rule, and the booth shows up for an admin to name).
 */
export async function boothResolver(db: Database): Promise<(member: string) => string | undefined> {
	const normalise = (text: string) => text.trim().toLowerCase().replace(/-[0-9a-f]{6,}$/, '');
	const byExtension = new Map<string, string>();
	for (const booth of await listBooths(db)) if (booth.extension) byExtension.set(normalise(booth.extension), booth.id);
	return (member) => byExtension.get(normalise(member)) ?? byExtension.get(normalise(member).replace(/^[a-z]+\//, '').replace(/@.*$/, ''));
}
