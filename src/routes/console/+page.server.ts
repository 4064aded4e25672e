/**
 * The operator console: sit at a booth, set its state, see the call in progress, classify calls
 * (and open or link a case), enter a call the PBX did not see. Roles: console.use.
 *
 * The booth this browser sits at is remembered in a cookie (a booth laptop stays at its booth).
 * Booth states and calls go through ingest as v1 events, like the PBX's, so the wallboard, the
 * desk and the figures see the console's changes the same way; the classification is also kept
 * with the case service (its outcome text and case link never reach ClickHouse).
 */
import { randomUUID } from 'node:crypto';
import { fail, redirect, type Cookies } from '@sveltejs/kit';
import { PAUSE_REASONS } from '$lib/cases/model';
import { formList, formText } from '$lib/forms';
import { ALO_CLASSES, type LiveBooth, type LiveSnapshot } from '$lib/live/types';
import { listBooths } from '$lib/server/booths';
import { CaseError, TEXT_LIMITS } from '$lib/server/cases';
import { runningApp } from '$lib/server/http';
import { CALL_CLASSES, type RawEvent } from '$lib/server/ingest';
import { deskData } from '$lib/server/live';
import { localDateText, zonedTimeToUtc } from '$lib/server/time';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const BOOTH_COOKIE = 'alo_booth';
/** How long a browser remembers its booth: a booth laptop keeps its place for months, s. */
const BOOTH_COOKIE_SECONDS = 180 * 24 * 3600;
const BOOTH_ID = /^[A-Za-z0-9_-]{1,32}$/;
/** Call ids as ingest accepts them (printable ASCII, as sent by the PBX). */
const CALL_ID = /^[A-Za-z0-9_.:@+-]{1,64}$/;
/** Longest call entered by hand, minutes (the janitor closes longer calls anyway). */
const MAX_MANUAL_MINUTES = 240;
/** Unclassified calls of the booth shown at most. */
const UNCLASSIFIED_LIMIT = 5;

export type ConsoleProblem =
	| 'no_booth'
	| 'bad_booth'
	| 'booth_busy'
	| 'on_call'
	| 'bad_state'
	| 'bad_reason'
	| 'bad_call'
	| 'no_class'
	| 'bad_class'
	| 'bad_minutes'
	| 'case_not_found';

export interface BoothChoice {
	id: string;
	label: string;
	state: LiveBooth['state'];
	since: string | null;
	operator: string | null;
	onCall: boolean;
}

/** Booths the operator can pick: those in use (admin list) and any the live state knows. */
async function boothChoices(snapshot: LiveSnapshot): Promise<BoothChoice[]> {
	const app = runningApp();
	const configured = await listBooths(app.database.db);
	const live = new Map(snapshot.booths.map((booth) => [booth.id, booth]));
	const choices = new Map<string, BoothChoice>();
	const choice = (id: string, label: string, booth: LiveBooth | undefined): BoothChoice => ({
		id,
		label,
		state: booth?.state ?? 'offline',
		since: booth?.since ?? null,
		operator: booth?.operator ?? null,
		onCall: !!booth?.callSince
	});
	for (const booth of configured) {
		// A booth taken out of use is offered only while someone still works at it.
		const now = live.get(booth.id);
		if (booth.active || (now && now.state !== 'offline')) choices.set(booth.id, choice(booth.id, booth.label, now));
	}
	const inactive = new Set(configured.filter((booth) => !booth.active).map((booth) => booth.id));
	for (const booth of snapshot.booths) {
		if (choices.has(booth.id) || inactive.has(booth.id) || !BOOTH_ID.test(booth.id)) continue;
		choices.set(booth.id, choice(booth.id, booth.label, booth));
	}
	return [...choices.values()].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

function seatedBooth(cookies: Cookies): string | null {
	const id = cookies.get(BOOTH_COOKIE);
	return id && BOOTH_ID.test(id) ? id : null;
}

function liveBooth(id: string): LiveBooth | undefined {
	return runningApp()
		.live.snapshot()
		.booths.find((booth) => booth.id === id);
}

/**
 * Answered calls of this booth today that nobody classified yet (newest first), from the
 * desk's list of the day's last calls; the call in progress is shown on its own.
 */
async function unclassifiedCalls(booth: string, currentCallId: string | undefined) {
	const app = runningApp();
	let calls: Awaited<ReturnType<typeof deskData>>['lastCalls'];
	try {
		calls = (await deskData(app)).lastCalls;
	} catch (error) {
		// The console still works without this list (the page remembers calls it saw end).
		console.error('console: reading the booth\'s last calls failed:', error);
		return [];
	}
	const candidates = calls.filter((call) => call.booth === booth && call.outcome === 'answered' && call.classes.length === 0 && call.callId !== currentCallId);
	const result: { callId: string; answeredAt: string; talkSeconds: number }[] = [];
	for (const call of candidates) {
		if (result.length >= UNCLASSIFIED_LIMIT) break;
		if (await app.cases.classificationOf(call.callId)) continue;
		result.push({ callId: call.callId, answeredAt: new Date(Date.parse(call.queuedAt) + call.waitSeconds * 1000).toISOString(), talkSeconds: call.talkSeconds });
	}
	return result;
}

/** The operator's open follow-ups: counts by when they are due, and the next few. */
async function followUps(ownerId: string) {
	const app = runningApp();
	const tasks = await app.cases.listTasks({ ownerId });
	const now = Date.now();
	const zone = app.settings.timeZone;
	const [year, month, day] = localDateText(now, zone).split('-').map(Number);
	const endOfToday = zonedTimeToUtc({ year, month, day }, 24 * 3600, zone);
	let overdue = 0;
	let today = 0;
	for (const task of tasks) {
		const due = task.dueAt.getTime();
		if (due < now) overdue += 1;
		else if (due < endOfToday) today += 1;
	}
	return {
		overdue,
		today,
		later: tasks.length - overdue - today,
		next: tasks.slice(0, 3).map((task) => ({
			id: task.id,
			kind: task.kind,
			title: task.title,
			dueAt: task.dueAt.toISOString(),
			caseNumber: task.caseNumber,
			overdue: task.dueAt.getTime() < now
		}))
	};
}

export const load: PageServerLoad = async ({ locals, cookies, depends }) => {
	depends('alo:console');
	const app = runningApp();
	const user = locals.user!;
	const snapshot = app.live.snapshot();
	const seated = seatedBooth(cookies);
	const current = seated ? snapshot.booths.find((booth) => booth.id === seated) : undefined;
	const [booths, recent, tasks, unclassified] = await Promise.all([
		boothChoices(snapshot),
		app.cases.recentClassifications(user.id, 8),
		followUps(user.id),
		seated ? unclassifiedCalls(seated, current?.callId) : Promise.resolve([])
	]);
	return {
		snapshot,
		booths,
		seated,
		me: user.name,
		unclassified,
		recent: recent.map((row) => ({ ...row, at: row.at.toISOString() })),
		followUps: tasks,
		limits: { outcome: TEXT_LIMITS.short, minutes: MAX_MANUAL_MINUTES }
	};
};

// ——— Actions ———

/** A unique event id: what ingest deduplicates by. */
function eventId(prefix: string): string {
	return `${prefix}-${Date.now()}-${randomUUID().slice(0, 8)}`;
}

/** Sends events through ingest like any source; one refused here is a bug, not a user error. */
async function emit(events: RawEvent[]): Promise<void> {
	const answer = await runningApp().ingest.accept(events);
	if (answer.rejected.length) throw new Error(`console events refused by ingest: ${answer.rejected.map((item) => item.error).join('; ')}`);
}

function boothStateEvent(booth: string, operator: string, state: 'available' | 'paused' | 'offline', reason?: string): RawEvent {
	return { id: eventId(`console-${booth}-${state}`), type: 'booth.state', ts: Date.now(), booth, operator, data: reason ? { state, reason } : { state } };
}

/** What a classification form sent, before any check (given back on a refusal so nothing is lost). */
function classificationInput(form: FormData) {
	return {
		classes: [...new Set(formList(form, 'classes'))].slice(0, CALL_CLASSES.length),
		// Read a little past the limit, so an over-long text is refused rather than cut.
		outcome: formText(form, 'outcome', TEXT_LIMITS.short + 1000),
		caseNumber: formText(form, 'caseNumber', 100).trim(),
		newCase: form.get('then') === 'newCase'
	};
}

type Refusal = { problem: ConsoleProblem | CaseError['problem']; field?: string; limit?: number };

function checkClasses(classes: string[]): Refusal | null {
	if (classes.length === 0) return { problem: 'no_class', field: 'classes' };
	if (classes.some((value) => !(ALO_CLASSES as readonly string[]).includes(value))) return { problem: 'bad_class', field: 'classes' };
	return null;
}

/**
 * Records the classification with the case service, which checks the outcome and the case number,
 * links the case, and sends `call.classified` (with `callEvents` before it) through its outbox in
 * the same transaction: a refused case number leaves no event, and no classification is kept
 * without its event.
 */
async function classifyCall(event: RequestEvent, input: { callId: string; booth: string; classes: string[]; outcome: string; caseNumber?: string; manual: boolean; callEvents?: RawEvent[] }) {
	await runningApp().cases.recordClassification(event.locals.actor, input);
}

function refusalOf(error: unknown, caseNumber: string): Refusal {
	if (!(error instanceof CaseError)) throw error;
	if (error.problem === 'not_found' && caseNumber) return { problem: 'case_not_found', field: 'caseNumber' };
	return { problem: error.problem, field: error.field, limit: error.limit };
}

export const actions: Actions = {
	seat: async ({ request, locals, cookies, url }) => {
		const form = await request.formData();
		const booth = formText(form, 'booth', 100);
		const choices = await boothChoices(runningApp().live.snapshot());
		const chosen = choices.find((choice) => choice.id === booth);
		if (!chosen) return fail(400, { action: 'seat', problem: 'bad_booth' as const, booth });
		// Making the booth available would drop the call someone is on there from the live view.
		if (chosen.onCall && chosen.operator !== locals.user!.name) return fail(400, { action: 'seat', problem: 'booth_busy' as const, booth });
		const previous = seatedBooth(cookies);
		const events: RawEvent[] = [];
		// Moving to another booth: the one left behind goes offline (unless a call goes on there).
		if (previous && previous !== booth && !liveBooth(previous)?.callSince) events.push(boothStateEvent(previous, locals.user!.name, 'offline'));
		if (!chosen.onCall) events.push(boothStateEvent(booth, locals.user!.name, 'available'));
		if (events.length) await emit(events);
		cookies.set(BOOTH_COOKIE, booth, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: BOOTH_COOKIE_SECONDS });
		return { action: 'seat', done: true, booth };
	},

	leave: async ({ locals, cookies }) => {
		const booth = seatedBooth(cookies);
		if (booth) await emit([boothStateEvent(booth, locals.user!.name, 'offline')]);
		cookies.delete(BOOTH_COOKIE, { path: '/' });
		return { action: 'leave', done: true, booth };
	},

	state: async ({ request, locals, cookies }) => {
		const form = await request.formData();
		const booth = seatedBooth(cookies);
		const state = formText(form, 'state', 20);
		const reason = formText(form, 'reason', 40);
		if (!booth) return fail(400, { action: 'state', problem: 'no_booth' as const, state, reason });
		if (state !== 'available' && state !== 'paused') return fail(400, { action: 'state', problem: 'bad_state' as const, state, reason });
		if (state === 'paused' && !(PAUSE_REASONS as readonly string[]).includes(reason)) return fail(400, { action: 'state', problem: 'bad_reason' as const, state, reason });
		// A state change ends the live view's call at the booth: not while the call goes on.
		if (liveBooth(booth)?.callSince) return fail(400, { action: 'state', problem: 'on_call' as const, state, reason });
		await emit([boothStateEvent(booth, locals.user!.name, state, state === 'paused' ? reason : undefined)]);
		return { action: 'state', done: true, state, reason };
	},

	classify: async (event) => {
		const { request, cookies } = event;
		const form = await request.formData();
		const callId = formText(form, 'callId', 200).trim();
		const input = classificationInput(form);
		const booth = seatedBooth(cookies);
		const refuse = (refusal: Refusal) => fail(400, { action: 'classify' as const, callId, ...input, ...refusal });
		if (!booth) return refuse({ problem: 'no_booth' });
		if (!CALL_ID.test(callId)) return refuse({ problem: 'bad_call' });
		const bad = checkClasses(input.classes);
		if (bad) return refuse(bad);
		// A new case links the call itself (the case form reads the call id).
		const caseNumber = input.newCase ? undefined : input.caseNumber || undefined;
		try {
			await classifyCall(event, { callId, booth, classes: input.classes, outcome: input.outcome, caseNumber, manual: false });
		} catch (error) {
			return refuse(refusalOf(error, input.caseNumber));
		}
		if (input.newCase) redirect(303, `/cases/new?call=${encodeURIComponent(callId)}`);
		return { action: 'classify' as const, done: true, callId, classes: input.classes, caseNumber: caseNumber ?? '' };
	},

	manual: async (event) => {
		const { request, cookies, locals } = event;
		const form = await request.formData();
		const minutesText = formText(form, 'minutes', 20).trim().replace(',', '.');
		const input = classificationInput(form);
		const booth = seatedBooth(cookies);
		const refuse = (refusal: Refusal) => fail(400, { action: 'manual' as const, minutes: minutesText, ...input, ...refusal });
		if (!booth) return refuse({ problem: 'no_booth' });
		const minutes = Number(minutesText);
		if (!minutesText || !Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_MANUAL_MINUTES) return refuse({ problem: 'bad_minutes', field: 'minutes', limit: MAX_MANUAL_MINUTES });
		const bad = checkClasses(input.classes);
		if (bad) return refuse(bad);
		// The entered call would take the booth's place in the live view of the call going on.
		if (liveBooth(booth)?.callSince) return refuse({ problem: 'on_call' });
		const callId = `manual-${randomUUID()}`;
		const caseNumber = input.newCase ? undefined : input.caseNumber || undefined;
		const endedAt = Date.now();
		const answeredAt = endedAt - Math.round(minutes * 60_000);
		const operator = locals.user!.name;
		const callEvents: RawEvent[] = [
			{ id: `${callId}-answered`, type: 'call.answered', ts: answeredAt, callId, booth, operator },
			{ id: `${callId}-ended`, type: 'call.ended', ts: endedAt, callId, booth, operator, data: { endedBy: 'operator' } }
		];
		try {
			await classifyCall(event, { callId, booth, classes: input.classes, outcome: input.outcome, caseNumber, manual: true, callEvents });
		} catch (error) {
			return refuse(refusalOf(error, input.caseNumber));
		}
		if (input.newCase) redirect(303, `/cases/new?call=${encodeURIComponent(callId)}`);
		return { action: 'manual' as const, done: true, callId, classes: input.classes, caseNumber: caseNumber ?? '', minutes };
	}
};
