/**
 * Case events for trends, demos and benchmarks: the lifecycle of simulated missing-child cases as
 * `case.*` events with codes only (no case exists in PostgreSQL for them; they stand for cases
 * of the past). Shares follow the mix a 116 000 hotline reports to Missing Children Europe:
 * mostly runaways, then lost or injured, parental abductions, migrants. Deterministic per seed.
 */
import type { RawEvent } from '../ingest';
import { chance, createRandom, exponential, lognormal, pickWeighted, uniform } from './random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const MISSING_TYPES: readonly (readonly [string, number])[] = [
	['runaway', 55],
	['lost_injured', 14],
	['parental_abduction_national', 10],
	['parental_abduction_international', 7],
	['unaccompanied_migrant', 6],
	['criminal_abduction', 2],
	['other', 6]
];
const AGE_BANDS: readonly (readonly [string, number])[] = [
	['0-5', 8],
	['6-12', 22],
	['13-15', 38],
	['16-17', 30],
	['unknown', 2]
];
/** Tirana and Durrës weigh most, as in the country's population. */
const AREAS: readonly (readonly [string, number])[] = [
	['AL-11', 32], ['AL-02', 11], ['AL-03', 9], ['AL-04', 9], ['AL-10', 7], ['AL-12', 7], ['AL-06', 6], ['AL-01', 4], ['AL-08', 4], ['AL-05', 2], ['AL-09', 3], ['AL-07', 2], ['abroad', 3], ['unknown', 1]
];
/** Partner kinds with their expected response, minutes, and how often they answer in time. */
const PARTNERS: Record<string, { expected: number; onTime: number }> = {
	state_police: { expected: 60, onTime: 0.75 },
	child_protection: { expected: 240, onTime: 0.6 },
	mobile_operator: { expected: 120, onTime: 0.5 },
	embassy: { expected: 1440, onTime: 0.55 },
	interpol: { expected: 240, onTime: 0.7 },
	mass_media: { expected: 240, onTime: 0.8 },
	judiciary: { expected: 2880, onTime: 0.4 }
};
const EXTRA_REFERRALS: readonly (readonly [string, string, number])[] = [
	['child_protection', 'counselling_referral', 30],
	['mobile_operator', 'request_location', 20],
	['mass_media', 'publicity_appeal', 10],
	['interpol', 'database_check', 8],
	['embassy', 'database_check', 6],
	['judiciary', 'hague_return', 4]
];

export interface SimulateCasesOptions {
	start: number;
	durationMs: number;
	seed?: number;
	hotline?: string;
	/** Mean cases opened per day; default 1.5. */
	casesPerDay?: number;
	/** Events after this instant are left out (they have not happened yet); default now. */
	until?: number;
}

export function* simulateCases(opts: SimulateCasesOptions): Generator<RawEvent, void, undefined> {
	const random = createRandom(opts.seed ?? 1, 7);
	const until = opts.until ?? Date.now();
	const end = Math.min(opts.start + opts.durationMs, until);
	const perDay = opts.casesPerDay ?? 1.5;
	let at = opts.start + exponential(random, DAY / perDay);
	let n = 0;
	while (at < end) {
		n += 1;
		const caseId = `sim-${opts.seed ?? 1}-${Math.round(opts.start / 1000)}-${n}`;
		const missingType = pickWeighted(random, MISSING_TYPES);
		const crossBorder = missingType === 'parental_abduction_international' || missingType === 'unaccompanied_migrant' || chance(random, 0.03);
		const ageBand = pickWeighted(random, AGE_BANDS);
		const priority = missingType === 'criminal_abduction' || chance(random, 0.05) ? 'critical' : ageBand === '0-5' || ageBand === '6-12' || crossBorder ? 'high' : 'normal';
		const codes = { caseId, missingType, priority, ageBand, area: pickWeighted(random, AREAS), episode: chance(random, 0.22) ? 2 + Math.floor(random() * 3) : 1, crossBorder };
		const events: RawEvent[] = [];
		let step = 0;
		const push = (type: string, ts: number, data: Record<string, unknown>) => {
			if (ts <= until) events.push({ id: `${caseId}-${++step}`, type, ts: Math.round(ts), ...(opts.hotline ? { hotline: opts.hotline } : {}), data: { ...codes, ...data } });
		};
		const lastSeen = at - lognormal(random, 6 * HOUR, 0.9);
		push('case.opened', at, { status: 'reported' });
		push('case.status_changed', at + uniform(random, 2, 20) * MINUTE, { status: 'search_active', fromStatus: 'reported' });
		const referrals: [string, string][] = [['state_police', 'report_missing']];
		for (const [kind, action, weight] of EXTRA_REFERRALS) if (chance(random, weight / 100)) referrals.push([kind, action]);
		referrals.forEach(([kind, action], i) => {
			const sent = at + (i === 0 ? uniform(random, 5, 40) : uniform(random, 30, 600)) * MINUTE;
			const partner = PARTNERS[kind];
			const onTime = chance(random, partner.onTime);
			const answer = onTime ? uniform(random, 0.1, 1) * partner.expected : partner.expected * (1 + lognormal(random, 0.5, 0.8));
			const referralId = `${caseId}-r${i}`;
			push('case.referred', sent, { partner: kind, action, referralId, status: 'search_active', expectedSeconds: partner.expected * 60 });
			push('case.partner_responded', sent + answer * MINUTE, { partner: kind, action, referralId, status: 'search_active', durationSeconds: Math.round(answer * 60), expectedSeconds: partner.expected * 60 });
		});
		if (chance(random, 0.03)) {
			push('case.status_changed', at + uniform(random, 1, 24) * HOUR, { status: 'not_missing_child', fromStatus: 'search_active' });
		} else if (chance(random, 0.9)) {
			const toLocated = lognormal(random, 16 * HOUR, 1.2);
			const outcome = pickWeighted(random, [['located_safe', 91], ['located_harmed', 8], ['found_deceased', 1]] as const);
			const locatedAt = at + toLocated;
			push('case.status_changed', locatedAt, { status: outcome, fromStatus: 'search_active', durationSeconds: Math.round(toLocated / 1000) });
			push('case.located', locatedAt, { status: outcome, fromStatus: 'search_active', durationSeconds: Math.round(toLocated / 1000), sinceLastSeenSeconds: Math.round((locatedAt - lastSeen) / 1000) });
			const closedAt = locatedAt + uniform(random, 1, 14) * DAY;
			push('case.closed', closedAt, { status: 'closed', fromStatus: outcome, durationSeconds: Math.round((closedAt - at) / 1000) });
		}
		yield* events.sort((a, b) => Number(a.ts) - Number(b.ts));
		at += exponential(random, DAY / perDay);
	}
}
