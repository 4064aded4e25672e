/**
 * The live figures as the wallboard and the desk view write them, in the interface language:
 * KPI tiles with their level and target, booth names, pause reasons, alert sentences.
 */
import type { PlainMessageKey, Translator } from '$lib/i18n';
import { codeLabel } from '$lib/cases/problems';
import { ALO_CLASSES, type AloClass, type LiveAlert, type LiveBooth, type LiveCaseAlert, type LiveSnapshot } from './types';
import { alertSubject, boothLoad, durationParts, KPI_KINDS, kpiLevel, longestWaitNow, secondsSince, thresholdOf, type Level } from './view';

export type FigurePart = { value: string; unit?: string };

export interface KpiTile {
	kpi: string;
	label: string;
	parts: FigurePart[];
	/** The same figure as one string ("5 min 12 s"), for tables and screen readers. */
	text: string;
	sub: string | null;
	level: Level;
	/** The figure has a target (so "on target" means something). */
	targeted: boolean;
}

/** A KPI's name in the interface language; a figure the catalogue does not know keeps its id. */
export function kpiLabel(t: Translator['t'], kpi: string): string {
	return t(`live.kpi.${kpi}` as PlainMessageKey) || kpi;
}

function figureParts(i18n: Translator, kind: string, value: number | null | undefined): FigurePart[] {
	if (value === null || value === undefined || !Number.isFinite(value)) return [{ value: '–' }];
	if (kind === 'rate') return [{ value: i18n.formatPercent(value, 0) }];
	if (kind === 'seconds') return durationParts(value) ?? [{ value: '–' }];
	return [{ value: i18n.formatNumber(value) }];
}

/** A value of a KPI (or its threshold) as that KPI is written: "80%", "1 min 00 s", "15 min 00 s", "2". */
export function limitText(i18n: Translator, kpi: string, value: number): string {
	const kind = KPI_KINDS[kpi];
	if (kind === 'rate') return i18n.formatPercent(value, 0);
	if (kind === 'seconds') return i18n.formatDuration(value);
	if (kind === 'minutes') return i18n.formatDuration(value * 60);
	return i18n.formatNumber(value);
}

/** "target ≥ 80% within 20 s", "target ≤ 1 min 00 s", or null for a figure without a threshold. */
export function targetText(i18n: Translator, snap: LiveSnapshot, kpi: string): string | null {
	const threshold = thresholdOf(kpi, snap.thresholds);
	if (!threshold) return null;
	const { t } = i18n;
	if (kpi === 'serviceLevel') return t('live.sub.slTarget', { target: i18n.formatPercent(threshold.warning, 0), seconds: snap.today.slThresholdSeconds });
	const value = limitText(i18n, kpi, threshold.warning);
	return threshold.direction === 'above' ? t('live.sub.atMost', { value }) : t('live.sub.atLeast', { value });
}

/**
 * Today's ten figures in two rows: first how the service is doing (each against its target),
 * then the day's volumes. `now` (server clock, ms) ticks the longest wait on between messages.
 */
export function kpiTiles(i18n: Translator, snap: LiveSnapshot, now: number): KpiTile[][] {
	const { t } = i18n;
	const today = snap.today;
	const longest = longestWaitNow(snap.waiting, now);
	const maxToday = Math.max(today.maxWaitTodaySeconds ?? 0, longest);
	const load = boothLoad(snap.booths);
	const waiting = snap.waiting.length;
	const tile = (kpi: string, value: number | null, sub: string | null = targetText(i18n, snap, kpi)): KpiTile => {
		const parts = figureParts(i18n, KPI_KINDS[kpi] ?? 'count', value);
		return {
			kpi,
			label: kpiLabel(t, kpi),
			parts,
			text: parts.map((part) => (part.unit ? `${part.value} ${part.unit}` : part.value)).join(' '),
			sub,
			level: kpiLevel(kpi, value, snap),
			// "On target" only for a figure that exists (no calls yet: no mark).
			targeted: !!thresholdOf(kpi, snap.thresholds) && value !== null && Number.isFinite(value)
		};
	};
	return [
		[
			tile('serviceLevel', today.serviceLevel),
			tile('longestWaitSeconds', longest, waiting ? targetText(i18n, snap, 'longestWaitSeconds') : t('live.sub.noneWaiting')),
			tile('asaSeconds', today.asaSeconds),
			tile('abandonRate', today.abandonRate),
			tile('occupancy', today.occupancy, load.loggedIn > 0 ? t('live.sub.booths', { busy: load.busy, total: load.loggedIn }) : null)
		],
		[
			tile('offered', today.offered, t('live.sub.waitingNow', { count: waiting })),
			tile(
				'answered',
				today.answered,
				today.offered > 0 ? t('live.sub.ofOffered', { share: i18n.formatPercent(today.answered / today.offered, 0) }) : null
			),
			tile('abandoned', today.abandoned, t('live.sub.short', { count: today.shortAbandoned })),
			tile('maxWaitTodaySeconds', maxToday, t('live.sub.timedOut', { count: today.timedOut })),
			tile('ahtSeconds', today.ahtSeconds, today.avgTalkSeconds !== null ? t('live.sub.talk', { duration: i18n.formatDuration(today.avgTalkSeconds) }) : null)
		]
	];
}

/** The admin's name for a booth, or "Booth 2" when it has none but its id. */
export function boothName(t: Translator['t'], booth: Pick<LiveBooth, 'id' | 'label'>): string {
	return booth.label && booth.label !== booth.id ? booth.label : t('live.booth.name', { id: booth.id });
}

const REASONS = new Set(['break', 'training', 'lunch', 'meeting', 'admin', 'supervision']);

/** A pause reason in the interface language when it is a known one, else as the PBX sent it. */
export function reasonText(t: Translator['t'], reason: string | undefined): string | null {
	if (!reason) return null;
	const known = reason.trim().toLowerCase();
	if (REASONS.has(known)) return t(`live.reason.${known}` as PlainMessageKey);
	// The console's pause reasons (case work, …) have their own labels.
	const fromConsole = codeLabel(t, 'pause.reason', known);
	return fromConsole === known ? reason : fromConsole;
}

/**
 * One alert as a sentence: "Longest wait now: 2 min 05 s (limit 2 min 00 s)", or with `short`
 * (the wallboard, whose tiles show the targets) "Longest wait now 2 min 05 s". `now` ticks a
 * booth's pause on between messages.
 */
export function alertText(i18n: Translator, snap: Pick<LiveSnapshot, 'booths'>, alert: LiveAlert, now?: number, short = false): string {
	const { t } = i18n;
	const subject = alertSubject(alert);
	if (subject.kind === 'allBoothsBusy') return t('live.alert.allBusy', { count: alert.value });
	if (subject.kind === 'boothPaused') {
		const booth = snap.booths.find((b) => b.id === subject.booth);
		const name = boothName(t, booth ?? { id: subject.booth, label: subject.booth });
		// The pause goes on between messages: tick it like the booth's own timer.
		const seconds = booth?.state === 'paused' && now !== undefined ? secondsSince(booth.since, now) : Math.round(alert.value * 60);
		return t('live.alert.paused', { booth: name, duration: i18n.formatDuration(seconds) });
	}
	if (subject.kind === 'kpi' && short) return t('live.alert.kpiShort', { label: kpiLabel(t, subject.kpi), value: limitText(i18n, subject.kpi, alert.value) });
	if (subject.kind === 'kpi')
		return t('live.alert.kpi', {
			label: kpiLabel(t, subject.kpi),
			value: limitText(i18n, subject.kpi, alert.value),
			threshold: limitText(i18n, subject.kpi, alert.threshold)
		});
	return `${alert.key}: ${i18n.formatNumber(alert.value)}`;
}

/** A case alert in words: case number and what is waiting (codes only, as on the wall). */
export function caseAlertText(i18n: Translator, alert: LiveCaseAlert): string {
	const { t } = i18n;
	const what =
		alert.kind === 'no_partner_action'
			? t('case.alert.no_partner_action', { minutes: alert.detail })
			: alert.kind === 'referral_overdue'
				? `${t('case.alert.referral_overdue')} · ${codeLabel(t, 'partner.kind', alert.detail)}`
				: `${t('case.alert.task_overdue')} · ${codeLabel(t, 'task.kind', alert.detail)}`;
	return t('live.caseAlert', { case: alert.caseNumber, what });
}

/** How loud a case alert is on the wall: critical cases and urgent cases without action are alarms. */
export function caseAlertLevel(alert: LiveCaseAlert): 'warning' | 'alarm' {
	return alert.priority === 'critical' || alert.kind === 'no_partner_action' ? 'alarm' : 'warning';
}

/** The classification classes' names in the interface language, for the mix chart. */
export function classLabels(t: Translator['t']): Record<AloClass, string> {
	return Object.fromEntries(ALO_CLASSES.map((key) => [key, t(`live.class.${key}`)])) as Record<AloClass, string>;
}

/** How many of today's calls were classified at all (the sum of the mix). */
export function classifiedCount(mix: Partial<Record<AloClass, number>>): number {
	return ALO_CLASSES.reduce((sum, key) => sum + (mix[key] ?? 0), 0);
}

/** The stale banner's heading: reconnecting since when, or still connecting for the first time. */
export function reconnectingText(t: Translator['t'], reconnectingSince: number | null, timeOf: (ms: number) => string): string {
	return reconnectingSince !== null ? t('wallboard.status.reconnecting', { time: timeOf(reconnectingSince) }) : t('wallboard.status.connecting');
}
