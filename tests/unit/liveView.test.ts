/**
 * What the wallboard computes from a snapshot: levels against thresholds (and the server's
 * alerts), ticking waits, timer texts, and the alert sentences in both languages.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
import { alertText, kpiTiles } from '../../src/lib/live/figures';
import type { LiveSnapshot, LiveThreshold } from '../../src/lib/live/types';
import { clockText, durationParts, kpiLevel, longestWaitNow, thresholdLevel, waitingNow } from '../../src/lib/live/view';

const wait: LiveThreshold = { kpi: 'longestWaitSeconds', direction: 'above', warning: 60, alarm: 120 };
const sl: LiveThreshold = { kpi: 'serviceLevel', direction: 'below', warning: 0.8, alarm: 0.6 };

describe('levels', () => {
	it('reads a threshold in its direction; equal to the limit is still within it', () => {
		expect(thresholdLevel(wait, 60)).toBe('normal');
		expect(thresholdLevel(wait, 61)).toBe('warning');
		expect(thresholdLevel(wait, 121)).toBe('alarm');
		expect(thresholdLevel(sl, 0.8)).toBe('normal');
		expect(thresholdLevel(sl, 0.79)).toBe('warning');
		expect(thresholdLevel(sl, 0.5)).toBe('alarm');
		expect(thresholdLevel(sl, null)).toBe('normal');
		expect(thresholdLevel(undefined, 1e9)).toBe('normal');
	});

	it('takes the worse of the server alert and the ticking value', () => {
		const snap = { thresholds: [wait, sl], alerts: [{ key: 'serviceLevel', level: 'alarm' as const, value: 0.5, threshold: 0.6, since: '' }] };
		expect(kpiLevel('serviceLevel', 0.9, snap)).toBe('alarm');
		expect(kpiLevel('longestWaitSeconds', 70, snap)).toBe('warning');
		expect(kpiLevel('offered', 500, snap)).toBe('normal');
	});
});

describe('timers', () => {
	it('writes clock-style timers and duration parts', () => {
		expect(clockText(7)).toBe('0:07');
		expect(clockText(725)).toBe('12:05');
		expect(clockText(3729)).toBe('1:02:09');
		expect(clockText(-3)).toBe('0:00');
		expect(durationParts(312)).toEqual([
			{ value: '5', unit: 'min' },
			{ value: '12', unit: 's' }
		]);
		expect(durationParts(null)).toBeNull();
	});

	it('ticks waits on from the queue time, longest first', () => {
		const now = Date.parse('2026-11-28T15:00:00Z');
		const waiting = [
			{ callId: 'a', queuedAt: '2026-11-28T14:59:50Z', waitSeconds: 2 },
			{ callId: 'b', queuedAt: '2026-11-28T14:58:00Z', waitSeconds: 100 }
		];
		expect(waitingNow(waiting, now).map((call) => [call.callId, call.wait])).toEqual([
			['b', 120],
			['a', 10]
		]);
		expect(longestWaitNow(waiting, now)).toBe(120);
		expect(longestWaitNow([], now)).toBe(0);
	});
});

describe('figures in words', () => {
	const now = Date.parse('2026-11-28T15:00:00Z');
	const snap: LiveSnapshot = {
		at: new Date(now).toISOString(),
		hotline: 'al-116000',
		timeZone: 'Europe/Tirane',
		booths: [{ id: '2', label: '2', state: 'paused', since: '2026-11-28T14:40:00Z', reason: 'break' }],
		waiting: [{ callId: 'q', queuedAt: '2026-11-28T14:58:30Z', waitSeconds: 80 }],
		today: {
			day: '2026-11-28',
			offered: 200,
			answered: 180,
			abandoned: 20,
			shortAbandoned: 4,
			timedOut: 0,
			serviceLevel: 0.75,
			serviceLevelAnswered: 0.8,
			asaSeconds: 14.2,
			ahtSeconds: 380,
			avgTalkSeconds: 300,
			abandonRate: 0.1,
			longestWaitSeconds: 80,
			maxWaitTodaySeconds: 300,
			occupancy: 0.7,
			slThresholdSeconds: 20
		},
		mix: { localization: 1, counseling: 2, info_child: 3, info_parent: 4, info_professional: 5, referral: 6 },
		caseAlerts: [],
		alerts: [
			{ key: 'boothPaused:2', level: 'warning', value: 16, threshold: 15, since: '2026-11-28T14:56:00Z' },
			{ key: 'waitingWhileAllBusy', level: 'warning', value: 1, threshold: 0, since: '2026-11-28T14:58:30Z' },
			{ key: 'serviceLevel', level: 'warning', value: 0.75, threshold: 0.8, since: '2026-11-28T14:50:00Z' }
		],
		thresholds: [wait, sl],
		janitor: { waitingHours: 4, activeHours: 12, closedToday: 0 }
	};

	it('says what each alert is about, with the pause ticking on', () => {
		const en = translator('en');
		expect(alertText(en, snap, snap.alerts[0], now)).toBe('Booth 2 paused for 20 min 00 s');
		expect(alertText(en, snap, snap.alerts[1])).toBe('All booths busy, 1 waiting');
		expect(alertText(en, snap, snap.alerts[2])).toBe('Service level: 75% (limit 80%)');
		expect(alertText(en, snap, snap.alerts[2], now, true)).toBe('Service level 75%');
		expect(alertText(translator('sq'), snap, snap.alerts[2])).toBe('Niveli i shërbimit: 75% (kufiri 80%)');
	});

	it('makes ten tiles with levels and targets', () => {
		const tiles = kpiTiles(translator('en'), snap, now).flat();
		expect(tiles.map((tile) => tile.kpi)).toEqual([
			'serviceLevel',
			'longestWaitSeconds',
			'asaSeconds',
			'abandonRate',
			'occupancy',
			'offered',
			'answered',
			'abandoned',
			'maxWaitTodaySeconds',
			'ahtSeconds'
		]);
		const byKpi = Object.fromEntries(tiles.map((tile) => [tile.kpi, tile]));
		expect(byKpi.serviceLevel.level).toBe('warning');
		expect(byKpi.serviceLevel.sub).toBe('target ≥ 80% within 20 s');
		expect(byKpi.longestWaitSeconds.text).toBe('1 min 30 s');
		expect(byKpi.longestWaitSeconds.level).toBe('warning');
		expect(byKpi.ahtSeconds.text).toBe('6 min 20 s');
		expect(byKpi.occupancy.sub).toBe('0 of 1 booths busy now');
	});
});
