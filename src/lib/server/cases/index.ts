/**
 * Missing-child cases: cases and their sections, partners and referrals (with signed partner
 * links), follow-up tasks, the timeline, wallboard alerts, and case events (codes only) to
 * ClickHouse through ingest. Every read and change is audited by the service itself.
 */
import { createCases, DEFAULT_CASES_SETTINGS, type Cases, type CasesDeps, type CasesSettings } from './service';

export { createCases, DEFAULT_CASES_SETTINGS, MAX_NO_ACTION_MINUTES, type CaseActor, type CaseListFilter, type CaseListItem, type CaseRow, type Cases, type CasesSettings, type PartnerRow, type ReferralRow, type TaskRow } from './service';
export { CaseError, CASE_FIELD_NAMES, parseCaseFields, TEXT_LIMITS, type CaseFields, type CaseProblem } from './validate';
export { caseErrorResponse, caseFieldsFromBody, caseFilterFrom, caseJson, CaseQueryError } from './api';
export { caseFailure, jsonBody } from './http';
export { checkFile, FILE_KINDS, MAX_FILE_BYTES, sniffMime, type FileKind } from './files';

/** How often wallboard case alerts are re-evaluated without a change (due times pass), ms. */
const ALERT_INTERVAL_MS = 30_000;
/** How often unsent case events are retried, ms. */
const OUTBOX_RETRY_MS = 30_000;

/**
 * Starts the cases module: seeds the partner directory on first start, sends case events left
 * in the outbox, and keeps the wallboard's case alerts current.
 */
export async function startCases(deps: CasesDeps, settings: Omit<CasesSettings, 'noActionMinutes' | 'linkHours'> & Partial<CasesSettings>) {
	const cases: Cases = createCases(deps, { ...DEFAULT_CASES_SETTINGS, ...settings });
	await cases.seedPartners();
	await cases.flushOutbox().catch((error) => console.error('case events could not be sent yet (kept in the outbox):', error));
	let evaluating = false;
	let again = false;
	async function publishAlerts() {
		if (evaluating) {
			again = true;
			return;
		}
		evaluating = true;
		try {
			do {
				again = false;
				deps.bus.emit('cases.alerts', await cases.alerts());
			} while (again);
		} catch (error) {
			console.error('evaluating case alerts failed:', error);
		} finally {
			evaluating = false;
		}
	}
	await publishAlerts();
	const unsubscribe = deps.bus.on('cases.changed', () => void publishAlerts());
	const alertTimer = setInterval(() => void publishAlerts(), ALERT_INTERVAL_MS);
	alertTimer.unref();
	const outboxTimer = setInterval(() => cases.flushOutbox().catch((error) => console.error('case events could not be sent yet (kept in the outbox):', error)), OUTBOX_RETRY_MS);
	outboxTimer.unref();
	return Object.assign(cases, {
		publishAlerts,
		stop() {
			unsubscribe();
			clearInterval(alertTimer);
			clearInterval(outboxTimer);
		}
	});
}

export type CasesModule = Awaited<ReturnType<typeof startCases>>;
