/**
 * The live wallboard's data, shared by the server (projection, /api/v1/live, /ws) and the
 * browser. Times are ISO-8601 instants from the server's clock; clients correct their own clock
 * by the offset between a message's `at` and their receipt time.
 */
export type LiveBoothState = 'offline' | 'available' | 'ringing' | 'on_call' | 'wrap_up' | 'paused';

export const ALO_CLASSES = ['localization', 'counseling', 'info_child', 'info_parent', 'info_professional', 'referral'] as const;
export type AloClass = (typeof ALO_CLASSES)[number];

export interface LiveBooth {
	id: string;
	/** The admin's name for the booth (booths table), else its id. */
	label: string;
	state: LiveBoothState;
	/** When the booth entered this state. */
	since: string;
	callId?: string;
	/** When the current call was answered. */
	callSince?: string;
	operator?: string;
	/** Pause reason (break, training, …). */
	reason?: string;
	onHold?: boolean;
}

export interface LiveWaitingCall {
	callId: string;
	queuedAt: string;
	/** Wait when the message was made, seconds; clients tick it on from queuedAt. */
	waitSeconds: number;
}

/** Today's figures: the KPI contract's names (rates 0–1, durations in seconds, null when undefined). */
export interface LiveToday {
	day: string;
	offered: number;
	answered: number;
	abandoned: number;
	shortAbandoned: number;
	timedOut: number;
	serviceLevel: number | null;
	serviceLevelAnswered: number | null;
	asaSeconds: number | null;
	ahtSeconds: number | null;
	avgTalkSeconds: number | null;
	abandonRate: number | null;
	longestWaitSeconds: number;
	maxWaitTodaySeconds: number;
	occupancy: number | null;
	slThresholdSeconds: number;
}

export type AlertLevel = 'warning' | 'alarm';

export interface LiveAlert {
	/** What is out of bounds: a KPI name, `allBoothsBusy`, or `boothPaused:<id>`. */
	key: string;
	level: AlertLevel;
	/** The value that crossed the threshold. */
	value: number;
	threshold: number;
	since: string;
}

/** A case that needs someone now (case number and codes only: wall screens are seen by visitors). */
export interface LiveCaseAlert {
	key: string;
	kind: 'task_overdue' | 'referral_overdue' | 'no_partner_action';
	caseNumber: string;
	priority: 'normal' | 'high' | 'critical';
	/** When it became due (or when the no-action limit passed). */
	since: string;
	/** Task kind, partner kind, or the no-action limit in minutes. */
	detail: string;
}

export interface LiveThreshold {
	kpi: string;
	/** 'above' when high values are bad (waits), 'below' when low values are bad (service level). */
	direction: 'above' | 'below';
	warning: number;
	alarm: number;
}

export interface LiveSnapshot {
	at: string;
	hotline: string;
	timeZone: string;
	booths: LiveBooth[];
	waiting: LiveWaitingCall[];
	today: LiveToday;
	mix: Record<AloClass, number>;
	alerts: LiveAlert[];
	/** Cases that need someone now (overdue follow-ups and referrals, urgent cases without a partner action). */
	caseAlerts: LiveCaseAlert[];
	thresholds: LiveThreshold[];
	/** The janitor rule, stated on screen: calls without an end are closed after these hours. */
	janitor: { waitingHours: number; activeHours: number; closedToday: number };
}

/** A delta replaces whole sections of the snapshot. */
export type LiveDelta = Partial<Omit<LiveSnapshot, 'hotline' | 'timeZone'>>;
