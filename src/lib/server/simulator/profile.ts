/**
 * The traffic a simulated 116 000 line sees: when calls come, how long callers wait and talk,
 * what the calls are about, and how booths are staffed. Figures are chosen to look like a small
 * national line (ALO 116-000: 4 booths, ~400 calls a day, 24/7), not measured.
 */
import type { CallClass } from '../ingest/events';

/**
 * Relative call volume per local hour 0–23: near silence at 3–4 am, a climb through the
 * morning, the peak after school and work (15–18 h), tailing off through the evening.
 */
export const HOURLY_WEIGHTS: readonly number[] = [
	1.2, 0.8, 0.5, 0.3, 0.3, 0.5, 1.0, 2.0, 3.5, 4.5, 5.0, 5.2, 5.0, 5.0, 5.5, 6.5, 7.0, 6.8, 6.0, 5.0, 4.0, 3.2, 2.4, 1.7
];

/**
 * Main topic of an answered call. Counselling and information requests dominate a
 * missing-children line; actual localisation work and referrals to partners are rarer.
 */
export const CLASS_WEIGHTS: readonly (readonly [CallClass, number])[] = [
	['counseling', 30],
	['info_parent', 20],
	['info_child', 17],
	['info_professional', 13],
	['localization', 11],
	['referral', 9]
];
/** Share of answered calls that carry a second class. */
export const SECOND_CLASS_SHARE = 0.15;

/** Seconds between reaching the hotline (IVR greeting) and entering the queue. */
export const IVR_SECONDS = { min: 3, max: 12 } as const;
/** Share of callers who hang up within the first seconds of waiting, and how soon (s). */
export const SHORT_PATIENCE = { share: 0.07, minSeconds: 1, maxSeconds: 5 } as const;
/**
 * Share of callers who never hang up while waiting (a frightened parent stays on the line); in an
 * overloaded queue these are the calls that reach the maximum wait and time out.
 */
export const PERSISTENT_SHARE = 0.03;
/** Patience of the other callers, lognormal: median 50 s, mean ≈ 75 s. */
export const PATIENCE = { medianSeconds: 50, sigma: 0.9 } as const;
/** The queue gives up on a call after this wait (s) and reports call.timeout. */
export const MAX_WAIT_SECONDS = 600;
/** Seconds a booth rings before the operator picks up. */
export const RING_SECONDS = { min: 2, max: 8 } as const;
/** Talk time, lognormal: median 4 min, mean ≈ 5 min; clamped to [min, max] seconds. */
export const TALK = { medianSeconds: 240, sigma: 0.75, minSeconds: 15, maxSeconds: 75 * 60 } as const;
/** Share of answered calls put on hold once (operator checks a record, asks a colleague). */
export const HOLD = { share: 0.12, minSeconds: 15, maxSeconds: 120, earliestFraction: 0.2, latestFraction: 0.7 } as const;
/** Share of calls the operator ends (the rest the caller ends). */
export const OPERATOR_ENDS_SHARE = 0.45;
/** After-call work per call, seconds; the classification is entered during it. */
export const WRAP_UP_SECONDS = { min: 20, max: 90 } as const;
/** Share of callers who called before (the same caller hash), and how many past callers are remembered. */
export const REPEAT_CALLER = { share: 0.12, memory: 50 } as const;
export const CALLER_HASH_LENGTH = 32;

/**
 * Breaks: each booth pauses every 1.5–3 h for 5–20 min, one booth at a time (the supervisor
 * staggers them); a fifth of pauses are training rather than a break.
 */
export const PAUSE = {
	firstAfterMinutes: { min: 30, max: 180 },
	everyMinutes: { min: 90, max: 180 },
	lengthMinutes: { min: 5, max: 20 },
	retryMinutes: 10,
	trainingShare: 0.2
} as const;

/** Three 8-hour shifts a day, starting at these local hours. */
export const SHIFT_START_HOURS = [7, 15, 23] as const;
export const SHIFT_HOURS = 8;
/** Operator ids (Albanian first names, lower-case ASCII). */
export const OPERATORS: readonly string[] = [
	'ana',
	'arben',
	'besa',
	'blerina',
	'drita',
	'elira',
	'erion',
	'genta',
	'ilir',
	'klea',
	'luan',
	'mira',
	'sokol',
	'teuta',
	'valbona',
	'fatjon'
];
