/**
 * Live state, projected from the event stream in memory: each booth's state, calls waiting and
 * talking, today's figures and classification mix, alerts. Rebuilt from ClickHouse at start-up so
 * a restart changes no figure; today's figures come from the same KPI summary as the API (so they
 * always agree), refreshed right behind ingest; "today" rolls over at midnight in the hotline's
 * time zone. Calls with no exit are closed by the janitor rule (waiting 4 h, talking 12 h).
 */
import type { LiveAlert, LiveBooth, LiveCaseAlert, LiveBoothState, LiveDelta, LiveSnapshot, LiveThreshold, LiveToday, LiveWaitingCall, AloClass } from '../../live/types';
import { ALO_CLASSES } from '../../live/types';
import { addDays, summary, summaryRequestFrom, type Summary } from '../analytics';
import { listBooths } from '../booths';
import { queryRows, toNumber, type Analytics } from '../clickhouse';
import type { KpiThresholds } from '../config';
import type { Database } from '../db';
import type { CallEvent, Ingest } from '../ingest';
import { localDateText } from '../time';
import { evaluateAlerts, loadThresholds } from './thresholds';

const HOUR_MS = 3_600_000;
/** How far back start-up looks for each booth's last state, days. */
const BOOTH_STATE_DAYS = 7;
export const JANITOR = { waitingHours: 4, activeHours: 12 } as const;
/** Today's figures are recomputed at most this often while events stream in, ms. */
const TODAY_REFRESH_MS = 300;
/** Call ids remembered as finished, so a late queued event does not resurrect a call. */
const FINISHED_MEMORY = 20_000;

interface BoothRecord extends LiveBooth {
	sinceMs: number;
	/** True once the PBX sent booth.state for this booth: call events then no longer set its state. */
	explicit: boolean;
	/**
	 * True while a call put an explicitly available booth on a call (the console says "available";
	 * the PBX sends only call events): the call's end makes it available again.
	 */
	onCallFromCall?: boolean;
}

interface ActiveCall {
	booth: string;
	answeredMs: number;
	operator?: string;
	onHold: boolean;
}

export interface ProjectionSettings {
	hotline: string;
	timeZone: string;
	/** T and S of today's figures. */
	kpi: KpiThresholds;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class LiveProjection {
	private readonly booths = new Map<string, BoothRecord>();
	private readonly waiting = new Map<string, number>();
	private readonly active = new Map<string, ActiveCall>();
	private readonly finished = new Set<string>();
	private labels = new Map<string, string>();
	private thresholds: LiveThreshold[] = [];
	private alerts: LiveAlert[] = [];
	private caseAlerts: LiveCaseAlert[] = [];
	private today: LiveToday;
	private mix: Record<AloClass, number> = Object.fromEntries(ALO_CLASSES.map((c) => [c, 0])) as Record<AloClass, number>;
	private summaryToday: Summary | undefined;
	private day: string;
	private closedToday = 0;
	private refreshTimer: NodeJS.Timeout | undefined;
	private refreshing: Promise<void> | undefined;
	private refreshAgain = false;
	private readonly timers: NodeJS.Timeout[] = [];

	constructor(
		private readonly analytics: Analytics,
		private readonly db: Database,
		private readonly ingest: Pick<Ingest, 'settled'>,
		private readonly settings: ProjectionSettings,
		private readonly publish: (delta: LiveDelta) => void
	) {
		this.day = localDateText(Date.now(), settings.timeZone);
		this.today = emptyToday(this.day, this.settings.kpi.slThreshold);
	}

	/** Loads everything from the stores; called at start-up. */
	async rebuild(now = Date.now()): Promise<void> {
		this.thresholds = await loadThresholds(this.db);
		await this.reloadLabels();
		const hotline = this.settings.hotline;
		const boothRows = await queryRows<{ booth: string; state: string; sinceMs: unknown; reason: string; operator: string }>(this.analytics, 'live_booth_states', { hotline, days: BOOTH_STATE_DAYS });
		this.booths.clear();
		for (const row of boothRows) {
			const sinceMs = toNumber(row.sinceMs);
			this.booths.set(row.booth, { id: row.booth, label: this.label(row.booth), state: row.state as LiveBoothState, since: iso(sinceMs), sinceMs, explicit: true, reason: row.reason || undefined, operator: row.operator || undefined });
		}
		const openRows = await queryRows<{ callId: string; outcome: string; queuedMs: unknown; answeredMs: unknown; booth: string; operator: string }>(this.analytics, 'live_open_calls', {
			hotline,
			waitingSinceMs: now - JANITOR.waitingHours * HOUR_MS,
			activeSinceMs: now - JANITOR.activeHours * HOUR_MS
		});
		this.waiting.clear();
		this.active.clear();
		for (const row of openRows) {
			if (row.outcome === 'waiting') this.waiting.set(row.callId, toNumber(row.queuedMs));
			else {
				const answeredMs = toNumber(row.answeredMs);
				this.active.set(row.callId, { booth: row.booth, answeredMs, operator: row.operator || undefined, onHold: false });
				const booth = this.booth(row.booth, answeredMs);
				booth.callId = row.callId;
				booth.callSince = iso(answeredMs);
				if (row.operator) booth.operator = row.operator;
				if (!booth.explicit) this.setState(booth, 'on_call', answeredMs);
				// As `apply` does: a booth made available (the console) went on this call.
				else if ((booth.state === 'available' || booth.state === 'ringing') && answeredMs >= booth.sinceMs) {
					this.setState(booth, 'on_call', answeredMs);
					booth.onCallFromCall = true;
				}
			}
		}
		const openAlerts = await queryRows<{ key: string; level: string; sinceMs: unknown; value: number; threshold: number }>(this.analytics, 'live_open_alerts', { hotline });
		// Alerts that were open before the restart keep their start time (evaluate keeps `since`
		// while the level holds) and are not logged a second time.
		this.alerts = openAlerts.map((row) => ({ key: row.key, level: row.level as LiveAlert['level'], value: Number(row.value), threshold: Number(row.threshold), since: iso(toNumber(row.sinceMs)) }));
		await this.refreshToday();
		this.evaluate(now);
	}

	/** Starts the timers: the janitor, alert evaluation (waits grow without events), midnight. */
	start(): void {
		const every = (ms: number, work: () => unknown) => {
			const timer = setInterval(() => {
				try {
					const result = work();
					if (result instanceof Promise) result.catch((error) => console.error('live state timer failed:', error));
				} catch (error) {
					console.error('live state timer failed:', error);
				}
			}, ms);
			timer.unref();
			this.timers.push(timer);
		};
		every(1000, () => this.tick());
		every(60_000, () => this.janitor());
		every(60_000, async () => {
			await this.reloadLabels();
			this.thresholds = await loadThresholds(this.db);
			this.scheduleToday(0);
		});
	}

	stop(): void {
		for (const timer of this.timers) clearInterval(timer);
		if (this.refreshTimer) clearTimeout(this.refreshTimer);
	}

	/** The cases module's current alerts; pushed only when the list changed. */
	setCaseAlerts(alerts: LiveCaseAlert[]): void {
		const signature = (list: LiveCaseAlert[]) => list.map((alert) => `${alert.key}:${alert.priority}`).join('|');
		if (signature(alerts) === signature(this.caseAlerts)) return;
		this.caseAlerts = alerts;
		this.publish({ at: iso(Date.now()), caseAlerts: [...alerts] });
	}

	snapshot(now = Date.now()): LiveSnapshot {
		return {
			at: iso(now),
			hotline: this.settings.hotline,
			timeZone: this.settings.timeZone,
			booths: this.boothList(),
			waiting: this.waitingList(now),
			today: this.todayWithLiveWaits(now),
			mix: { ...this.mix },
			alerts: [...this.alerts],
			caseAlerts: [...this.caseAlerts],
			thresholds: [...this.thresholds],
			janitor: { waitingHours: JANITOR.waitingHours, activeHours: JANITOR.activeHours, closedToday: this.closedToday }
		};
	}

	/** Brings today's figures up to date now and pushes them (tests, and after settings change). */
	async refresh(): Promise<void> {
		if (this.refreshing) await this.refreshing;
		await this.refreshToday();
		const now = Date.now();
		this.evaluate(now);
		this.publish({ at: iso(now), today: this.todayWithLiveWaits(now), mix: { ...this.mix }, alerts: [...this.alerts] });
	}

	/** The summary behind today's figures (for the desk view). */
	todaySummary(): Summary | undefined {
		return this.summaryToday;
	}

	async setThresholds(): Promise<void> {
		this.thresholds = await loadThresholds(this.db);
		this.evaluate(Date.now(), true);
	}

	/** Applies accepted events (any order within the batch) and pushes what changed. */
	apply(events: CallEvent[]): void {
		// Events older than what a rebuild would read (replays of old data, late resends) leave live
		// state alone, so the screen shows after a restart exactly what it showed before.
		const now = Date.now();
		const oldest = (event: CallEvent) =>
			event.type === 'booth.state' ? now - BOOTH_STATE_DAYS * 24 * HOUR_MS : event.type === 'call.queued' ? now - JANITOR.waitingHours * HOUR_MS : now - JANITOR.activeHours * HOUR_MS;
		const relevant = events.filter((event) => event.hotline === this.settings.hotline && event.ts >= oldest(event));
		if (relevant.length === 0) return;
		let boothsChanged = false;
		let waitingChanged = false;
		let todayChanged = false;
		for (const event of [...relevant].sort((a, b) => a.ts - b.ts)) {
			if (event.type === 'booth.state' && event.booth && event.data.state) {
				const booth = this.booth(event.booth, event.ts);
				booth.explicit = true;
				booth.onCallFromCall = false;
				if (event.ts >= booth.sinceMs) {
					this.setState(booth, event.data.state, event.ts);
					booth.reason = event.data.state === 'paused' ? event.data.reason : undefined;
					// As at start-up: the latest booth state's operator, or the current call's.
					booth.operator = event.operator ?? (booth.callId ? this.active.get(booth.callId)?.operator : undefined);
					if (event.data.state !== 'on_call' && event.data.state !== 'wrap_up' && event.data.state !== 'ringing') {
						booth.callId = undefined;
						booth.callSince = undefined;
						booth.onHold = undefined;
					}
					boothsChanged = true;
				}
				todayChanged = true;
				continue;
			}
			const callId = event.callId;
			if (!callId || !event.type.startsWith('call.')) continue;
			todayChanged = true;
			switch (event.type) {
				case 'call.queued':
					if (!this.finished.has(callId) && !this.active.has(callId)) {
						this.waiting.set(callId, Math.min(this.waiting.get(callId) ?? Infinity, event.ts));
						waitingChanged = true;
					}
					break;
				case 'call.ringing':
					if (event.booth) {
						const booth = this.booth(event.booth, event.ts);
						if (!booth.explicit && event.ts >= booth.sinceMs) this.setState(booth, 'ringing', event.ts);
						booth.callId = callId;
						boothsChanged = true;
					}
					break;
				case 'call.answered': {
					waitingChanged = this.waiting.delete(callId) || waitingChanged;
					if (this.finished.has(callId)) break;
					const boothId = event.booth ?? '';
					this.active.set(callId, { booth: boothId, answeredMs: event.ts, operator: event.operator, onHold: false });
					if (boothId) {
						const booth = this.booth(boothId, event.ts);
						booth.callId = callId;
						booth.callSince = iso(event.ts);
						if (event.operator) booth.operator = event.operator;
						if (event.ts >= booth.sinceMs) {
							if (!booth.explicit) this.setState(booth, 'on_call', event.ts);
							else if (booth.state === 'available' || booth.state === 'ringing') {
								this.setState(booth, 'on_call', event.ts);
								booth.onCallFromCall = true;
							}
						}
						boothsChanged = true;
					}
					break;
				}
				case 'call.held':
				case 'call.resumed': {
					const call = this.active.get(callId);
					if (call) {
						call.onHold = event.type === 'call.held';
						const booth = this.booths.get(call.booth);
						if (booth && booth.callId === callId) booth.onHold = call.onHold || undefined;
						boothsChanged = true;
					}
					break;
				}
				case 'call.ended':
				case 'call.abandoned':
				case 'call.timeout': {
					waitingChanged = this.waiting.delete(callId) || waitingChanged;
					const call = this.active.get(callId);
					this.active.delete(callId);
					this.remember(callId);
					const booth = this.booths.get(call?.booth ?? event.booth ?? '');
					if (booth && booth.callId === callId) {
						if ((!booth.explicit || (booth.onCallFromCall && booth.state === 'on_call')) && event.ts >= booth.sinceMs) this.setState(booth, 'available', event.ts);
						booth.onCallFromCall = false;
						booth.callId = undefined;
						booth.callSince = undefined;
						booth.onHold = undefined;
						boothsChanged = true;
					}
					break;
				}
			}
		}
		const delta: LiveDelta = { at: iso(now) };
		if (boothsChanged) delta.booths = this.boothList();
		if (waitingChanged) delta.waiting = this.waitingList(now);
		if (boothsChanged || waitingChanged) delta.today = this.todayWithLiveWaits(now);
		if (boothsChanged || waitingChanged) {
			this.evaluate(now);
			delta.alerts = [...this.alerts];
			this.publish(delta);
		}
		if (todayChanged) this.scheduleToday(TODAY_REFRESH_MS);
	}

	private booth(id: string, atMs: number): BoothRecord {
		let booth = this.booths.get(id);
		if (!booth) {
			booth = { id, label: this.label(id), state: 'offline', since: iso(atMs), sinceMs: Number.NEGATIVE_INFINITY, explicit: false };
			this.booths.set(id, booth);
		}
		return booth;
	}

	private setState(booth: BoothRecord, state: LiveBoothState, atMs: number): void {
		if (booth.state !== state) {
			booth.state = state;
			booth.since = iso(atMs);
		}
		booth.sinceMs = atMs;
	}

	private remember(callId: string): void {
		this.finished.add(callId);
		if (this.finished.size > FINISHED_MEMORY) this.finished.delete(this.finished.values().next().value!);
	}

	private label(id: string): string {
		return this.labels.get(id) ?? id;
	}

	private async reloadLabels(): Promise<void> {
		const booths = await listBooths(this.db);
		this.labels = new Map(booths.map((booth) => [booth.id, booth.label]));
		for (const booth of this.booths.values()) booth.label = this.label(booth.id);
	}

	private boothList(): LiveBooth[] {
		return [...this.booths.values()]
			.sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }))
			.map(({ sinceMs: _sinceMs, explicit: _explicit, onCallFromCall: _onCallFromCall, ...booth }) => Object.fromEntries(Object.entries(booth).filter(([, value]) => value !== undefined)) as unknown as LiveBooth);
	}

	private waitingList(now: number): LiveWaitingCall[] {
		return [...this.waiting.entries()]
			.sort((a, b) => a[1] - b[1])
			.map(([callId, queuedMs]) => ({ callId, queuedAt: iso(queuedMs), waitSeconds: Math.max(0, (now - queuedMs) / 1000) }));
	}

	private longestWaitSeconds(now: number): number {
		let oldest = Infinity;
		for (const queuedMs of this.waiting.values()) oldest = Math.min(oldest, queuedMs);
		return oldest === Infinity ? 0 : Math.max(0, (now - oldest) / 1000);
	}

	private todayWithLiveWaits(now: number): LiveToday {
		const longest = this.longestWaitSeconds(now);
		return { ...this.today, longestWaitSeconds: longest, maxWaitTodaySeconds: Math.max(this.today.maxWaitTodaySeconds, longest) };
	}

	/** Recomputes today's figures shortly (coalescing bursts), once the call facts are written. */
	private scheduleToday(delayMs: number): void {
		if (this.refreshing) {
			this.refreshAgain = true;
			return;
		}
		if (this.refreshTimer) return;
		this.refreshTimer = setTimeout(() => {
			this.refreshTimer = undefined;
			this.refreshing = this.refreshToday()
				.then(() => {
					const now = Date.now();
					this.evaluate(now);
					this.publish({ at: iso(now), today: this.todayWithLiveWaits(now), mix: { ...this.mix }, alerts: [...this.alerts], janitor: this.snapshot(now).janitor });
				})
				.catch((error) => console.error('refreshing today\'s figures failed:', error))
				.finally(() => {
					this.refreshing = undefined;
					if (this.refreshAgain) {
						this.refreshAgain = false;
						this.scheduleToday(TODAY_REFRESH_MS);
					}
				});
		}, delayMs);
		this.refreshTimer.unref?.();
	}

	private async refreshToday(): Promise<void> {
		await this.ingest.settled();
		const now = Date.now();
		const day = localDateText(now, this.settings.timeZone);
		if (day !== this.day) {
			this.day = day;
			this.closedToday = 0;
		}
		const request = summaryRequestFrom(new URLSearchParams({ from: day, to: addDays(day, 1), hotline: this.settings.hotline }), { hotline: this.settings.hotline, timeZone: this.settings.timeZone, now, kpi: this.settings.kpi });
		const [kpis, maxRows] = await Promise.all([
			summary(this.analytics, request, now),
			queryRows<{ maxWaitMs: unknown }>(this.analytics, 'live_max_wait', { hotline: this.settings.hotline, from: day, to: addDays(day, 1), tz: this.settings.timeZone })
		]);
		this.summaryToday = kpis;
		this.today = {
			day,
			offered: kpis.offered,
			answered: kpis.answered,
			abandoned: kpis.abandoned,
			shortAbandoned: kpis.shortAbandoned,
			timedOut: kpis.timedOut,
			serviceLevel: kpis.serviceLevel,
			serviceLevelAnswered: kpis.serviceLevelAnswered,
			asaSeconds: kpis.asaSeconds,
			ahtSeconds: kpis.ahtSeconds,
			avgTalkSeconds: kpis.avgTalkSeconds,
			abandonRate: kpis.abandonRate,
			longestWaitSeconds: 0,
			maxWaitTodaySeconds: toNumber(maxRows[0]?.maxWaitMs) / 1000,
			occupancy: kpis.occupancy,
			slThresholdSeconds: kpis.slThresholdSeconds
		};
		this.mix = { ...kpis.mix };
	}

	/** Every second: waits grow and pauses lengthen without any event; also the day may roll over. */
	private tick(): void {
		const now = Date.now();
		if (localDateText(now, this.settings.timeZone) !== this.day) this.scheduleToday(0);
		if (this.evaluate(now)) this.publish({ at: iso(now), alerts: [...this.alerts], today: this.todayWithLiveWaits(now) });
	}

	/** Closes calls that never got an end event (the janitor rule shown on the wallboard). */
	private janitor(now = Date.now()): void {
		let closed = 0;
		for (const [callId, queuedMs] of this.waiting) {
			if (now - queuedMs > JANITOR.waitingHours * HOUR_MS) {
				this.waiting.delete(callId);
				this.remember(callId);
				closed++;
			}
		}
		for (const [callId, call] of this.active) {
			if (now - call.answeredMs > JANITOR.activeHours * HOUR_MS) {
				this.active.delete(callId);
				this.remember(callId);
				const booth = this.booths.get(call.booth);
				if (booth?.callId === callId) {
					booth.callId = undefined;
					booth.callSince = undefined;
				}
				closed++;
			}
		}
		if (closed) {
			this.closedToday += closed;
			this.publish({ at: iso(now), booths: this.boothList(), waiting: this.waitingList(now), janitor: this.snapshot(now).janitor });
		}
	}

	/** Re-evaluates alerts; returns true when the set of alerts or their levels changed. */
	private evaluate(now: number, force = false): boolean {
		const figures: Record<string, number | null> = {
			longestWaitSeconds: this.longestWaitSeconds(now),
			serviceLevel: this.today.serviceLevel,
			abandonRate: this.today.abandonRate,
			asaSeconds: this.today.asaSeconds
		};
		const loggedIn = [...this.booths.values()].filter((booth) => booth.state !== 'offline');
		const allBusy = loggedIn.length > 0 && !loggedIn.some((booth) => booth.state === 'available');
		figures.waitingWhileAllBusy = allBusy && this.waiting.size > 0 ? this.waiting.size : null;
		for (const booth of this.booths.values()) if (booth.state === 'paused') figures[`boothPaused:${booth.id}`] = (now - Date.parse(booth.since)) / 60_000;
		const next = evaluateAlerts(this.thresholds, figures, this.alerts, now);
		const signature = (alerts: LiveAlert[]) => alerts.map((alert) => `${alert.key}:${alert.level}`).join('|');
		const changed = force || signature(next) !== signature(this.alerts);
		if (changed) this.logAlertChanges(this.alerts, next, now);
		this.alerts = next;
		return changed;
	}

	/** Alert transitions go to ClickHouse (`alerts`), for trends and after-the-fact review. */
	private logAlertChanges(before: LiveAlert[], after: LiveAlert[], now: number): void {
		const rows: Record<string, unknown>[] = [];
		for (const alert of after) {
			const old = before.find((a) => a.key === alert.key);
			if (!old || old.level !== alert.level) rows.push({ hotline: this.settings.hotline, at: now, key: alert.key, level: alert.level, value: alert.value, threshold: alert.threshold });
		}
		for (const old of before) if (!after.some((a) => a.key === old.key)) rows.push({ hotline: this.settings.hotline, at: now, key: old.key, level: 'cleared', value: old.value, threshold: old.threshold });
		if (rows.length) this.analytics.client.insert({ table: 'alerts', values: rows, format: 'JSONEachRow' }).catch((error) => console.error('logging alerts failed:', error));
	}
}

function emptyToday(day: string, slThresholdSeconds: number): LiveToday {
	return {
		day,
		offered: 0,
		answered: 0,
		abandoned: 0,
		shortAbandoned: 0,
		timedOut: 0,
		serviceLevel: null,
		serviceLevelAnswered: null,
		asaSeconds: null,
		ahtSeconds: null,
		avgTalkSeconds: null,
		abandonRate: null,
		longestWaitSeconds: 0,
		maxWaitTodaySeconds: 0,
		occupancy: null,
		slThresholdSeconds
	};
}
