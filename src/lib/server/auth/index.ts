/** Accounts, sessions, roles and permissions, API keys, display tokens, throttling and audit. */
export {
	API_KEY_SCOPES,
	ApiKeyError,
	createApiKey,
	createKeyVerifier,
	hashSecret,
	listApiKeys,
	parseScopes,
	revokeApiKey,
	type ApiKeyRecord,
	type ApiKeyScope,
	type KeyCheck,
	type KeyVerifier
} from './apiKeys';
export { auditActions, listAudit, recordAudit, SYSTEM_ACTOR, type Actor, type AuditEntry, type AuditFilter } from './audit';
export { createDisplay, DisplayError, listDisplays, pairDisplay, reissueDisplay, revokeDisplay, PAIRING_TTL_MS, type DisplayRecord } from './displays';
export { MIN_PASSWORD_LENGTH, passwordProblem } from './passwords';
export { can, isPersonRole, isRole, PERMISSIONS, PERSON_ROLES, ROLE_PERMISSIONS, ROLES, type Permission, type Role } from './permissions';
export { ROUTE_ACCESS, type Access, type RouteRule } from './routes';
export {
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	SESSION_COOKIE,
	validateSessionToken,
	type SessionUser,
	type ValidSession
} from './sessions';
export { DEFAULT_THROTTLE, type ThrottleSettings } from './throttle';
export {
	changeRole,
	countUsers,
	createFirstAdmin,
	createUser,
	endSessions,
	listUsers,
	resetPassword,
	setDisabled,
	signIn,
	UserError,
	type UserProblem,
	type UserRecord
} from './users';
export { authorize, identify, type Caller, type Decision, type GuardRequest } from './guard';
export { clearSessionCookie, setSessionCookie } from './cookies';
