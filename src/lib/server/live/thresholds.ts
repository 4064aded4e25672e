/**
 * Alert thresholds (PostgreSQL, set by supervisors) and their evaluation against live figures.
 */
import { eq } from 'drizzle-orm';
import type { LiveAlert, LiveThreshold } from '../../live/types';
import { recordAudit, type Actor } from '../auth';
import type { Database } from '../db';
import { alertThresholds } from './schema';

/** The figures that can carry thresholds, their direction and defaults. */
export const DEFAULT_THRESHOLDS: readonly LiveThreshold[] = [
	{ kpi: 'longestWaitSeconds', direction: 'above', warning: 60, alarm: 120 },
	{ kpi: 'serviceLevel', direction: 'below', warning: 0.8, alarm: 0.6 },
	{ kpi: 'abandonRate', direction: 'above', warning: 0.1, alarm: 0.2 },
	{ kpi: 'asaSeconds', direction: 'above', warning: 20, alarm: 45 },
	/** Calls waiting while no booth is available. */
	{ kpi: 'waitingWhileAllBusy', direction: 'above', warning: 0, alarm: 2 },
	/** Minutes one booth has been paused. */
	{ kpi: 'boothPausedMinutes', direction: 'above', warning: 15, alarm: 30 }
];

export class ThresholdError extends Error {}

export async function loadThresholds(db: Database): Promise<LiveThreshold[]> {
	const rows = await db.select().from(alertThresholds);
	return DEFAULT_THRESHOLDS.map((fallback) => {
		const row = rows.find((r) => r.kpi === fallback.kpi);
		return row ? { kpi: row.kpi, direction: fallback.direction, warning: row.warning, alarm: row.alarm } : { ...fallback };
	});
}

/** The service-level and ASA warning levels: the targets trend charts draw as reference lines. */
export async function serviceTargets(db: Database): Promise<{ serviceLevel: number; asaSeconds: number }> {
	const thresholds = await loadThresholds(db);
	const warning = (kpi: string) => thresholds.find((threshold) => threshold.kpi === kpi)!.warning;
	return { serviceLevel: warning('serviceLevel'), asaSeconds: warning('asaSeconds') };
}

export async function saveThreshold(db: Database, actor: Actor, kpi: string, warning: number, alarm: number): Promise<LiveThreshold> {
	const known = DEFAULT_THRESHOLDS.find((t) => t.kpi === kpi);
	if (!known) throw new ThresholdError('unknown_kpi');
	if (!Number.isFinite(warning) || !Number.isFinite(alarm) || warning < 0 || alarm < 0) throw new ThresholdError('bad_number');
	if (known.direction === 'below' && (warning > 1 || alarm > 1)) throw new ThresholdError('bad_rate');
	// The alarm is the worse level: further out than the warning.
	if (known.direction === 'above' ? alarm < warning : alarm > warning) throw new ThresholdError('alarm_before_warning');
	const values = { kpi, direction: known.direction, warning, alarm, updatedAt: new Date(), updatedBy: actor.id };
	await db.insert(alertThresholds).values(values).onConflictDoUpdate({ target: alertThresholds.kpi, set: values });
	await recordAudit(db, actor, 'threshold.save', kpi, { warning, alarm });
	return { kpi, direction: known.direction, warning, alarm };
}

export async function resetThreshold(db: Database, actor: Actor, kpi: string): Promise<void> {
	await db.delete(alertThresholds).where(eq(alertThresholds.kpi, kpi));
	await recordAudit(db, actor, 'threshold.reset', kpi);
}

function levelOf(threshold: LiveThreshold, value: number): LiveAlert['level'] | null {
	const beyond = (limit: number) => (threshold.direction === 'above' ? value > limit : value < limit);
	if (beyond(threshold.alarm)) return 'alarm';
	if (beyond(threshold.warning)) return 'warning';
	return null;
}

/**
 * The alerts for these figures. `previous` keeps each alert's start time while its level holds.
 * Null figures (nothing measured yet) raise nothing.
 */
export function evaluateAlerts(thresholds: LiveThreshold[], figures: Record<string, number | null>, previous: LiveAlert[], now: number): LiveAlert[] {
	const alerts: LiveAlert[] = [];
	for (const [key, value] of Object.entries(figures)) {
		if (value === null) continue;
		const kpi = key.startsWith('boothPaused:') ? 'boothPausedMinutes' : key;
		const threshold = thresholds.find((t) => t.kpi === kpi);
		if (!threshold) continue;
		const level = levelOf(threshold, value);
		if (!level) continue;
		const before = previous.find((alert) => alert.key === key && alert.level === level);
		alerts.push({ key, level, value, threshold: level === 'alarm' ? threshold.alarm : threshold.warning, since: before?.since ?? new Date(now).toISOString() });
	}
	return alerts.sort((a, b) => (a.level === b.level ? a.key.localeCompare(b.key) : a.level === 'alarm' ? -1 : 1));
}
