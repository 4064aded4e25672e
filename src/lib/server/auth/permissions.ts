/**
 * Who may do what: the one permission table. Every route, form action and API endpoint names
 * one of these permissions in routes.ts; hooks.server.ts checks it before anything else runs.
 */
export const ROLES = ['admin', 'supervisor', 'operator', 'manager', 'advocacy', 'display'] as const;
export type Role = (typeof ROLES)[number];

/** Roles a person can be given (display sessions come only from display tokens). */
export const PERSON_ROLES = ['admin', 'supervisor', 'operator', 'manager', 'advocacy'] as const satisfies readonly Role[];

export const PERMISSIONS = [
	/** The live wallboard (a display sees only its own board). */
	'wallboard.view',
	/** KPI figures and summaries. */
	'stats.read',
	/** People: create, change role, disable, reset password, end sessions. */
	'users.manage',
	'booths.manage',
	'apikeys.manage',
	'displays.manage',
	'audit.read',
	/** Warning and alarm levels of the wallboard's figures. */
	'thresholds.manage',
	/** The admin overview page. */
	'admin.view',
	/** Pages any signed-in person has (own account, sign out). */
	'account.self',
	/** The operator console: sit at a booth, set its state, classify calls, enter calls by hand. */
	'console.use',
	/** Missing-child cases: read them (names included; every read is audited). */
	'cases.read',
	/** Open cases, change them, refer them to partners, add notes, files and tasks. */
	'cases.write',
	/** The whole team's follow-ups (a supervisor's view), not only one's own. */
	'tasks.team',
	/** The partner directory: add, change, deactivate partners. */
	'partners.manage',
	/** Trends with exact figures and the workload of booths (management). */
	'trends.view',
	/** Advocacy reports: protected aggregates, exports, saved reports, the annual exports. */
	'reports.view'
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ADMIN_PERMISSIONS: readonly Permission[] = ['users.manage', 'booths.manage', 'apikeys.manage', 'displays.manage', 'audit.read', 'admin.view'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
	admin: ['wallboard.view', 'stats.read', 'account.self', 'thresholds.manage', ...ADMIN_PERMISSIONS, 'cases.read', 'cases.write', 'tasks.team', 'partners.manage', 'trends.view', 'reports.view'],
	supervisor: ['wallboard.view', 'stats.read', 'account.self', 'thresholds.manage', 'console.use', 'cases.read', 'cases.write', 'tasks.team', 'partners.manage', 'trends.view', 'reports.view'],
	operator: ['account.self', 'console.use', 'cases.read', 'cases.write'],
	manager: ['wallboard.view', 'stats.read', 'account.self', 'trends.view', 'reports.view'],
	advocacy: ['account.self', 'reports.view'],
	display: ['wallboard.view']
};

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isPersonRole(value: unknown): value is (typeof PERSON_ROLES)[number] {
	return typeof value === 'string' && (PERSON_ROLES as readonly string[]).includes(value);
}

export function can(role: Role | undefined, permission: Permission): boolean {
	return role !== undefined && ROLE_PERMISSIONS[role].includes(permission);
}
