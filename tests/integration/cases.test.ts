/**
 * Missing-child cases against the real stores (PGlite and the PostgreSQL server, chDB): the
 * lifecycle with its clocks, tasks and timeline; referrals and partner links; lost updates;
 * bad input; audit of every read and write; and ClickHouse holding codes but no personal data.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/lib/server/app';
import { listAudit } from '../../src/lib/server/auth';
import { Bus } from '../../src/lib/server/bus';
import { CaseError, createCases, DEFAULT_CASES_SETTINGS } from '../../src/lib/server/cases';
import { loadConfig } from '../../src/lib/server/config';
import { DATABASE_TARGETS, freshPostgresDatabase } from '../helpers/databases';
import { temporaryDir } from '../helpers/server';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

async function refusal(promise: Promise<unknown>): Promise<CaseError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof CaseError) return error;
		throw error;
	}
	throw new Error('expected a refusal');
}

describe.each(DATABASE_TARGETS)('cases on %s', (target) => {
	const dataDir = temporaryDir();
	let app: App;
	let dropDatabase: (() => Promise<void>) | undefined;
	const ana = { id: null as string | null, name: 'ana' };

	beforeAll(async () => {
		const env: Record<string, string> = { DATA_DIR: dataDir };
		if (target === 'postgres') {
			const pg = await freshPostgresDatabase();
			env.DATABASE_URL = pg.url;
			dropDatabase = pg.drop;
		}
		app = await startApp(loadConfig(env), { role: 'cli' });
	}, 120_000);
	afterAll(async () => {
		await app?.shutdown();
		await dropDatabase?.();
		rmSync(dataDir, { recursive: true, force: true });
	});

	/** Ad-hoc test queries (the app's own queries live in analytics/queries). */
	async function rows<Row>(query: string, params: Record<string, unknown> = {}): Promise<Row[]> {
		const result = await app.analytics.client.query({ query, query_params: params, format: 'JSONEachRow' });
		return result.json<Row>();
	}

	const partnerOfKind = async (kind: string) => (await app.cases.listPartners()).find((partner) => partner.kind === kind)!;

	it('seeds one partner of every kind once', async () => {
		const partners = await app.cases.listPartners();
		expect(new Set(partners.map((p) => p.kind)).size).toBe(13);
		expect(await app.cases.seedPartners()).toBe(0);
	});

	it('runs a case from report to closed, with clocks, follow-ups, timeline and audit', async () => {
		const year = new Date().getFullYear();
		const opened = await app.cases.createCase(
			ana,
			{ missingType: 'runaway', childGivenName: 'Arta', childFamilyName: 'Krasniqi', childAge: '12', area: 'AL-11', lastSeenAt: new Date(Date.now() - 3 * 3_600_000).toISOString(), risks: ['under13'] },
			{ callId: 'call-lifecycle-1' }
		);
		expect(opened.number).toMatch(new RegExp(`^116-${year}-\\d{6}$`));
		expect(opened.status).toBe('reported');
		const second = await app.cases.createCase(ana, { missingType: 'other' });
		expect(Number(second.number.slice(-6))).toBe(Number(opened.number.slice(-6)) + 1);

		let detail = await app.cases.getCase(ana, opened.number);
		expect(detail.calls.map((call) => call.callId)).toEqual(['call-lifecycle-1']);
		expect(detail.tasks.map((task) => task.kind)).toEqual(['callback_parent']);
		expect(detail.clocks.sinceLastSeen).toBeGreaterThanOrEqual(3 * 3600 - 5);
		expect(detail.clocks.running).toBe(true);

		expect((await refusal(app.cases.changeStatus(ana, opened.number, undefined, 'closed'))).problem).toBe('bad_transition');
		await app.cases.changeStatus(ana, opened.number, undefined, 'search_active');
		detail = await app.cases.getCase(ana, opened.number);
		const policeCheck = detail.tasks.find((task) => task.kind === 'police_check' && task.status === 'open')!;
		expect(policeCheck).toBeDefined();
		// A done police check comes back the next day while the search goes on.
		await app.cases.completeTask(ana, policeCheck.id);
		detail = await app.cases.getCase(ana, opened.number);
		expect(detail.tasks.filter((task) => task.kind === 'police_check' && task.status === 'open')).toHaveLength(1);

		const police = await partnerOfKind('state_police');
		const referral = await app.cases.addReferral(ana, opened.number, { partnerId: police.id, action: 'report_missing', request: 'Please register the report.' });
		expect(referral.status).toBe('sent');
		expect(referral.dueAt.getTime() - referral.sentAt.getTime()).toBe(police.expectedResponseMinutes * 60_000);
		detail = await app.cases.getCase(ana, opened.number);
		expect(detail.case.policeReportedAt).not.toBeNull();
		expect(detail.clocks.toPoliceReport).not.toBeNull();

		const link = await app.cases.createPartnerLink(ana, referral.id, 2);
		const seen = await app.cases.openPartnerLink(link.token, '203.0.113.9');
		expect(seen.caseNumber).toBe(opened.number);
		expect(seen.child?.givenName).toBe('Arta');
		expect(seen.referral.request).toBe('Please register the report.');
		await app.cases.answerPartnerLink(link.token, 'acknowledged', 'Registered as 2026/441', '203.0.113.9', seen.referral.version);
		expect((await refusal(app.cases.answerPartnerLink(link.token, 'in_progress', '', undefined, seen.referral.version))).problem).toBe('conflict');

		await app.cases.changeStatus(ana, opened.number, undefined, 'located_safe', 'Found at a friend’s house.');
		detail = await app.cases.getCase(ana, opened.number);
		expect(detail.case.locatedAt).not.toBeNull();
		expect(detail.clocks.running).toBe(false);
		expect(detail.clocks.toLocated).not.toBeNull();
		expect(detail.tasks.filter((task) => task.kind === 'police_check' && task.status === 'open')).toHaveLength(0);
		expect(detail.tasks.some((task) => task.kind === 'return_interview' && task.status === 'open')).toBe(true);

		await app.cases.changeStatus(ana, opened.number, undefined, 'closed');
		detail = await app.cases.getCase(ana, opened.number);
		expect(detail.tasks.filter((task) => task.status === 'open')).toEqual([]);
		const kinds = detail.timeline.map((entry) => entry.kind);
		for (const kind of ['opened', 'call', 'task_created', 'status', 'task_done', 'referral', 'link', 'partner_answer', 'task_cancelled'])
			expect(kinds, kind).toContain(kind);
		expect(detail.timeline.filter((entry) => entry.kind === 'status').map((entry) => entry.detail.to)).toEqual(['search_active', 'located_safe', 'closed']);
		expect(detail.timeline.find((entry) => entry.kind === 'partner_answer')?.detail.answer).toBe('Registered as 2026/441');

		const audit = await listAudit(app.database.db, { limit: 500 });
		const forCase = audit.filter((entry) => entry.target === opened.number).map((entry) => `${entry.actor}:${entry.action}`);
		expect(forCase).toContain('ana:case.create');
		expect(forCase).toContain('ana:case.read');
		expect(forCase).toContain('ana:case.status');
		expect(forCase).toContain('ana:case.referral');
		expect(forCase).toContain('ana:partner_link.create');
		expect(forCase).toContain(`partner link · ${police.name}:partner_link.open`);
		expect(forCase).toContain(`partner link · ${police.name}:partner_link.answer`);
		expect(audit.find((entry) => entry.action === 'partner_link.open')?.address).toBe('203.0.113.9');
	});

	it('refuses a lost update: two people editing one version', async () => {
		const created = await app.cases.createCase(ana, { missingType: 'lost_injured' });
		const results = await Promise.allSettled([
			app.cases.updateCase(ana, created.number, created.version, { childDescription: 'blue coat' }),
			app.cases.updateCase({ id: null, name: 'blerta' }, created.number, created.version, { childDescription: 'red coat' })
		]);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
		const failed = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
		expect(failed.reason).toBeInstanceOf(CaseError);
		expect((failed.reason as CaseError).problem).toBe('conflict');
		const after = await app.cases.getCase(ana, created.number);
		expect(after.case.version).toBe(created.version + 1);
		expect(['blue coat', 'red coat']).toContain(after.case.childDescription);
	});

	it('refuses bad input with the field named and keeps what was stored', async () => {
		const created = await app.cases.createCase(ana, { missingType: 'runaway', childGivenName: '<script>alert(1)</script>' });
		expect((await refusal(app.cases.updateCase(ana, created.number, undefined, { childDescription: 'x'.repeat(20_001) }))).field).toBe('childDescription');
		expect((await refusal(app.cases.createCase(ana, { missingType: 'kidnapped' }))).field).toBe('missingType');
		expect((await refusal(app.cases.createCase(ana, {}))).problem).toBe('required');
		expect((await refusal(app.cases.updateCase(ana, created.number, undefined, { lastSeenAt: '2099-01-01T00:00:00Z' }))).problem).toBe('future_date');
		expect((await refusal(app.cases.updateCase(ana, created.number, undefined, { childBirthDate: '2015-02-30' }))).problem).toBe('bad_date');
		expect((await refusal(app.cases.addFile(ana, created.number, 'photo', 'x.png', new TextEncoder().encode('<svg onload=alert(1)>')))).problem).toBe('file_type');
		expect((await refusal(app.cases.addFile(ana, created.number, 'photo', 'big.png', new Uint8Array(5 * 1024 * 1024 + 1)))).problem).toBe('file_size');
		expect((await refusal(app.cases.addFile(ana, created.number, 'document', 'a.pdf', new Uint8Array(0)))).problem).toBe('file_empty');
		const fileId = await app.cases.addFile(ana, created.number, 'photo', 'face.png', PNG);
		expect((await app.cases.readFile(ana, created.number, fileId)).mime).toBe('image/png');
		const appeal = await partnerOfKind('mass_media');
		expect((await refusal(app.cases.addReferral(ana, created.number, { partnerId: appeal.id, action: 'publicity_appeal' }))).problem).toBe('consent_required');
		const detail = await app.cases.getCase(ana, created.number);
		expect(detail.case.childGivenName).toBe('<script>alert(1)</script>');
		expect(detail.case.version).toBe(created.version);
		expect(detail.files).toHaveLength(1);
	});

	it('shows a partner link only its action, and stops it when expired or revoked', async () => {
		const created = await app.cases.createCase(ana, { missingType: 'criminal_abduction', childGivenName: 'Drini', childDescription: 'green jacket', policeReference: 'TR-77' });
		await app.cases.addFile(ana, created.number, 'photo', 'drini.png', PNG);
		const operator = await partnerOfKind('mobile_operator');
		const location = await app.cases.addReferral(ana, created.number, { partnerId: operator.id, action: 'request_location' });
		const link = await app.cases.createPartnerLink(ana, location.id, 1);
		const seen = await app.cases.openPartnerLink(link.token);
		expect(seen.child).toBeNull();
		expect(seen.description).toBeNull();
		expect(seen.photos).toEqual([]);
		expect(seen.police?.reference).toBe('TR-77');
		expect(JSON.stringify(seen)).not.toContain('Drini');
		const files = (await app.cases.getCase(ana, created.number)).files;
		expect((await refusal(app.cases.partnerLinkFile(link.token, files[0].id))).problem).toBe('not_found');

		expect((await refusal(app.cases.openPartnerLink('a'.repeat(32)))).problem).toBe('link_unknown');
		const revocable = await app.cases.createPartnerLink(ana, location.id, 1);
		const detail = await app.cases.getCase(ana, created.number);
		const linkId = detail.referrals[0].links.at(-1)!.id;
		await app.cases.revokePartnerLink(ana, linkId);
		expect((await refusal(app.cases.openPartnerLink(revocable.token))).problem).toBe('link_revoked');
		expect((await refusal(app.cases.answerPartnerLink(revocable.token, 'done', 'x'))).problem).toBe('link_revoked');

		// An hour later (the service's clock moved on), the first link has expired.
		const later = createCases({ db: app.database.db, bus: new Bus(), accept: async () => {} }, { ...DEFAULT_CASES_SETTINGS, hotline: app.settings.hotlineId, timeZone: app.settings.timeZone, now: () => Date.now() + 3_600_001 });
		expect((await refusal(later.openPartnerLink(link.token))).problem).toBe('link_expired');
		// Revoking the referral ends every link to it.
		const fresh = await app.cases.createPartnerLink(ana, location.id, 1);
		await app.cases.updateReferral(ana, location.id, 'revoked', 'sent by mistake', 'staff');
		expect((await refusal(app.cases.openPartnerLink(fresh.token))).problem).toBe('link_revoked');
	});

	it('shows a partner its own answers, wants a reason for done or rejected, and closes the link a day after', async () => {
		const created = await app.cases.createCase(ana, { missingType: 'runaway', childGivenName: 'Sara' });
		const police = await partnerOfKind('state_police');
		const referral = await app.cases.addReferral(ana, created.number, { partnerId: police.id, action: 'report_missing' });
		const link = await app.cases.createPartnerLink(ana, referral.id, 72);
		await app.cases.answerPartnerLink(link.token, 'acknowledged', 'On it');
		expect((await refusal(app.cases.answerPartnerLink(link.token, 'done', '  '))).field).toBe('answer');
		await app.cases.answerPartnerLink(link.token, 'done', 'Registered, reference 4411');
		const seen = await app.cases.openPartnerLink(link.token);
		expect(seen.answers.map((answer) => [answer.status, answer.text])).toEqual([
			['acknowledged', 'On it'],
			['done', 'Registered, reference 4411']
		]);
		const nextDay = createCases({ db: app.database.db, bus: new Bus(), accept: async () => {} }, { ...DEFAULT_CASES_SETTINGS, hotline: app.settings.hotlineId, timeZone: app.settings.timeZone, now: () => Date.now() + 24 * 3_600_000 + 1000 });
		expect((await refusal(nextDay.openPartnerLink(link.token))).problem).toBe('link_expired');
	});

	it('raises wallboard alerts for urgent cases without a partner action and for overdue follow-ups', async () => {
		const critical = await app.cases.createCase(ana, { missingType: 'criminal_abduction', priority: 'critical', status: 'search_active' });
		const inTwoDays = createCases(
			{ db: app.database.db, bus: new Bus(), accept: async () => {} },
			{ ...DEFAULT_CASES_SETTINGS, hotline: app.settings.hotlineId, timeZone: app.settings.timeZone, now: () => Date.now() + 2 * 86_400_000 }
		);
		const alerts = await inTwoDays.alerts();
		const forCase = alerts.filter((alert) => alert.caseNumber === critical.number);
		expect(forCase.map((alert) => alert.kind).sort()).toEqual(['no_partner_action', 'task_overdue', 'task_overdue']);
		expect(alerts[0].priority).toBe('critical');
		expect(JSON.stringify(alerts)).not.toMatch(/Arta|Krasniqi|Drini/);
		// Now, fifteen minutes have not passed: no alert yet.
		expect((await app.cases.alerts()).some((alert) => alert.caseNumber === critical.number)).toBe(false);
		const police = await partnerOfKind('state_police');
		await app.cases.addReferral(ana, critical.number, { partnerId: police.id, action: 'report_missing' });
		expect((await inTwoDays.alerts()).filter((alert) => alert.caseNumber === critical.number && alert.kind === 'no_partner_action')).toHaveLength(0);
	});

	it('takes the no-partner-action limits supervisors set, refuses bad ones, and audits them', async () => {
		const high = await app.cases.createCase(ana, { missingType: 'runaway', priority: 'high', status: 'search_active' });
		const inTwentyMinutes = createCases(
			{ db: app.database.db, bus: new Bus(), accept: async () => {} },
			{ ...DEFAULT_CASES_SETTINGS, hotline: app.settings.hotlineId, timeZone: app.settings.timeZone, now: () => Date.now() + 20 * 60_000 }
		);
		const noAction = async () => (await inTwentyMinutes.alerts()).filter((alert) => alert.caseNumber === high.number && alert.kind === 'no_partner_action');
		expect(await app.cases.alertRules()).toEqual({ high: 60, critical: 15, custom: false });
		expect(await noAction()).toHaveLength(0);

		const supervisor = { id: null, name: 'sokol', address: '10.0.0.7' };
		expect(await app.cases.saveAlertRules(supervisor, { high: '10', critical: '5' })).toEqual({ high: 10, critical: 5 });
		const [alert] = await noAction();
		expect(alert.detail).toBe('10');
		expect(Date.parse(alert.since) - Date.parse((await app.cases.getCase(ana, high.number)).case.reportedAt.toISOString())).toBeGreaterThanOrEqual(10 * 60_000 - 1000);

		for (const [input, problem, field] of [
			[{ high: '0', critical: '5' }, 'bad_value', 'noActionHigh'],
			[{ high: '10', critical: '2.5' }, 'bad_value', 'noActionCritical'],
			[{ high: '10', critical: '' }, 'bad_value', 'noActionCritical'],
			[{ high: String(8 * 24 * 60), critical: '5' }, 'bad_value', 'noActionHigh'],
			[{ high: '10', critical: '30' }, 'critical_after_high', 'noActionCritical']
		] as const) {
			expect(await refusal(app.cases.saveAlertRules(supervisor, input)), JSON.stringify(input)).toMatchObject({ problem, field });
		}
		expect(await app.cases.alertRules()).toEqual({ high: 10, critical: 5, custom: true });

		await app.cases.resetAlertRules(supervisor);
		expect(await app.cases.alertRules()).toEqual({ high: 60, critical: 15, custom: false });
		expect(await noAction()).toHaveLength(0);
		const audit = await listAudit(app.database.db, { actor: 'sokol' });
		expect(audit.map((entry) => entry.action).sort()).toEqual(['case_alert_rules.reset', 'case_alert_rules.save']);
	});

	it('keeps a console classification and its events together, and links the case', async () => {
		const created = await app.cases.createCase(ana, { missingType: 'runaway' });
		const callId = `manual-${target}-1`;
		const now = Date.now();
		await app.cases.recordClassification(ana, {
			callId,
			booth: '2',
			classes: ['localization', 'counseling'],
			outcome: 'advice given',
			caseNumber: created.number,
			manual: true,
			callEvents: [
				{ id: `${callId}-answered`, type: 'call.answered', ts: now - 120_000, callId, booth: '2', operator: 'ana' },
				{ id: `${callId}-ended`, type: 'call.ended', ts: now, callId, booth: '2', operator: 'ana' }
			]
		});
		expect(await app.cases.outboxBacklog()).toBe(0);
		await app.ingest.settled();
		const stored = await rows<{ type: string; case_id: string; classes: string[] }>('SELECT type, case_id, classes FROM events WHERE call_id = {callId:String} ORDER BY ts, type', { callId });
		expect(stored.map((event) => event.type)).toEqual(['call.answered', 'call.ended', 'call.classified']);
		expect(stored[2]).toMatchObject({ case_id: created.id, classes: ['localization', 'counseling'] });
		expect((await app.cases.getCase(ana, created.number)).calls.map((call) => call.callId)).toContain(callId);
		expect((await refusal(app.cases.recordClassification(ana, { callId: `${callId}-x`, booth: '2', classes: ['gossip'], outcome: '', manual: true }))).field).toBe('classes');
	});

	it('links repeat episodes of one child', async () => {
		const first = await app.cases.createCase(ana, { missingType: 'runaway', childGivenName: 'Erion' });
		const again = await app.cases.createCase(ana, { missingType: 'runaway', childGivenName: 'Erion' }, { earlierCase: first.number });
		const third = await app.cases.createCase(ana, { missingType: 'runaway', childGivenName: 'Erion' });
		await app.cases.linkEpisode(ana, third.number, again.number);
		const detail = await app.cases.getCase(ana, third.number);
		expect(detail.episode).toBe(3);
		expect(detail.episodes.map((e) => e.number)).toEqual([first.number, again.number]);
		expect((await refusal(app.cases.linkEpisode(ana, third.number, third.number))).problem).toBe('same_case');
	});

	it('suggests unlinked cases that may be the same child, by folded name and an agreeing age', async () => {
		const reported = Date.now();
		const yearAgo = new Date(reported - 365 * 86_400_000).toISOString();
		const earlier = await app.cases.createCase(ana, { missingType: 'runaway', childGivenName: 'Ëndri', childFamilyName: 'Çeliku', childAge: '12', lastSeenAt: yearAgo });
		const otherChild = await app.cases.createCase(ana, { missingType: 'runaway', childGivenName: 'Endri', childFamilyName: 'Celiku', childAge: '4' });
		const unknownAge = await app.cases.createCase(ana, { missingType: 'lost_injured', childGivenName: 'endri ', childFamilyName: 'CELIKU' });
		const differentName = await app.cases.createCase(ana, { missingType: 'runaway', childGivenName: 'Endrit', childFamilyName: 'Celiku', childAge: '13' });
		const now = await app.cases.createCase(ana, { missingType: 'runaway', childGivenName: 'Endri', childFamilyName: 'Çeliku', childBirthDate: new Date(reported - 13.5 * 365 * 86_400_000).toISOString().slice(0, 10) });

		const suggested = (await app.cases.getCase(ana, now.number)).possibleEpisodes.map((candidate) => candidate.number);
		expect(suggested).toContain(earlier.number);
		expect(suggested).toContain(unknownAge.number);
		expect(suggested).not.toContain(otherChild.number);
		expect(suggested).not.toContain(differentName.number);
		expect(suggested).not.toContain(now.number);

		// Once linked, a case is an episode, no longer a suggestion.
		await app.cases.linkEpisode(ana, now.number, earlier.number);
		const linked = await app.cases.getCase(ana, now.number);
		expect(linked.episodes.map((episode) => episode.number)).toEqual([earlier.number]);
		expect(linked.possibleEpisodes.map((candidate) => candidate.number)).not.toContain(earlier.number);
	});

	it('finds cases by folded names and notes, and filters them', async () => {
		const created = await app.cases.createCase(ana, { missingType: 'runaway', childGivenName: 'Ëndrita', childFamilyName: 'Çela', childAge: '15', area: 'AL-10' });
		await app.cases.addNote(ana, created.number, 'Seen near the lake promenade');
		const byName = await app.cases.listCases(ana, { q: 'endrita cela' });
		expect(byName.items.map((item) => item.number)).toContain(created.number);
		expect((await app.cases.listCases(ana, { q: 'lake promenade' })).items.map((item) => item.number)).toEqual([created.number]);
		expect((await app.cases.listCases(ana, { area: 'AL-10', ageBand: '13-15' })).items.map((item) => item.number)).toEqual([created.number]);
		expect((await app.cases.listCases(ana, { area: 'AL-10', ageBand: '6-12' })).items).toHaveLength(0);
		const audit = await listAudit(app.database.db, { action: 'case.search', limit: 5 });
		expect(audit.length).toBeGreaterThan(0);
		// The audit says a text search happened, not what was searched for (it may be a name).
		expect(JSON.stringify(audit)).not.toContain('endrita');
	});

	it('sends case events to ClickHouse with codes and no personal data', async () => {
		const marker = `Zq${target}Marker`;
		const created = await app.cases.createCase(ana, {
			missingType: 'parental_abduction_international',
			childGivenName: `${marker}Given`,
			childFamilyName: `${marker}Family`,
			childOtherNames: `${marker}Other`,
			childDescription: `${marker}Description`,
			lastSeenPlace: `${marker}Place`,
			circumstances: `${marker}Circumstances`,
			policeReference: `${marker}Ref`,
			reporterName: `${marker}Reporter`,
			reporterPhone: '+355691234567',
			reporterEmail: `${marker}@example.org`,
			childBirthDate: '2016-05-04',
			area: 'AL-02'
		});
		await app.cases.addNote(ana, created.number, `${marker}Note`);
		await app.cases.addPerson(ana, created.number, { role: 'parent', name: `${marker}Parent`, contact: '+355681112223' });
		const embassy = await partnerOfKind('embassy');
		const referral = await app.cases.addReferral(ana, created.number, { partnerId: embassy.id, action: 'hague_return', request: `${marker}Request` });
		const link = await app.cases.createPartnerLink(ana, referral.id);
		await app.cases.answerPartnerLink(link.token, 'acknowledged', `${marker}Answer`);
		await app.cases.changeStatus(ana, created.number, undefined, 'search_active', `${marker}StatusNote`);
		await app.cases.changeStatus(ana, created.number, undefined, 'located_safe');
		await app.cases.flushOutbox();
		expect(await app.cases.outboxBacklog()).toBe(0);
		await app.ingest.settled();

		const events = await rows<{ type: string; missing_type: string; age_band: string; area: string; partner: string; action: string; cross_border: number; duration_s: number | null; expected_s: number | null }>(
			'SELECT type, missing_type, age_band, area, partner, action, cross_border, duration_s, expected_s FROM events WHERE case_id = {caseId:String} ORDER BY ts, type',
			{ caseId: created.id }
		);
		const types = events.map((event) => event.type);
		for (const type of ['case.opened', 'case.referred', 'case.partner_responded', 'case.status_changed', 'case.located']) expect(types, type).toContain(type);
		expect(events.every((event) => event.missing_type === 'parental_abduction_international' && event.area === 'AL-02' && event.age_band === '6-12' && Number(event.cross_border) === 1)).toBe(true);
		const responded = events.find((event) => event.type === 'case.partner_responded')!;
		expect(responded.partner).toBe('embassy');
		expect(responded.action).toBe('hague_return');
		expect(Number(responded.expected_s)).toBe(embassy.expectedResponseMinutes * 60);

		// Every table, every row, as text: no marker, no phone number, no email.
		const tables = await rows<{ name: string }>("SELECT name FROM system.tables WHERE database = currentDatabase() AND engine NOT LIKE '%View%'");
		expect(tables.length).toBeGreaterThan(4);
		for (const { name } of tables) {
			const result = await app.analytics.client.query({ query: `SELECT * FROM \`${name}\``, format: 'JSONEachRow' });
			const text = await result.text();
			expect(text, name).not.toContain(marker);
			expect(text, name).not.toContain('355691234567');
			expect(text, name).not.toContain('355681112223');
		}
	});
});
