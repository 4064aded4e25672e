export {
	addDays,
	periodInstant,
	summary,
	summaryRequestFrom,
	SummaryRequestError,
	type BoothSummary,
	type Summary,
	type SummaryRequest
} from './summary';
export { TrendCache } from './cache';
export { accumulateCalls, histogramQuantile, type CallRow } from './calls';
export {
	bucketLabel,
	bucketStarts,
	CALL_METRICS,
	CASE_METRICS,
	COUNT_METRICS,
	distribution,
	GRANULARITIES,
	heatmap,
	hotlinesWithData,
	METRIC_BREAKDOWNS,
	METRICS,
	operatorWorkload,
	timeseries,
	trendCsv,
	trendRequestFrom,
	type Distribution,
	type Granularity,
	type Heatmap,
	type Metric,
	type OperatorWorkload,
	type TrendPoint,
	type TrendRequest,
	type TrendResult
} from './trends';
export { ADVOCACY_GRANULARITIES, alignToMonths, protectCount, protectedShare, protectMean, protectResult, ROUNDING_BASE, SMALL_CELL, type ProtectedPoint } from './privacy';
