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
