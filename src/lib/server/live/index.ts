/**
 * Live state pushed to browsers over /ws. For now the projection is the ingest pulse (what was
 * accepted since start-up, per event type); the wallboard's booth and queue state builds on it.
 */
import type { WebSocketServer } from 'ws';
import type { Bus } from '../bus';
import { LiveHub } from './hub';

export { LiveHub, type HubOptions, type LiveMessage } from './hub';

export interface IngestPulse {
	startedAt: string;
	accepted: number;
	byType: Record<string, number>;
	lastEventAt: string | null;
}

export type IngestPulseDelta = Pick<IngestPulse, 'accepted' | 'byType' | 'lastEventAt'>;

export function startLive(bus: Bus, options: { coalesceMs?: number } = {}) {
	const pulse: IngestPulse = { startedAt: new Date().toISOString(), accepted: 0, byType: {}, lastEventAt: null };
	const hub = new LiveHub<IngestPulse, IngestPulseDelta>({
		snapshot: () => structuredClone(pulse),
		// Deltas carry absolute values, so the newest one wins.
		merge: (_pending, next) => next,
		coalesceMs: options.coalesceMs
	});
	const unsubscribe = bus.on('events.accepted', (events) => {
		pulse.accepted += events.length;
		let latest = pulse.lastEventAt ? Date.parse(pulse.lastEventAt) : 0;
		for (const event of events) {
			pulse.byType[event.type] = (pulse.byType[event.type] ?? 0) + 1;
			if (event.ts > latest) latest = event.ts;
		}
		pulse.lastEventAt = new Date(latest).toISOString();
		hub.publish({ accepted: pulse.accepted, byType: { ...pulse.byType }, lastEventAt: pulse.lastEventAt });
	});
	return {
		hub,
		pulse: () => structuredClone(pulse),
		attach: (server: WebSocketServer) => hub.attach(server),
		close() {
			unsubscribe();
			hub.close();
		}
	};
}

export type Live = ReturnType<typeof startLive>;
