/**
 * Trends and reports: the charts management and advocacy read, composed from the analytics
 * module (ClickHouse rollups, cached) and the cases module (partners' expected response times,
 * overdue referrals). Advocacy gets the same charts, aggregates only, with every count about
 * children protected (analytics/privacy.ts) and periods in whole months.
 */
import {
	addDays,
	alignToMonths,
	distribution,
	heatmap,
	hotlinesWithData,
	operatorWorkload,
	periodInstant,
	protectCount,
	protectMean,
	protectResult,
	protectedShare,
	summary,
	SummaryRequestError,
	timeseries,
	type Distribution,
	type Granularity,
	type Heatmap,
	type Metric,
	type OperatorWorkload,
	type TrendCache,
	type TrendPoint,
	type TrendRequest,
	type TrendResult
} from '../analytics';
import type { Analytics } from '../clickhouse';
import type { KpiThresholds } from '../config';
import type { CasesModule } from '../cases';
import { localDateText } from '../time';

export { CHART_IDS, deleteReport, getReport, listReports, ReportError, saveReport, type SavedReport } from './saved';
export { annualCsv, annualExports, CHI_CATEGORIES, type AnnualExports } from './annual';

export type Audience = 'management' | 'advocacy';
export const PRESETS = ['this_week', 'last_30_days', 'this_month', 'this_year', 'last_year', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];
export const COMPARISONS = ['none', 'previous', 'last_year'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export interface TrendsQuery {
	/** Whose figures: this server's hotline unless another one with data is asked for. */
	hotline: string;
	preset: Preset;
	from: string;
	to: string;
	granularity: Granularity;
	compare: Comparison;
	booths: string[];
	/** Limits the classification charts to one class. */
	callClass: string | null;
}

export interface TrendsDeps {
	analytics: Analytics;
	cache: TrendCache;
	cases: Pick<CasesModule, 'listPartners' | 'overdueReferrals'>;
	/**
	 * Resolves once the calls of every accepted event are derived (ingest.settled): the cache is
	 * invalidated when events are accepted, so a figure computed before their calls reach the
	 * rollup would otherwise stay cached without them.
	 */
	settled: () => Promise<void>;
	hotline: string;
	timeZone: string;
	/** The hotline's T and S. */
	kpi: KpiThresholds;
}

export interface LoadOptions {
	/** Service-level target and ASA target, for the reference lines (the warning thresholds). */
	targets: { serviceLevel: number; asaSeconds: number };
	/** Booth id → label, for the workload chart. */
	boothLabel?: (id: string) => string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLASSES = ['localization', 'counseling', 'info_child', 'info_parent', 'info_professional', 'referral'];

function monday(date: string): string {
	const weekday = new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
	return addDays(date, 1 - weekday);
}

/** The granularity that suits a period's length (about 7–60 points). */
function naturalGranularity(from: string, to: string): Granularity {
	const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
	if (days <= 2) return 'hour';
	if (days <= 62) return 'day';
	if (days <= 400) return 'month';
	return 'year';
}

/**
 * The page's choices from its query string: a preset or a custom range, a granularity, a
 * comparison and filters. Advocacy periods are whole months and buckets months or years.
 */
/**
 * The query a page's settings describe. `hotline` is the server's own, the default; another one
 * is taken only from `hotlines` (those with data), so a typed id cannot probe for hotlines.
 */
export function parseTrendsQuery(params: URLSearchParams, settings: { timeZone: string; now?: number; audience: Audience; hotline: string; hotlines?: readonly string[] }): TrendsQuery {
	const hotline = params.get('hotline') || settings.hotline;
	if (hotline !== settings.hotline && !settings.hotlines?.includes(hotline)) throw new SummaryRequestError(`hotline ${hotline.slice(0, 64)} has no figures here`);
	const today = localDateText(settings.now ?? Date.now(), settings.timeZone);
	const presetText = params.get('preset') || (params.get('from') ? 'custom' : settings.audience === 'advocacy' ? 'this_year' : 'last_30_days');
	if (!(PRESETS as readonly string[]).includes(presetText)) throw new SummaryRequestError(`preset must be one of ${PRESETS.join(', ')}`);
	const preset = presetText as Preset;
	let from: string;
	let to: string;
	switch (preset) {
		case 'this_week':
			from = monday(today);
			to = addDays(from, 7);
			break;
		case 'last_30_days':
			from = addDays(today, -29);
			to = addDays(today, 1);
			break;
		case 'this_month':
			from = `${today.slice(0, 7)}-01`;
			to = alignToMonths(from, addDays(from, 1)).to;
			break;
		case 'this_year':
			from = `${today.slice(0, 4)}-01-01`;
			to = `${Number(today.slice(0, 4)) + 1}-01-01`;
			break;
		case 'last_year':
			from = `${Number(today.slice(0, 4)) - 1}-01-01`;
			to = `${today.slice(0, 4)}-01-01`;
			break;
		default: {
			from = params.get('from') ?? '';
			to = params.get('to') ?? '';
			if (!DATE.test(from) || !DATE.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) throw new SummaryRequestError('from and to must be dates YYYY-MM-DD');
			if (to <= from) throw new SummaryRequestError(`to (${to}) must be after from (${from})`);
		}
	}
	if (settings.audience === 'advocacy') ({ from, to } = alignToMonths(from, to));
	const granularityText = params.get('granularity') || naturalGranularity(from, to);
	const allowed: Granularity[] = settings.audience === 'advocacy' ? ['month', 'year'] : ['hour', 'day', 'week', 'month', 'year'];
	let granularity = (allowed as string[]).includes(granularityText) ? (granularityText as Granularity) : settings.audience === 'advocacy' ? 'month' : 'day';
	// An hour view of more than 31 days would be thousands of points: days instead.
	if (granularity === 'hour' && Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > 31 * 86_400_000) granularity = 'day';
	const compareText = params.get('compare') || 'none';
	const compare = ((COMPARISONS as readonly string[]).includes(compareText) ? compareText : 'none') as Comparison;
	const booths = settings.audience === 'advocacy' ? [] : params.getAll('booth').flatMap((b) => b.split(',')).filter((b) => /^[A-Za-z0-9_.:@+-]{1,64}$/.test(b));
	const callClass = params.get('class');
	return { hotline, preset, from, to, granularity, compare, booths, callClass: callClass && CLASSES.includes(callClass) ? callClass : null };
}

/** The period compared with: the one just before (same length), or the same dates a year before. */
export function comparisonPeriod(query: Pick<TrendsQuery, 'from' | 'to' | 'compare'>): { from: string; to: string } | null {
	if (query.compare === 'none') return null;
	if (query.compare === 'last_year') {
		const back = (date: string) => `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`.replace(/-02-29$/, '-02-28');
		return { from: back(query.from), to: back(query.to) };
	}
	// Whole months (always so for advocacy) compare with as many whole months just before, so a
	// comparison never cuts a protected month.
	if (query.from.endsWith('-01') && query.to.endsWith('-01')) {
		const months = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
		const monthText = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
		const length = months(query.to) - months(query.from);
		return { from: monthText(months(query.from) - length), to: query.from };
	}
	const days = Math.round((Date.parse(`${query.to}T00:00:00Z`) - Date.parse(`${query.from}T00:00:00Z`)) / 86_400_000);
	return { from: addDays(query.from, -days), to: query.from };
}

/** A point as charts read it: `suppressed` marks a protected small cell ("<5"). */
export interface ChartPoint extends TrendPoint {
	suppressed?: true;
}
export type ChartSeries = Record<string, ChartPoint[]>;

export interface DistributionData extends Omit<Distribution, 'bins'> {
	bins: { from: number; to: number; count: number | null; suppressed?: true }[];
}

export interface TrendsData {
	audience: Audience;
	query: TrendsQuery;
	/** The figures are another hotline's than this server's own (their hotline is then named). */
	otherHotline: boolean;
	timeZone: string;
	compareWith: { from: string; to: string } | null;
	generatedAt: string;
	/** offered, answered, abandoned (and `<name>Compare` with the comparison period's points). */
	volume: ChartSeries;
	service: { serviceLevel: ChartPoint[]; asaSeconds: ChartPoint[]; compare?: { serviceLevel: ChartPoint[]; asaSeconds: ChartPoint[] }; targets: { serviceLevel: number; asaSeconds: number }; thresholds: KpiThresholds };
	heatmap: { cells: (Omit<Heatmap['cells'][number], 'offered' | 'abandoned' | 'answered'> & { offered: number | null; abandoned: number | null; answered: number | null; suppressed?: true })[] };
	mix: { counts: ChartSeries; shares: ChartSeries };
	waits: DistributionData;
	talks: DistributionData;
	/** Management only. */
	workload: { booth: string; label: string; answered: number; talkSeconds: number; avgTalkSeconds: number | null; occupancy: number | null }[] | null;
	/** Management only: the same per operator (who answered, who was logged in). */
	operators: OperatorWorkload[] | null;
	/** Management only: the booths' occupancy over the period, per bucket. */
	occupancy: ChartPoint[] | null;
	cases: {
		openedByType: ChartSeries;
		outcomes: ChartSeries;
		repeatEpisodes: ChartPoint[];
		timeToLocate: DistributionData;
		partnerResponse: { partner: string; responses: number | null; meanSeconds: number | null; expectedSeconds: number | null; late: number | null; suppressed?: true }[];
		/** Management only: referrals past due without an answer, now, per partner kind. */
		overdueReferrals: { partner: string; count: number }[] | null;
		crossBorderShare: number | null;
	};
}

export function createTrends(deps: TrendsDeps) {
	const base = (query: TrendsQuery, period = { from: query.from, to: query.to }) => ({
		hotline: query.hotline,
		from: period.from,
		to: period.to,
		timeZone: deps.timeZone,
		slThreshold: deps.kpi.slThreshold,
		shortAbandon: deps.kpi.shortAbandon,
		granularity: query.granularity,
		booths: query.booths
	});

	function cached<T>(name: string, request: Record<string, unknown> & { to: string }, compute: () => Promise<T>): Promise<T> {
		return deps.cache.get(JSON.stringify([name, request]), periodInstant(request.to, deps.timeZone), compute);
	}

	function series(query: TrendsQuery, metric: Metric, by?: string, period?: { from: string; to: string }): Promise<TrendResult> {
		const request: TrendRequest = { ...base(query, period), metric, by };
		return cached('timeseries', request as unknown as Record<string, unknown> & { to: string }, () => timeseries(deps.analytics, request));
	}

	const pointsOf = (result: TrendResult): ChartPoint[] => ('points' in result ? result.points : []);
	const seriesOf = (result: TrendResult): ChartSeries => ('series' in result ? result.series : {});

	/** Protects counts for advocacy; management sees them as they are. */
	function guard(result: TrendResult, metric: Metric, audience: Audience): TrendResult {
		return audience === 'advocacy' ? protectResult(result, metric) : result;
	}

	function guardDistribution(value: Distribution, audience: Audience): DistributionData {
		if (audience === 'management') return value;
		const basis = value.count;
		return {
			...value,
			count: protectCount(value.count).value ?? 0,
			p50: protectMean(value.p50, basis).value,
			p90: protectMean(value.p90, basis).value,
			bins: value.bins.map((bin) => {
				const cell = protectCount(bin.count);
				return { from: bin.from, to: bin.to, count: cell.value, ...(cell.suppressed ? { suppressed: true as const } : {}) };
			})
		};
	}

	/**
	 * The hotlines the pages offer: this server's own and every other one with data. Cached until
	 * new events land (a new hotline appears with its first events).
	 */
	async function hotlines(): Promise<string[]> {
		await deps.settled();
		const found = await deps.cache.get('["hotlines"]', Number.MAX_SAFE_INTEGER, () => hotlinesWithData(deps.analytics));
		return [...new Set([deps.hotline, ...found])].sort();
	}

	/** Every chart of the trends page (management) or the reports page (advocacy). */
	async function load(query: TrendsQuery, audience: Audience, options: LoadOptions): Promise<TrendsData> {
		await deps.settled();
		const compareWith = comparisonPeriod(query);
		const periodRequest = base(query);
		const [offered, answered, abandoned, serviceLevel, asaSeconds, mixCounts, mixShares, opened, located, repeat] = await Promise.all([
			series(query, 'offered'),
			series(query, 'answered'),
			series(query, 'abandoned'),
			series(query, 'serviceLevel'),
			series(query, 'asaSeconds'),
			series(query, 'mix', 'class'),
			series(query, 'mixShare', 'class'),
			series(query, 'casesOpened', 'missingType'),
			series(query, 'casesLocated', 'status'),
			series(query, 'repeatEpisodes')
		]);
		const compared = compareWith
			? await Promise.all(['offered', 'answered', 'abandoned', 'serviceLevel', 'asaSeconds'].map((metric) => series(query, metric as Metric, undefined, compareWith)))
			: null;
		const [heat, waits, talks, timeToLocate, responses, responseCounts, lateCounts, openedByBorder] = await Promise.all([
			cached('heatmap', periodRequest, () => heatmap(deps.analytics, periodRequest)),
			cached('distribution-wait', periodRequest, () => distribution(deps.analytics, periodRequest, 'wait')),
			cached('distribution-talk', periodRequest, () => distribution(deps.analytics, periodRequest, 'talk')),
			cached('distribution-locate', periodRequest, () => distribution(deps.analytics, periodRequest, 'timeToLocate')),
			series({ ...query, granularity: 'year' }, 'partnerResponseSeconds', 'partner'),
			series({ ...query, granularity: 'year' }, 'partnerResponses', 'partner'),
			series({ ...query, granularity: 'year' }, 'lateResponses', 'partner'),
			series({ ...query, granularity: 'year' }, 'casesOpened', 'crossBorder')
		]);
		const guarded = (result: TrendResult, metric: Metric) => guard(result, metric, audience);
		const volume: ChartSeries = {
			offered: pointsOf(guarded(offered, 'offered')),
			answered: pointsOf(guarded(answered, 'answered')),
			abandoned: pointsOf(guarded(abandoned, 'abandoned'))
		};
		if (compared) {
			volume.offeredCompare = pointsOf(guarded(compared[0], 'offered'));
			volume.answeredCompare = pointsOf(guarded(compared[1], 'answered'));
			volume.abandonedCompare = pointsOf(guarded(compared[2], 'abandoned'));
		}
		const sum = (result: TrendResult) => Object.values(seriesOf(result)).reduce((total, points) => total + points.reduce((s, p) => s + (p.value ?? 0), 0), 0);
		// The partner directory and the open referrals are this server's hotline's (its cases).
		const ownHotline = query.hotline === deps.hotline;
		const partners = ownHotline ? await deps.cases.listPartners() : [];
		const expectedByKind = new Map<string, number[]>();
		for (const partner of partners) expectedByKind.set(partner.kind, [...(expectedByKind.get(partner.kind) ?? []), partner.expectedResponseMinutes * 60]);
		const responseSeries = seriesOf(responses);
		const partnerResponse = Object.keys(seriesOf(responseCounts)).map((partner) => {
			const count = seriesOf(responseCounts)[partner].reduce((s, p) => s + (p.value ?? 0), 0);
			const late = (seriesOf(lateCounts)[partner] ?? []).reduce((s, p) => s + (p.value ?? 0), 0);
			const means = (responseSeries[partner] ?? []).filter((p) => p.value !== null);
			const meanSeconds = means.length ? means.reduce((s, p) => s + (p.value ?? 0), 0) / means.length : null;
			const expected = expectedByKind.get(partner);
			const expectedSeconds = expected?.length ? expected.reduce((a, b) => a + b, 0) / expected.length : null;
			if (audience === 'management') return { partner, responses: count, meanSeconds, expectedSeconds, late };
			const mean = protectMean(meanSeconds, count);
			return { partner, responses: protectCount(count).value, meanSeconds: mean.value, expectedSeconds, late: protectCount(late).value, ...(mean.suppressed ? { suppressed: true as const } : {}) };
		});
		const border = seriesOf(openedByBorder);
		const crossBorderCount = (border.yes ?? []).reduce((s, p) => s + (p.value ?? 0), 0);
		const openedCount = sum(openedByBorder);
		let workload: TrendsData['workload'] = null;
		let operators: TrendsData['operators'] = null;
		let occupancy: TrendsData['occupancy'] = null;
		let overdueReferrals: TrendsData['cases']['overdueReferrals'] = null;
		if (audience === 'management') {
			const [kpis, operatorRows, occupancySeries] = await Promise.all([
				cached('summary', periodRequest, () => summary(deps.analytics, periodRequest)),
				cached('operators', periodRequest, () => operatorWorkload(deps.analytics, periodRequest, Date.now())),
				series(query, 'occupancy')
			]);
			operators = operatorRows;
			occupancy = pointsOf(occupancySeries);
			workload = kpis.byBooth.map((booth) => {
				const seconds = booth.stateSeconds;
				const busy = (seconds.on_call ?? 0) + (seconds.wrap_up ?? 0);
				const loggedIn = busy + (seconds.available ?? 0) + (seconds.ringing ?? 0);
				return { booth: booth.booth, label: options.boothLabel?.(booth.booth) ?? booth.booth, answered: booth.answered, talkSeconds: booth.talkSeconds, avgTalkSeconds: booth.avgTalkSeconds, occupancy: loggedIn > 0 ? busy / loggedIn : null };
			});
			if (ownHotline) {
				const overdue = await deps.cases.overdueReferrals();
				const byKind = new Map<string, number>();
				for (const referral of overdue) byKind.set(referral.partnerKind, (byKind.get(referral.partnerKind) ?? 0) + 1);
				overdueReferrals = [...byKind.entries()].map(([partner, count]) => ({ partner, count })).sort((a, b) => b.count - a.count);
			}
		}
		const serviceShown = (result: TrendResult, counts: TrendResult) =>
			audience === 'management'
				? pointsOf(result)
				: pointsOf(result).map((point, i) => ({ t: point.t, ...protectMean(point.value, pointsOf(counts)[i]?.value ?? 0) }));
		return {
			audience,
			query,
			otherHotline: !ownHotline,
			timeZone: deps.timeZone,
			compareWith,
			generatedAt: new Date().toISOString(),
			volume,
			service: {
				serviceLevel: serviceShown(serviceLevel, answered),
				asaSeconds: serviceShown(asaSeconds, answered),
				...(compared ? { compare: { serviceLevel: serviceShown(compared[3], compared[1]), asaSeconds: serviceShown(compared[4], compared[1]) } } : {}),
				targets: options.targets,
				thresholds: deps.kpi
			},
			heatmap: {
				cells: heat.cells.map((cell) => {
					if (audience === 'management') return cell;
					const offeredCell = protectCount(cell.offered);
					return {
						...cell,
						offered: offeredCell.value,
						answered: protectCount(cell.answered).value,
						abandoned: protectCount(cell.abandoned).value,
						abandonRate: protectMean(cell.abandonRate, cell.offered).value,
						...(offeredCell.suppressed ? { suppressed: true as const } : {})
					};
				})
			},
			mix: onlyClass(query.callClass, { counts: seriesOf(guarded(mixCounts, 'mix')), shares: audience === 'management' ? seriesOf(mixShares) : sharesOf(seriesOf(guarded(mixCounts, 'mix'))) }),
			waits: guardDistribution(waits, audience),
			talks: guardDistribution(talks, audience),
			workload,
			operators,
			occupancy,
			cases: {
				openedByType: seriesOf(guarded(opened, 'casesOpened')),
				outcomes: seriesOf(guarded(located, 'casesLocated')),
				repeatEpisodes: pointsOf(guarded(repeat, 'repeatEpisodes')),
				timeToLocate: guardDistribution(timeToLocate, audience),
				partnerResponse,
				overdueReferrals,
				crossBorderShare: audience === 'advocacy' ? protectedShare(crossBorderCount, openedCount) : openedCount > 0 ? crossBorderCount / openedCount : null
			}
		};
	}

	return { load, hotlines };
}

/** The classification charts limited to one class when the page filters by class. */
function onlyClass(callClass: string | null, mix: { counts: ChartSeries; shares: ChartSeries }) {
	if (!callClass) return mix;
	const pick = (series: ChartSeries) => (series[callClass] ? { [callClass]: series[callClass] } : {});
	return { counts: pick(mix.counts), shares: pick(mix.shares) };
}

/** Shares per bucket from protected counts (so advocacy shares never reveal a small cell). */
function sharesOf(counts: ChartSeries): ChartSeries {
	const keys = Object.keys(counts);
	const length = keys.length ? counts[keys[0]].length : 0;
	const shares: ChartSeries = Object.fromEntries(keys.map((key) => [key, [] as ChartPoint[]]));
	for (let i = 0; i < length; i++) {
		const total = keys.reduce((s, key) => s + (counts[key][i].value ?? 0), 0);
		for (const key of keys) {
			const point = counts[key][i];
			shares[key].push(point.suppressed ? { t: point.t, value: null, suppressed: true } : { t: point.t, value: total > 0 ? (point.value ?? 0) / total : null });
		}
	}
	return shares;
}

export type Trends = ReturnType<typeof createTrends>;
