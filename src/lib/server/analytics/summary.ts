/**
 * The KPI summary (KPI definitions v1, DESIGN.md) over a period, from ClickHouse.
 */
import { queryRows, toNumber, type Analytics } from '../clickhouse';
import { KPI_CONTRACT_DEFAULTS, KPI_THRESHOLD_LIMITS, type KpiThresholds } from '../config';
import { CALL_CLASSES, type CallClass } from '../ingest/events';
import { localDateText, zonedTimeToUtc } from '../time';
import { accumulateCalls, type CallRow } from './calls';

export class SummaryRequestError extends Error {}

export interface SummaryRequest {
	hotline: string;
	/** `YYYY-MM-DD` (midnight in timeZone) or ISO-8601 date-time; inclusive. */
	from: string;
	/** Exclusive, same forms as `from`. */
	to: string;
	timeZone: string;
	/** Service-level threshold T, whole seconds. */
	slThreshold: number;
	/** Short-abandon threshold S, whole seconds. */
	shortAbandon: number;
}

export interface BoothSummary {
	booth: string;
	answered: number;
	avgTalkSeconds: number | null;
	talkSeconds: number;
	/** Seconds in each booth state within the period. */
	stateSeconds: Record<string, number>;
}

/** Every name of the KPI contract; ratios are fractions 0–1, durations seconds, null when undefined (nothing to divide by). */
export interface Summary {
	hotline: string;
	from: string;
	to: string;
	timeZone: string;
	slThresholdSeconds: number;
	shortAbandonSeconds: number;
	offered: number;
	answered: number;
	abandoned: number;
	shortAbandoned: number;
	timedOut: number;
	waiting: number;
	asaSeconds: number | null;
	avgAbandonWaitSeconds: number | null;
	serviceLevel: number | null;
	serviceLevelAnswered: number | null;
	abandonRate: number | null;
	avgTalkSeconds: number | null;
	avgHoldSeconds: number | null;
	ahtSeconds: number | null;
	wrapUpSeconds: number;
	longestWaitSeconds: number;
	occupancy: number | null;
	boothSeconds: Record<string, number>;
	classified: number;
	mix: Record<CallClass, number>;
	mixShare: Record<CallClass, number | null>;
	byBooth: BoothSummary[];
	transfers: number;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
/** Waiting calls older than this have no exit event and count as orphans, not as waiting (ms). */
const ORPHAN_AFTER_MS = 4 * 3600_000;

export function addDays(date: string, days: number): string {
	const utc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days);
	return new Date(utc).toISOString().slice(0, 10);
}

/** The instant a `from`/`to` value stands for; dates are midnight in the time zone. */
export function periodInstant(value: string, timeZone: string): number {
	if (DATE_TIME.test(value)) return Date.parse(value);
	const [year, month, day] = value.split('-').map(Number);
	return zonedTimeToUtc({ year, month, day }, 0, timeZone);
}

function checkPeriodValue(name: string, value: string): void {
	if (DATE_ONLY.test(value)) {
		const [year, month, day] = value.split('-').map(Number);
		const date = new Date(Date.UTC(year, month - 1, day));
		if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw new SummaryRequestError(`${name} is not a real date: ${value}`);
		return;
	}
	if (DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return;
	throw new SummaryRequestError(`${name} must be a date YYYY-MM-DD or an ISO-8601 date-time with offset, got "${value.slice(0, 40)}"`);
}

function wholeSeconds(name: string, value: string | null, fallback: number, max: number): number {
	if (value === null || value === '') return fallback;
	const number = Number(value);
	if (!Number.isInteger(number) || number < 0 || number > max) throw new SummaryRequestError(`${name} must be whole seconds from 0 to ${max}, got "${value.slice(0, 20)}"`);
	return number;
}

/**
 * Reads and checks summary parameters from a query string; the period defaults to today, T and S
 * to the hotline's (`kpi`, else the contract's).
 */
export function summaryRequestFrom(params: URLSearchParams, defaults: { hotline: string; timeZone: string; now?: number; kpi?: KpiThresholds }): SummaryRequest {
	const kpi = defaults.kpi ?? KPI_CONTRACT_DEFAULTS;
	const today = localDateText(defaults.now ?? Date.now(), defaults.timeZone);
	const from = params.get('from') || today;
	const to = params.get('to') || addDays(DATE_ONLY.test(from) ? from : localDateText(Date.parse(from), defaults.timeZone), 1);
	checkPeriodValue('from', from);
	checkPeriodValue('to', to);
	if (periodInstant(to, defaults.timeZone) <= periodInstant(from, defaults.timeZone)) throw new SummaryRequestError(`to (${to}) must be after from (${from})`);
	const hotline = params.get('hotline') || defaults.hotline;
	if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(hotline)) throw new SummaryRequestError('hotline must be lower-case letters, digits and dashes');
	return {
		hotline,
		from,
		to,
		timeZone: defaults.timeZone,
		slThreshold: wholeSeconds('slThreshold', params.get('slThreshold'), kpi.slThreshold, KPI_THRESHOLD_LIMITS.slThreshold),
		shortAbandon: wholeSeconds('shortAbandon', params.get('shortAbandon'), kpi.shortAbandon, KPI_THRESHOLD_LIMITS.shortAbandon)
	};
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const seconds = (ms: number) => ms / 1000;

export async function summary(analytics: Analytics, request: SummaryRequest, now = Date.now()): Promise<Summary> {
	const period = { hotline: request.hotline, from: request.from, to: request.to, tz: request.timeZone };
	const [periodRows, stateRows, waitingRows] = await Promise.all([
		queryRows<CallRow>(analytics, 'stats_period', period),
		queryRows<{ booth: string; state: string; ms: unknown }>(analytics, 'stats_booth_time', { ...period, nowMs: now, booths: [] }),
		queryRows<{ oldestQueuedMs: unknown; waitingNow: unknown }>(analytics, 'stats_oldest_waiting', { ...period, sinceMs: now - ORPHAN_AFTER_MS })
	]);
	const { totals, sums, mix, booths } = accumulateCalls(periodRows, request);
	const boothMs: Record<string, number> = {};
	const boothStateMs = new Map<string, Record<string, number>>();
	for (const row of stateRows) {
		const ms = toNumber(row.ms);
		boothMs[row.state] = (boothMs[row.state] ?? 0) + ms;
		const perBooth = boothStateMs.get(row.booth) ?? {};
		perBooth[row.state] = (perBooth[row.state] ?? 0) + ms;
		boothStateMs.set(row.booth, perBooth);
		if (!booths.has(row.booth)) booths.set(row.booth, { answered: 0, completed: 0, talkMs: 0 });
	}
	const stateMs = (state: string) => boothMs[state] ?? 0;
	const waitingNow = toNumber(waitingRows[0]?.waitingNow);
	const oldestQueuedMs = toNumber(waitingRows[0]?.oldestQueuedMs);
	const { offered, answered, abandoned, shortAbandoned } = totals;
	const { completed, talkMs, holdMs } = sums;
	const wrapMs = stateMs('wrap_up');
	const loggedInMs = stateMs('available') + stateMs('ringing') + stateMs('on_call') + stateMs('wrap_up');
	return {
		hotline: request.hotline,
		from: request.from,
		to: request.to,
		timeZone: request.timeZone,
		slThresholdSeconds: request.slThreshold,
		shortAbandonSeconds: request.shortAbandon,
		...totals,
		asaSeconds: answered > 0 ? seconds(sums.answeredWaitMs) / answered : null,
		avgAbandonWaitSeconds: abandoned > 0 ? seconds(sums.abandonedWaitMs) / abandoned : null,
		serviceLevel: ratio(totals.answeredWithinThreshold, answered + abandoned - shortAbandoned),
		serviceLevelAnswered: ratio(totals.answeredWithinThreshold, answered),
		abandonRate: ratio(abandoned, offered),
		avgTalkSeconds: completed > 0 ? seconds(talkMs) / completed : null,
		avgHoldSeconds: completed > 0 ? seconds(holdMs) / completed : null,
		ahtSeconds: completed > 0 ? seconds(talkMs + holdMs + wrapMs) / completed : null,
		wrapUpSeconds: seconds(wrapMs),
		longestWaitSeconds: waitingNow > 0 ? Math.max(0, seconds(now - oldestQueuedMs)) : 0,
		occupancy: ratio(stateMs('on_call') + stateMs('wrap_up'), loggedInMs),
		boothSeconds: Object.fromEntries(Object.entries(boothMs).map(([state, ms]) => [state, seconds(ms)])),
		classified: sums.classified,
		mix,
		mixShare: Object.fromEntries(CALL_CLASSES.map((cls) => [cls, ratio(mix[cls], answered)])) as Record<CallClass, number | null>,
		byBooth: [...booths.entries()]
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([booth, figures]) => ({
				booth,
				answered: figures.answered,
				talkSeconds: seconds(figures.talkMs),
				avgTalkSeconds: figures.completed > 0 ? seconds(figures.talkMs) / figures.completed : null,
				stateSeconds: Object.fromEntries(Object.entries(boothStateMs.get(booth) ?? {}).map(([state, ms]) => [state, seconds(ms)]))
			})),
		transfers: sums.transfers
	};
}
