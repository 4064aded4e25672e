/**
 * Live state for wallboards: the in-memory projection of the event stream, pushed over /ws as a
 * snapshot and coalesced deltas, served as JSON at /api/v1/live, and the desk view's detail.
 */
import type { WebSocketServer } from 'ws';
import type { LiveDelta, LiveSnapshot } from '../../live/types';
import { addDays } from '../analytics';
import type { Bus } from '../bus';
import { queryRows, toNumber, type Analytics } from '../clickhouse';
import type { Database } from '../db';
import type { Ingest } from '../ingest';
import { localDateText } from '../time';
import { LiveHub } from './hub';
import { LiveProjection, type ProjectionSettings } from './projection';

export { LiveHub, type HubOptions, type LiveMessage } from './hub';
export { JANITOR, LiveProjection } from './projection';
export { DEFAULT_THRESHOLDS, loadThresholds, resetThreshold, saveThreshold, serviceTargets, ThresholdError } from './thresholds';

export interface LiveSettings extends ProjectionSettings {
	/** Minimum interval between two pushes to a screen, ms. */
	coalesceMs?: number;
}

export interface DeskData {
	snapshot: LiveSnapshot;
	booths: { id: string; label: string; answered: number; talkSeconds: number; avgTalkSeconds: number | null; pausedSeconds: number }[];
	lastCalls: { callId: string; queuedAt: string; outcome: string; waitSeconds: number; talkSeconds: number; booth: string; classes: string[] }[];
}

export function startLive(deps: { bus: Bus; analytics: Analytics; db: Database; ingest: Pick<Ingest, 'settled'> }, settings: LiveSettings) {
	let hub: LiveHub<LiveSnapshot, LiveDelta> | undefined;
	const projection = new LiveProjection(deps.analytics, deps.db, deps.ingest, settings, (delta) => hub?.publish(delta));
	hub = new LiveHub<LiveSnapshot, LiveDelta>({
		snapshot: () => projection.snapshot(),
		// A delta replaces whole sections, so the newer section wins.
		merge: (pending, next) => ({ ...pending, ...next }),
		coalesceMs: settings.coalesceMs ?? 50
	});
	// Booths and the queue move as soon as events are validated (the insert takes tens of ms);
	// should an insert fail, live state is rebuilt from what the stores really hold.
	const unsubscribeIncoming = deps.bus.on('events.incoming', (events) => projection.apply(events));
	const unsubscribeCaseAlerts = deps.bus.on('cases.alerts', (alerts) => projection.setCaseAlerts(alerts));
	const unsubscribeLost = deps.bus.on('events.lost', () => {
		projection.rebuild().catch((error) => console.error('rebuilding live state after a failed insert failed:', error));
	});
	const liveHub = hub;
	return {
		hub: liveHub,
		projection,
		snapshot: () => projection.snapshot(),
		attach: (server: WebSocketServer) => liveHub.attach(server),
		/** Loads live state from the stores and starts its timers. */
		async start() {
			await projection.rebuild();
			projection.start();
		},
		async deskData(): Promise<DeskData> {
			const snapshot = projection.snapshot();
			const day = localDateText(Date.now(), settings.timeZone);
			const labels = new Map(snapshot.booths.map((booth) => [booth.id, booth.label]));
			const byBooth = projection.todaySummary()?.byBooth ?? [];
			const rows = await queryRows<{ callId: string; queuedMs: unknown; outcome: string; waitMs: unknown; talkMs: unknown; booth: string; classes: string[] }>(deps.analytics, 'desk_last_calls', {
				hotline: settings.hotline,
				from: day,
				to: addDays(day, 1),
				tz: settings.timeZone,
				limit: 30
			});
			return {
				snapshot,
				booths: byBooth.map((booth) => ({
					id: booth.booth,
					label: labels.get(booth.booth) ?? booth.booth,
					answered: booth.answered,
					talkSeconds: booth.talkSeconds,
					avgTalkSeconds: booth.avgTalkSeconds,
					pausedSeconds: booth.stateSeconds.paused ?? 0
				})),
				lastCalls: rows.map((row) => ({
					callId: row.callId,
					queuedAt: new Date(toNumber(row.queuedMs)).toISOString(),
					outcome: row.outcome,
					waitSeconds: toNumber(row.waitMs) / 1000,
					talkSeconds: toNumber(row.talkMs) / 1000,
					booth: row.booth,
					classes: row.classes
				}))
			};
		},
		close() {
			unsubscribeIncoming();
			unsubscribeLost();
			unsubscribeCaseAlerts();
			projection.stop();
			liveHub.close();
		}
	};
}

export type Live = ReturnType<typeof startLive>;

/** The desk view's data for the running app (used by the /desk page). */
export function deskData(app: { live: Live }): Promise<DeskData> {
	return app.live.deskData();
}
