/**
 * What the wallboard and the desk view compute from a live snapshot, as plain functions (no
 * Svelte, no DOM): threshold levels, ticking waits, timer texts, alert subjects.
 */
import type { AlertLevel, LiveAlert, LiveBooth, LiveSnapshot, LiveThreshold, LiveWaitingCall } from './types';

export type Level = 'normal' | AlertLevel;

const RANK: Record<Level, number> = { normal: 0, warning: 1, alarm: 2 };

export function worse(a: Level, b: Level): Level {
	return RANK[a] >= RANK[b] ? a : b;
}

/** Where a value stands against a threshold: 'above' means high values are bad. */
export function thresholdLevel(threshold: LiveThreshold | undefined, value: number | null | undefined): Level {
	if (!threshold || value === null || value === undefined || !Number.isFinite(value)) return 'normal';
	if (threshold.direction === 'above') {
		if (value > threshold.alarm) return 'alarm';
		if (value > threshold.warning) return 'warning';
	} else {
		if (value < threshold.alarm) return 'alarm';
		if (value < threshold.warning) return 'warning';
	}
	return 'normal';
}

/**
 * A figure's level: the server's alert for it (it decides, and logs it), or — for figures that
 * tick on in the browser between messages, like the longest wait — the threshold applied to the
 * value shown, whichever is worse.
 */
export function kpiLevel(kpi: string, value: number | null | undefined, snapshot: Pick<LiveSnapshot, 'thresholds' | 'alerts'>): Level {
	const alert = snapshot.alerts.find((a) => a.key === kpi);
	const threshold = snapshot.thresholds.find((t) => t.kpi === kpi);
	return worse(alert?.level ?? 'normal', thresholdLevel(threshold, value));
}

export function thresholdOf(kpi: string, thresholds: LiveThreshold[]): LiveThreshold | undefined {
	return thresholds.find((t) => t.kpi === kpi);
}

/** Whole seconds from an ISO instant to `now` (ms), never negative (clock offset rounding). */
export function secondsSince(iso: string | undefined, now: number): number {
	if (!iso) return 0;
	const at = Date.parse(iso);
	if (!Number.isFinite(at)) return 0;
	return Math.max(0, Math.floor((now - at) / 1000));
}

/** Calls waiting, longest wait first, each with its wait ticked on to `now`. */
export function waitingNow(waiting: LiveWaitingCall[], now: number): (LiveWaitingCall & { wait: number })[] {
	return waiting
		.map((call) => {
			const at = Date.parse(call.queuedAt);
			const wait = Number.isFinite(at) ? Math.max(0, Math.floor((now - at) / 1000)) : call.waitSeconds;
			return { ...call, wait };
		})
		.sort((a, b) => b.wait - a.wait || a.callId.localeCompare(b.callId));
}

export function longestWaitNow(waiting: LiveWaitingCall[], now: number): number {
	let longest = 0;
	for (const call of waiting) {
		const at = Date.parse(call.queuedAt);
		const wait = Number.isFinite(at) ? Math.max(0, Math.floor((now - at) / 1000)) : call.waitSeconds;
		if (wait > longest) longest = wait;
	}
	return longest;
}

/** A ticking timer's text: "0:07", "12:05", "1:02:09" (the same in every language). */
export function clockText(seconds: number): string {
	if (!Number.isFinite(seconds) || seconds < 0) seconds = 0;
	const total = Math.floor(seconds);
	const hours = Math.floor(total / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	const secs = total % 60;
	const two = (n: number) => String(n).padStart(2, '0');
	return hours > 0 ? `${hours}:${two(minutes)}:${two(secs)}` : `${minutes}:${two(secs)}`;
}

/**
 * A duration split into number and unit parts, as `formatDuration` writes it ("5 min 12 s"), so
 * that a big figure can show the units smaller.
 */
export function durationParts(seconds: number | null | undefined): { value: string; unit: string }[] | null {
	if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return null;
	const total = Math.round(Math.max(0, seconds));
	const hours = Math.floor(total / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	const secs = total % 60;
	const two = (n: number) => String(n).padStart(2, '0');
	if (hours > 0) return [{ value: String(hours), unit: 'h' }, { value: two(minutes), unit: 'min' }];
	if (minutes > 0) return [{ value: String(minutes), unit: 'min' }, { value: two(secs), unit: 's' }];
	return [{ value: String(secs), unit: 's' }];
}

export const BOOTH_STATES = ['available', 'ringing', 'on_call', 'wrap_up', 'paused', 'offline'] as const;

/** Booths in a stable order: by id, numerically where the ids are numbers ("2" before "10"). */
export function sortBooths<T extends Pick<LiveBooth, 'id'>>(booths: T[]): T[] {
	return [...booths].sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
}

/** Booths logged in and busy with a call (ringing, on a call, wrap-up) and all logged in. */
export function boothLoad(booths: LiveBooth[]): { busy: number; loggedIn: number } {
	let busy = 0;
	let loggedIn = 0;
	for (const booth of booths) {
		if (booth.state === 'offline') continue;
		loggedIn += 1;
		if (booth.state === 'ringing' || booth.state === 'on_call' || booth.state === 'wrap_up') busy += 1;
	}
	return { busy, loggedIn };
}

/**
 * What an alert is about: a KPI name, calls waiting while every booth is busy (`waitingWhileAllBusy`,
 * value = calls waiting; `allBoothsBusy` is read the same way), or one booth paused too long
 * (`boothPaused:<id>`, value = minutes).
 */
export type AlertSubject =
	| { kind: 'kpi'; kpi: string }
	| { kind: 'allBoothsBusy' }
	| { kind: 'boothPaused'; booth: string }
	| { kind: 'other'; key: string };

export function alertSubject(alert: Pick<LiveAlert, 'key'>): AlertSubject {
	if (alert.key === 'allBoothsBusy' || alert.key === 'waitingWhileAllBusy') return { kind: 'allBoothsBusy' };
	if (alert.key.startsWith('boothPaused:')) return { kind: 'boothPaused', booth: alert.key.slice('boothPaused:'.length) };
	if (KPI_KINDS[alert.key]) return { kind: 'kpi', kpi: alert.key };
	return { kind: 'other', key: alert.key };
}

/** How each KPI's value (and its thresholds) is written: a count, a fraction 0–1, seconds or minutes. */
export const KPI_KINDS: Record<string, 'count' | 'rate' | 'seconds' | 'minutes'> = {
	offered: 'count',
	answered: 'count',
	abandoned: 'count',
	shortAbandoned: 'count',
	timedOut: 'count',
	waiting: 'count',
	serviceLevel: 'rate',
	serviceLevelAnswered: 'rate',
	abandonRate: 'rate',
	occupancy: 'rate',
	asaSeconds: 'seconds',
	ahtSeconds: 'seconds',
	avgTalkSeconds: 'seconds',
	longestWaitSeconds: 'seconds',
	maxWaitTodaySeconds: 'seconds',
	waitingWhileAllBusy: 'count',
	boothPausedMinutes: 'minutes'
};

/** Alerts, worst first, then the oldest first. */
export function sortAlerts(alerts: LiveAlert[]): LiveAlert[] {
	return [...alerts].sort((a, b) => RANK[b.level] - RANK[a.level] || Date.parse(a.since) - Date.parse(b.since) || a.key.localeCompare(b.key));
}
