/**
 * Trends: KPI and case figures over time (zero-filled buckets in the hotline's time zone),
 * distributions and the weekday × hour heatmap, all from ClickHouse rollups (call_hourly,
 * case_events). Period rules are the summary's: `from` inclusive, `to` exclusive, dates are
 * midnight in the hotline's time zone.
 */
import { queryRows, toNumber, type Analytics } from '../clickhouse';
import { CALL_CLASSES } from '../ingest/events';
import { localDateText, utcOffsetMs, zonedTimeToUtc } from '../time';
import { accumulateCalls, addHistogram, histogramQuantile, type CallAccumulation, type CallRow } from './calls';
import { addDays, periodInstant, summaryRequestFrom, SummaryRequestError, type SummaryRequest } from './summary';

export const GRANULARITIES = ['hour', 'day', 'week', 'month', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Call metrics: KPI contract names (rates 0–1, durations in seconds) and percentiles. */
export const CALL_METRICS = [
	'offered',
	'answered',
	'abandoned',
	'shortAbandoned',
	'timedOut',
	'asaSeconds',
	'avgAbandonWaitSeconds',
	'serviceLevel',
	'serviceLevelAnswered',
	'abandonRate',
	'avgTalkSeconds',
	'avgHoldSeconds',
	'ahtSeconds',
	'occupancy',
	'classified',
	'transfers',
	'mix',
	'mixShare',
	'waitP50Seconds',
	'waitP90Seconds',
	'talkP50Seconds',
	'talkP90Seconds'
] as const;

/** Case metrics, from case events (codes only). */
export const CASE_METRICS = [
	'casesOpened',
	'repeatEpisodes',
	'casesLocated',
	'casesClosed',
	'timeToLocateSeconds',
	'referrals',
	'partnerResponses',
	'partnerResponseSeconds',
	'lateResponses'
] as const;

export const METRICS = [...CALL_METRICS, ...CASE_METRICS] as const;
export type Metric = (typeof METRICS)[number];
export type CallMetric = (typeof CALL_METRICS)[number];
export type CaseMetric = (typeof CASE_METRICS)[number];

/** Which breakdowns each metric allows. */
export const METRIC_BREAKDOWNS: Readonly<Record<Metric, readonly string[]>> = {
	...(Object.fromEntries(CALL_METRICS.map((metric) => [metric, ['booth']])) as unknown as Record<CallMetric, readonly string[]>),
	offered: ['booth', 'outcome'],
	mix: ['class', 'booth'],
	mixShare: ['class'],
	casesOpened: ['missingType', 'priority', 'ageBand', 'area', 'crossBorder'],
	repeatEpisodes: ['missingType', 'ageBand'],
	casesLocated: ['status', 'missingType', 'ageBand'],
	casesClosed: ['status', 'missingType'],
	timeToLocateSeconds: ['missingType', 'status'],
	referrals: ['partner', 'action'],
	partnerResponses: ['partner', 'action'],
	partnerResponseSeconds: ['partner', 'action'],
	lateResponses: ['partner', 'action']
};

/** Metrics that count (children or calls): the ones small-cell suppression applies to. */
export const COUNT_METRICS: ReadonlySet<Metric> = new Set([
	'offered', 'answered', 'abandoned', 'shortAbandoned', 'timedOut', 'classified', 'transfers', 'mix',
	'casesOpened', 'repeatEpisodes', 'casesLocated', 'casesClosed', 'referrals', 'partnerResponses', 'lateResponses'
]);

export interface TrendRequest extends SummaryRequest {
	metric: Metric;
	granularity: Granularity;
	by?: string;
	/** Only these booths (empty: all). */
	booths: string[];
}

export interface TrendPoint {
	/** Period start: `YYYY-MM-DD` for days and longer, ISO date-time with offset for hours. */
	t: string;
	value: number | null;
}

export type TrendResult =
	| { metric: Metric; granularity: Granularity; from: string; to: string; timeZone: string; points: TrendPoint[] }
	| { metric: Metric; granularity: Granularity; from: string; to: string; timeZone: string; by: string; series: Record<string, TrendPoint[]> };

/** How many buckets one answer may have (an hour view of a year is 8 760). */
const MAX_BUCKETS = 10_000;

export function trendRequestFrom(params: URLSearchParams, defaults: Parameters<typeof summaryRequestFrom>[1]): TrendRequest {
	const base = summaryRequestFrom(params, defaults);
	const metric = params.get('metric') ?? '';
	if (!(METRICS as readonly string[]).includes(metric)) throw new SummaryRequestError(`metric must be one of ${METRICS.join(', ')}`);
	const granularity = params.get('granularity') || 'day';
	if (!(GRANULARITIES as readonly string[]).includes(granularity)) throw new SummaryRequestError(`granularity must be one of ${GRANULARITIES.join(', ')}`);
	const by = params.get('by') || undefined;
	const allowed = METRIC_BREAKDOWNS[metric as Metric];
	if (by && !allowed.includes(by)) throw new SummaryRequestError(`by=${by.slice(0, 30)} does not apply to ${metric}; it takes ${allowed.join(', ') || 'no breakdown'}`);
	if (metric === 'mix' && !by) throw new SummaryRequestError('mix needs by=class (or by=booth)');
	if (metric === 'mixShare' && !by) throw new SummaryRequestError('mixShare needs by=class');
	const booths = params.getAll('booth').flatMap((value) => value.split(',')).filter(Boolean);
	for (const booth of booths) if (!/^[A-Za-z0-9_.:@+-]{1,64}$/.test(booth)) throw new SummaryRequestError('booth must be a booth id');
	const request: TrendRequest = { ...base, metric: metric as Metric, granularity: granularity as Granularity, by, booths };
	const count = bucketStarts(request).length;
	if (count > MAX_BUCKETS) throw new SummaryRequestError(`${count} ${granularity}s are too many for one answer (at most ${MAX_BUCKETS}); choose a coarser granularity`);
	return request;
}

/** The local date of an instant in the time zone, as numbers. */
function localParts(ms: number, timeZone: string) {
	const [year, month, day] = localDateText(ms, timeZone).split('-').map(Number);
	const local = new Date(ms + utcOffsetMs(ms, timeZone));
	return { year, month, day, hour: local.getUTCHours(), weekday: local.getUTCDay() || 7 };
}

/** Every bucket start (epoch ms) of the period, so empty periods show as zero. */
export function bucketStarts(request: Pick<TrendRequest, 'from' | 'to' | 'timeZone' | 'granularity'>): number[] {
	const start = periodInstant(request.from, request.timeZone);
	const end = periodInstant(request.to, request.timeZone);
	const zone = request.timeZone;
	const starts: number[] = [];
	if (request.granularity === 'hour') {
		const first = localParts(start, zone);
		let at = zonedTimeToUtc(first, first.hour * 3600, zone);
		while (at < end && starts.length <= MAX_BUCKETS) {
			if (at >= start || starts.length === 0) starts.push(at);
			at += 3_600_000;
		}
		return starts;
	}
	const first = localParts(start, zone);
	let date = { year: first.year, month: first.month, day: first.day };
	if (request.granularity === 'week') {
		const text = addDays(`${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`, 1 - first.weekday);
		date = { year: +text.slice(0, 4), month: +text.slice(5, 7), day: +text.slice(8, 10) };
	}
	if (request.granularity === 'month' || request.granularity === 'year') date.day = 1;
	if (request.granularity === 'year') date.month = 1;
	for (;;) {
		const at = zonedTimeToUtc(date, 0, zone);
		if (at >= end || starts.length > MAX_BUCKETS) break;
		starts.push(at);
		if (request.granularity === 'day' || request.granularity === 'week') {
			const text = addDays(`${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`, request.granularity === 'day' ? 1 : 7);
			date = { year: +text.slice(0, 4), month: +text.slice(5, 7), day: +text.slice(8, 10) };
		} else if (request.granularity === 'month') date = date.month === 12 ? { year: date.year + 1, month: 1, day: 1 } : { ...date, month: date.month + 1 };
		else date = { year: date.year + 1, month: 1, day: 1 };
	}
	return starts;
}

/** A bucket start as the API shows it. */
export function bucketLabel(ms: number, granularity: Granularity, timeZone: string): string {
	if (granularity !== 'hour') return localDateText(ms, timeZone);
	const offset = utcOffsetMs(ms, timeZone);
	const local = new Date(ms + offset).toISOString().slice(0, 19);
	const sign = offset < 0 ? '-' : '+';
	const minutes = Math.abs(offset) / 60_000;
	return `${local}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** One call metric from one bucket's accumulated rows. */
function callMetricValue(metric: CallMetric, acc: CallAccumulation): number | null {
	const { totals, sums } = acc;
	switch (metric) {
		case 'offered':
		case 'answered':
		case 'abandoned':
		case 'shortAbandoned':
		case 'timedOut':
			return totals[metric];
		case 'asaSeconds':
			return totals.answered > 0 ? sums.answeredWaitMs / 1000 / totals.answered : null;
		case 'avgAbandonWaitSeconds':
			return totals.abandoned > 0 ? sums.abandonedWaitMs / 1000 / totals.abandoned : null;
		case 'serviceLevel':
			return ratio(totals.answeredWithinThreshold, totals.answered + totals.abandoned - totals.shortAbandoned);
		case 'serviceLevelAnswered':
			return ratio(totals.answeredWithinThreshold, totals.answered);
		case 'abandonRate':
			return ratio(totals.abandoned, totals.offered);
		case 'avgTalkSeconds':
			return sums.completed > 0 ? sums.talkMs / 1000 / sums.completed : null;
		case 'avgHoldSeconds':
			return sums.completed > 0 ? sums.holdMs / 1000 / sums.completed : null;
		case 'classified':
			return sums.classified;
		case 'transfers':
			return sums.transfers;
		// Percentiles come from the histograms (trend_histograms.sql), AHT and occupancy need the
		// booth states too (stateMetricValue): not from these rows alone.
		case 'ahtSeconds':
		case 'occupancy':
		case 'waitP50Seconds':
		case 'waitP90Seconds':
		case 'talkP50Seconds':
		case 'talkP90Seconds':
			return null;
		case 'mix':
			return sums.classified;
		case 'mixShare':
			return null;
	}
}

/** Metrics that need the booths' state time (trend_booth_time.sql) as well as the calls. */
const STATE_METRICS: ReadonlySet<Metric> = new Set(['ahtSeconds', 'occupancy']);

/** AHT or occupancy of one bucket: its calls (null when none) and its booth state time, ms. */
function stateMetricValue(metric: Metric, acc: CallAccumulation | null, stateMs: Record<string, number>): number | null {
	const ms = (state: string) => stateMs[state] ?? 0;
	if (metric === 'occupancy') return ratio(ms('on_call') + ms('wrap_up'), ms('available') + ms('ringing') + ms('on_call') + ms('wrap_up'));
	const completed = acc?.sums.completed ?? 0;
	return acc && completed > 0 ? (acc.sums.talkMs + acc.sums.holdMs + ms('wrap_up')) / 1000 / completed : null;
}

/**
 * Booth state time per bucket, ms by state, under '' (or per booth when `byBooth`), up to now.
 * States inside one bucket come summed per bucket; the few that cross a bucket edge come one by
 * one and are cut at the edges here.
 */
async function stateTimeByBucket(analytics: Analytics, request: TrendRequest, params: Record<string, unknown>, starts: number[], byBooth: boolean): Promise<Map<string, Record<string, number>[]>> {
	const rows = await queryRows<{ bucketMs: unknown; booth: string; state: string; spanStart: unknown; spanEnd: unknown; ms: unknown }>(analytics, 'trend_booth_time', {
		...params,
		booths: request.booths,
		nowMs: Date.now()
	});
	const edges = [...starts, periodInstant(request.to, request.timeZone)];
	const index = new Map(starts.map((ms, i) => [ms, i]));
	const groups = new Map<string, Record<string, number>[]>();
	const add = (key: string, i: number, state: string, ms: number) => {
		let group = groups.get(key);
		if (!group) groups.set(key, (group = starts.map(() => ({}))));
		group[i][state] = (group[i][state] ?? 0) + ms;
	};
	for (const row of rows) {
		const key = byBooth ? row.booth || '-' : '';
		const spanStart = toNumber(row.spanStart);
		if (spanStart === 0) {
			const i = index.get(toNumber(row.bucketMs));
			if (i !== undefined) add(key, i, row.state, toNumber(row.ms));
			continue;
		}
		const spanEnd = toNumber(row.spanEnd);
		// The last bucket starting at or before the span, then on across the edges it crosses.
		let i = Math.max(0, edges.findLastIndex((edge, k) => k < starts.length && edge <= spanStart));
		for (; i < starts.length && edges[i] < spanEnd; i++) {
			const ms = Math.min(spanEnd, edges[i + 1]) - Math.max(spanStart, edges[i]);
			if (ms > 0) add(key, i, row.state, ms);
		}
	}
	return groups;
}

interface CaseRow {
	bucket: unknown;
	key: string;
	events: unknown;
	durationSum: unknown;
	durationCount: unknown;
	late: unknown;
}

const PERCENTILE_METRICS: ReadonlySet<Metric> = new Set(['waitP50Seconds', 'waitP90Seconds', 'talkP50Seconds', 'talkP90Seconds']);

interface HistogramRow {
	bucket: unknown;
	/** [whole seconds (talk: 5-second steps), calls]. */
	seconds: [number[], unknown[]];
}

/** trend_calls.sql's parameters: the period, the booths, and the thresholds T and S (whole seconds). */
function callParams(params: Record<string, unknown>, request: Pick<TrendRequest, 'booths' | 'slThreshold' | 'shortAbandon'>) {
	return { ...params, booths: request.booths, slThreshold: request.slThreshold, shortAbandon: request.shortAbandon };
}

/** Which case events a case metric reads, and how a row contributes. */
const CASE_METRIC_RULES: Record<CaseMetric, { type: string; repeatOnly?: boolean; value: 'count' | 'mean' | 'late' }> = {
	casesOpened: { type: 'case.opened', value: 'count' },
	repeatEpisodes: { type: 'case.opened', repeatOnly: true, value: 'count' },
	casesLocated: { type: 'case.located', value: 'count' },
	casesClosed: { type: 'case.closed', value: 'count' },
	timeToLocateSeconds: { type: 'case.located', value: 'mean' },
	referrals: { type: 'case.referred', value: 'count' },
	partnerResponses: { type: 'case.partner_responded', value: 'count' },
	partnerResponseSeconds: { type: 'case.partner_responded', value: 'mean' },
	lateResponses: { type: 'case.partner_responded', value: 'late' }
};

const CALL_BREAKDOWN_KEYS: Record<string, (row: CallRow) => string> = { booth: (row) => row.booth || '-', outcome: (row) => row.outcome };


/** The metric over time, zero-filled (rates and means are null where nothing was measured). */
export async function timeseries(analytics: Analytics, request: TrendRequest): Promise<TrendResult> {
	const starts = bucketStarts(request);
	const index = new Map(starts.map((ms, i) => [Math.round(ms / 1000), i]));
	const labels = starts.map((ms) => bucketLabel(ms, request.granularity, request.timeZone));
	const head = { metric: request.metric, granularity: request.granularity, from: request.from, to: request.to, timeZone: request.timeZone };
	const params = { hotline: request.hotline, from: request.from, to: request.to, tz: request.timeZone, granularity: request.granularity };
	const isCount = COUNT_METRICS.has(request.metric);
	const empty = () => labels.map((t) => ({ t, value: isCount ? 0 : null }) as TrendPoint);

	if (PERCENTILE_METRICS.has(request.metric)) {
		const rows = await queryRows<HistogramRow>(analytics, 'trend_histograms', { ...params, booths: request.booths, which: request.metric.startsWith('wait') ? 'wait' : 'talk' });
		const byBucket = new Map(rows.map((row) => [index.get(toNumber(row.bucket)), row]));
		const share = request.metric.endsWith('P50Seconds') ? 0.5 : 0.9;
		return {
			...head,
			points: labels.map((t, i) => {
				const row = byBucket.get(i);
				const histogram = new Map<number, number>();
				if (row) addHistogram(histogram, row.seconds);
				return { t, value: histogramQuantile(histogram, share) };
			})
		};
	}

	if ((CALL_METRICS as readonly string[]).includes(request.metric)) {
		const metric = request.metric as CallMetric;
		const rows = await queryRows<CallRow & { bucket: unknown }>(analytics, 'trend_calls', callParams(params, request));
		const groups = new Map<string, CallRow[][]>();
		const groupOf = (key: string) => {
			let group = groups.get(key);
			if (!group) groups.set(key, (group = starts.map(() => [])));
			return group;
		};
		for (const row of rows) {
			const i = index.get(toNumber(row.bucket));
			if (i === undefined) continue;
			const key = request.by && request.by !== 'class' ? CALL_BREAKDOWN_KEYS[request.by](row) : '';
			groupOf(key)[i].push(row);
		}
		if (request.by === 'class') {
			const series: Record<string, TrendPoint[]> = Object.fromEntries(CALL_CLASSES.map((cls) => [cls, empty()]));
			const buckets = groups.get('') ?? starts.map(() => []);
			buckets.forEach((bucketRows, i) => {
				const acc = accumulateCalls(bucketRows, request);
				for (const cls of CALL_CLASSES) series[cls][i].value = metric === 'mixShare' ? ratio(acc.mix[cls], acc.totals.answered) : acc.mix[cls];
			});
			return { ...head, by: 'class', series };
		}
		const stateGroups = STATE_METRICS.has(metric) ? await stateTimeByBucket(analytics, request, params, starts, request.by === 'booth') : null;
		const noCalls = () => starts.map((): CallRow[] => []);
		const valuesOf = (key: string) =>
			(groups.get(key) ?? noCalls()).map((bucketRows, i) => {
				const acc = bucketRows.length ? accumulateCalls(bucketRows, request) : null;
				if (stateGroups) return { t: labels[i], value: stateMetricValue(metric, acc, stateGroups.get(key)?.[i] ?? {}) };
				return { t: labels[i], value: acc ? callMetricValue(metric, acc) : isCount ? 0 : null };
			});
		if (!request.by) return { ...head, points: valuesOf('') };
		const keys = new Set([...groups.keys(), ...(stateGroups?.keys() ?? [])]);
		const series: Record<string, TrendPoint[]> = {};
		for (const key of [...keys].sort((a, b) => a.localeCompare(b))) series[key] = valuesOf(key);
		return { ...head, by: request.by, series };
	}

	const rule = CASE_METRIC_RULES[request.metric as CaseMetric];
	const rows = await queryRows<CaseRow>(analytics, 'trend_cases', { ...params, type: rule.type, by: request.by ?? '', repeatOnly: rule.repeatOnly ? 1 : 0 });
	const sums = new Map<string, { count: number; sum: number; measured: number; late: number }[]>();
	const sumsOf = (key: string) => {
		let list = sums.get(key);
		if (!list) sums.set(key, (list = starts.map(() => ({ count: 0, sum: 0, measured: 0, late: 0 }))));
		return list;
	};
	if (!request.by) sumsOf('');
	for (const row of rows) {
		const i = index.get(toNumber(row.bucket));
		if (i === undefined) continue;
		const cell = sumsOf(request.by ? row.key || 'unknown' : '')[i];
		cell.count += toNumber(row.events);
		cell.sum += toNumber(row.durationSum);
		cell.measured += toNumber(row.durationCount);
		cell.late += toNumber(row.late);
	}
	const valuesOf = (cells: { count: number; sum: number; measured: number; late: number }[]) =>
		cells.map((cell, i) => ({ t: labels[i], value: rule.value === 'count' ? cell.count : rule.value === 'late' ? cell.late : cell.measured > 0 ? cell.sum / cell.measured : null }));
	if (!request.by) return { ...head, points: valuesOf(sums.get('')!) };
	const series: Record<string, TrendPoint[]> = {};
	for (const [key, cells] of [...sums.entries()].sort(([a], [b]) => a.localeCompare(b))) series[key] = valuesOf(cells);
	return { ...head, by: request.by, series };
}

export interface Distribution {
	metric: 'wait' | 'talk' | 'timeToLocate' | 'partnerResponse';
	/** Bins of the histogram: [from, to) seconds and how many. */
	bins: { from: number; to: number; count: number }[];
	count: number;
	p50: number | null;
	p90: number | null;
}

/** Bin edges (seconds) that read well for waits, talks and the longer case clocks. */
const EDGES: Record<Distribution['metric'], number[]> = {
	wait: [0, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, Infinity],
	talk: [0, 30, 60, 120, 180, 300, 420, 600, 900, 1200, 1800, 3600, Infinity],
	timeToLocate: [0, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600, 48 * 3600, 7 * 86400, 30 * 86400, Infinity],
	partnerResponse: [0, 900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 24 * 3600, 72 * 3600, Infinity]
};

function binned(metric: Distribution['metric'], values: Map<number, number>): Distribution {
	const edges = EDGES[metric];
	const bins = edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1], count: 0 }));
	let count = 0;
	for (const [seconds, n] of values) {
		count += n;
		const bin = bins.find((b) => seconds >= b.from && seconds < b.to) ?? bins.at(-1)!;
		bin.count += n;
	}
	return { metric, bins, count, p50: histogramQuantile(values, 0.5), p90: histogramQuantile(values, 0.9) };
}

/** Answered waits or talk times (whole seconds, from the rollup), or the case clocks. */
export async function distribution(analytics: Analytics, request: Omit<TrendRequest, 'metric' | 'by'>, metric: Distribution['metric']): Promise<Distribution> {
	const params = { hotline: request.hotline, from: request.from, to: request.to, tz: request.timeZone, granularity: 'year' };
	if (metric === 'wait' || metric === 'talk') {
		const rows = await queryRows<HistogramRow>(analytics, 'trend_histograms', { ...params, booths: request.booths, which: metric });
		const histogram = new Map<number, number>();
		for (const row of rows) addHistogram(histogram, row.seconds);
		return binned(metric, histogram);
	}
	const type = metric === 'timeToLocate' ? 'case.located' : 'case.partner_responded';
	const rows = await queryRows<{ seconds: unknown; events: unknown }>(analytics, 'case_durations', { ...params, type });
	return binned(metric, new Map(rows.map((row) => [toNumber(row.seconds), toNumber(row.events)])));
}

export interface Heatmap {
	/** cells[weekday 1–7 (Monday first)][hour 0–23] */
	cells: { weekday: number; hour: number; offered: number; answered: number; abandoned: number; abandonRate: number | null }[];
}

/** One operator's share of the work over a period. */
export interface OperatorWorkload {
	operator: string;
	/** Calls the operator answered (queued in the period). */
	answered: number;
	talkSeconds: number;
	avgTalkSeconds: number | null;
	/** On calls and in wrap-up, of the time logged in at a booth (null when never logged in). */
	occupancy: number | null;
}

/**
 * The operators' workload: calls answered and talk time from the call facts, occupancy from the
 * booth states each operator was named on. Operators with neither are not listed; most answered
 * first. `nowMs` ends the states still open.
 */
export async function operatorWorkload(analytics: Analytics, request: Omit<TrendRequest, 'metric' | 'by' | 'granularity'>, nowMs: number): Promise<OperatorWorkload[]> {
	const period = { hotline: request.hotline, from: request.from, to: request.to, tz: request.timeZone, booths: request.booths };
	const [callRows, timeRows] = await Promise.all([
		queryRows<{ operator: string; answered: unknown; talkMs: unknown }>(analytics, 'trend_operator_calls', period),
		queryRows<{ operator: string; state: string; ms: unknown }>(analytics, 'stats_booth_time', { ...period, nowMs })
	]);
	const byOperator = new Map<string, { answered: number; talkMs: number; busyMs: number; loggedInMs: number }>();
	const entry = (operator: string) => {
		let found = byOperator.get(operator);
		if (!found) byOperator.set(operator, (found = { answered: 0, talkMs: 0, busyMs: 0, loggedInMs: 0 }));
		return found;
	};
	for (const row of callRows) Object.assign(entry(row.operator), { answered: toNumber(row.answered), talkMs: toNumber(row.talkMs) });
	for (const row of timeRows) {
		if (!row.operator) continue;
		const ms = toNumber(row.ms);
		const found = entry(row.operator);
		if (row.state === 'on_call' || row.state === 'wrap_up') found.busyMs += ms;
		if (row.state === 'on_call' || row.state === 'wrap_up' || row.state === 'available' || row.state === 'ringing') found.loggedInMs += ms;
	}
	return [...byOperator.entries()]
		.map(([operator, work]) => ({
			operator,
			answered: work.answered,
			talkSeconds: Math.round(work.talkMs / 1000),
			avgTalkSeconds: work.answered > 0 ? work.talkMs / 1000 / work.answered : null,
			occupancy: work.loggedInMs > 0 ? work.busyMs / work.loggedInMs : null
		}))
		.sort((a, b) => b.answered - a.answered || a.operator.localeCompare(b.operator));
}

/** The hotlines that have calls or case events, sorted. */
export async function hotlinesWithData(analytics: Analytics): Promise<string[]> {
	const rows = await queryRows<{ hotline: string }>(analytics, 'trend_hotlines', {});
	return rows.map((row) => row.hotline);
}

export async function heatmap(analytics: Analytics, request: Omit<TrendRequest, 'metric' | 'by' | 'granularity'>): Promise<Heatmap> {
	const rows = await queryRows<{ weekday: unknown; hourOfDay: unknown; offered: unknown; abandoned: unknown; answered: unknown }>(analytics, 'trend_heatmap', {
		hotline: request.hotline,
		from: request.from,
		to: request.to,
		tz: request.timeZone,
		booths: request.booths
	});
	const byKey = new Map(rows.map((row) => [`${toNumber(row.weekday)}:${toNumber(row.hourOfDay)}`, row]));
	const cells: Heatmap['cells'] = [];
	for (let weekday = 1; weekday <= 7; weekday++)
		for (let hour = 0; hour < 24; hour++) {
			const row = byKey.get(`${weekday}:${hour}`);
			const offered = toNumber(row?.offered);
			const abandoned = toNumber(row?.abandoned);
			cells.push({ weekday, hour, offered, answered: toNumber(row?.answered), abandoned, abandonRate: ratio(abandoned, offered) });
		}
	return { cells };
}

/**
 * A result as CSV: `t,value` or `t,<key>,<key>…` (RFC 4180 quoting); a protected small cell
 * reads `<5`, an unmeasured one is empty. Protected results end with a `total` row.
 */
export function trendCsv(result: TrendResult & { totals?: Record<string, TrendPoint & { suppressed?: true }> }): string {
	const quote = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
	const cell = (point: (TrendPoint & { suppressed?: true }) | undefined) => (point?.suppressed ? '<5' : point?.value === null || point?.value === undefined ? '' : String(point.value));
	const lines: string[] = [];
	if ('points' in result) {
		lines.push('t,value', ...result.points.map((point) => `${quote(point.t)},${cell(point)}`));
		if (result.totals?.total) lines.push(`total,${cell(result.totals.total)}`);
	} else {
		const keys = Object.keys(result.series);
		const length = keys.length ? result.series[keys[0]].length : 0;
		lines.push(['t', ...keys].map(quote).join(','));
		for (let i = 0; i < length; i++) lines.push([quote(result.series[keys[0]][i].t), ...keys.map((key) => cell(result.series[key][i]))].join(','));
		if (result.totals) lines.push(['total', ...keys.map((key) => cell(result.totals![key]))].join(','));
	}
	return lines.join('\r\n') + '\r\n';
}
