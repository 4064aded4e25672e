/** The one PostgreSQL schema: every module's tables, re-exported for drizzle-kit and the client. */
export { apiKeys, auditLog, displays, loginThrottle, sessions, users } from '../auth/schema';
export { booths } from '../booths/schema';
export { alertThresholds } from '../live/schema';
export { caseAlertRules, caseCalls, caseCounters, caseFiles, caseHistory, caseNotes, caseOutbox, casePersons, cases, consoleClassifications, partnerLinks, partners, referrals, tasks } from '../cases/schema';
export { savedReports } from '../reports/schema';
