/**
 * The case model's codes, shared by the server and the browser: statuses and their graph,
 * missing types (Missing Children Europe), priorities, the risk checklist, partner kinds, referral
 * actions and statuses, task kinds, areas. Labels live in the i18n catalogues under these codes.
 */

export const CASE_STATUSES = [
	'reported',
	'search_active',
	'sighting_reported',
	'located_safe',
	'located_harmed',
	'found_deceased',
	'aftercare',
	'closed',
	'not_missing_child',
	'transferred_abroad'
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Where a case may go from each status. `closed → search_active` is the reopening. */
export const STATUS_GRAPH: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
	reported: ['search_active', 'not_missing_child', 'transferred_abroad'],
	search_active: ['sighting_reported', 'located_safe', 'located_harmed', 'found_deceased', 'not_missing_child', 'transferred_abroad'],
	sighting_reported: ['search_active', 'located_safe', 'located_harmed', 'found_deceased'],
	located_safe: ['aftercare', 'closed'],
	located_harmed: ['aftercare', 'closed'],
	found_deceased: ['aftercare', 'closed'],
	aftercare: ['closed'],
	not_missing_child: ['closed'],
	transferred_abroad: ['closed'],
	closed: ['search_active']
};

/** Statuses in which the child is still missing (clocks run, police checks recur). */
export const SEARCH_STATUSES: readonly CaseStatus[] = ['reported', 'search_active', 'sighting_reported'];
/** Statuses that end the search: the "to located" clock stops here. */
export const LOCATED_STATUSES: readonly CaseStatus[] = ['located_safe', 'located_harmed', 'found_deceased'];
export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((status) => status !== 'closed');

export function canMove(from: CaseStatus, to: CaseStatus): boolean {
	return STATUS_GRAPH[from].includes(to);
}

/** Missing Children Europe's categories of missing children. */
export const MISSING_TYPES = [
	'runaway',
	'parental_abduction_national',
	'parental_abduction_international',
	'criminal_abduction',
	'lost_injured',
	'unaccompanied_migrant',
	'other'
] as const;
export type MissingType = (typeof MISSING_TYPES)[number];

export const PRIORITIES = ['normal', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const RISK_FLAGS = ['under13', 'medical', 'abduction', 'dangerToLife', 'priorEpisodes', 'crossBorder'] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];
export type Risks = Partial<Record<RiskFlag, boolean>>;

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

/** Coarse areas: Albania's twelve counties (ISO 3166-2:AL), abroad, unknown. */
export const AREAS = ['AL-01', 'AL-02', 'AL-03', 'AL-04', 'AL-05', 'AL-06', 'AL-07', 'AL-08', 'AL-09', 'AL-10', 'AL-11', 'AL-12', 'abroad', 'unknown'] as const;
export type Area = (typeof AREAS)[number];
/** County names are proper nouns, the same in both languages. */
export const AREA_NAMES: Readonly<Record<string, string>> = {
	'AL-01': 'Berat', 'AL-02': 'Durrës', 'AL-03': 'Elbasan', 'AL-04': 'Fier', 'AL-05': 'Gjirokastër', 'AL-06': 'Korçë',
	'AL-07': 'Kukës', 'AL-08': 'Lezhë', 'AL-09': 'Dibër', 'AL-10': 'Shkodër', 'AL-11': 'Tiranë', 'AL-12': 'Vlorë'
};

export const PERSON_ROLES_ON_CASE = ['parent', 'guardian', 'sibling', 'relative', 'friend', 'suspect', 'witness', 'professional', 'other'] as const;
export type CasePersonRole = (typeof PERSON_ROLES_ON_CASE)[number];

export const PARTNER_KINDS = [
	'emergency_services',
	'ministry_interior',
	'ministry_social_affairs',
	'child_protection',
	'state_police',
	'judiciary',
	'embassy',
	'interpol',
	'mass_media',
	'mobile_operator',
	'electronic_communications',
	'international_organisation',
	'local_organisation'
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const REFERRAL_ACTIONS = ['report_missing', 'request_location', 'publicity_appeal', 'database_check', 'hague_return', 'counselling_referral'] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

export const REFERRAL_STATUSES = ['sent', 'acknowledged', 'in_progress', 'done', 'rejected', 'revoked'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_GRAPH: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
	sent: ['acknowledged', 'in_progress', 'done', 'rejected', 'revoked'],
	acknowledged: ['in_progress', 'done', 'rejected', 'revoked'],
	in_progress: ['done', 'rejected', 'revoked'],
	done: [],
	rejected: [],
	revoked: []
};
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['sent', 'acknowledged', 'in_progress'];
/** What a partner may answer through a link (revoking is the hotline's). */
export const PARTNER_ANSWERS: readonly ReferralStatus[] = ['acknowledged', 'in_progress', 'done', 'rejected'];

/**
 * What a partner link shows, per action: only what that action needs.
 * child = names, age, sex, nationality, languages; description = description and photos;
 * disappearance = last seen when/where, circumstances; police = police reference.
 */
export const ACTION_SECTIONS: Readonly<Record<ReferralAction, readonly ('child' | 'birth' | 'description' | 'photos' | 'disappearance' | 'police')[]>> = {
	report_missing: ['child', 'birth', 'description', 'photos', 'disappearance'],
	request_location: ['disappearance', 'police'],
	publicity_appeal: ['child', 'description', 'photos', 'disappearance'],
	database_check: ['child', 'birth'],
	hague_return: ['child', 'birth', 'police'],
	counselling_referral: ['child']
};

/** The partner kinds usually asked for each action (the referral form suggests these first). */
export const ACTION_PARTNER_KINDS: Readonly<Record<ReferralAction, readonly PartnerKind[]>> = {
	report_missing: ['state_police', 'emergency_services', 'interpol'],
	request_location: ['mobile_operator', 'electronic_communications', 'state_police'],
	publicity_appeal: ['mass_media', 'international_organisation', 'local_organisation'],
	database_check: ['state_police', 'interpol', 'ministry_interior', 'embassy'],
	hague_return: ['judiciary', 'ministry_social_affairs', 'embassy'],
	counselling_referral: ['child_protection', 'local_organisation', 'ministry_social_affairs']
};

export const TASK_KINDS = ['callback_parent', 'police_check', 'return_interview', 'other'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Booth pause reasons an operator can pick at the console. */
export const PAUSE_REASONS = ['break', 'case_work', 'training', 'meeting', 'admin'] as const;

/** Age bands for ClickHouse and lists (a child's age never leaves PostgreSQL more precisely). */
export const AGE_BANDS = ['0-5', '6-12', '13-15', '16-17', '18+', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBand(age: number | null): AgeBand {
	if (age === null || !Number.isFinite(age)) return 'unknown';
	if (age <= 5) return '0-5';
	if (age <= 12) return '6-12';
	if (age <= 15) return '13-15';
	if (age <= 17) return '16-17';
	return '18+';
}

/** Whole years between a birth date (YYYY-MM-DD) and a moment. */
export function ageOn(birthDate: string, at: Date): number {
	const [year, month, day] = birthDate.split('-').map(Number);
	let age = at.getUTCFullYear() - year;
	if (at.getUTCMonth() + 1 < month || (at.getUTCMonth() + 1 === month && at.getUTCDate() < day)) age -= 1;
	return age;
}

/** The priority the checklist suggests; people can raise or lower it. */
export function suggestedPriority(risks: Risks, missingType: MissingType): Priority {
	if (risks.dangerToLife || (risks.abduction && risks.under13) || missingType === 'criminal_abduction') return 'critical';
	if (risks.under13 || risks.medical || risks.abduction || risks.crossBorder || missingType === 'parental_abduction_international' || missingType === 'unaccompanied_migrant')
		return 'high';
	return 'normal';
}

/**
 * The usual European child-alert (AMBER) criteria: a minor, believed abducted, in danger of
 * serious harm or death, and enough description to make a public appeal useful.
 */
export function amberAlertCriteria(input: { age: number | null; risks: Risks; missingType: MissingType; hasDescription: boolean; hasPhoto: boolean }) {
	const criteria = {
		minor: input.age === null || input.age < 18,
		abducted: !!input.risks.abduction || input.missingType === 'criminal_abduction',
		danger: !!input.risks.dangerToLife,
		describable: input.hasDescription || input.hasPhoto
	};
	return { ...criteria, met: criteria.minor && criteria.abducted && criteria.danger && criteria.describable };
}
