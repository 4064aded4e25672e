export {
	addDays,
	localDate,
	periodInstant,
	summary,
	summaryRequestFrom,
	SummaryRequestError,
	type BoothSummary,
	type Summary,
	type SummaryRequest
} from './summary';
