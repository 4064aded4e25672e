/**
 * A missing-child case from call to closure in Chromium, as an operator: a call answered at booth
 * 1 (a PBX event) appears in the console; two clicks classify it and open a case with the child
 * and the disappearance; a police referral gets a partner link that a fresh browser (no account)
 * opens and acknowledges; a follow-up falls due and is done; the child is located safe; the case
 * is closed. The timeline and the audit log show every step, and the wallboard's mix counted the
 * classification. Then: HTML in every field stays text on every page that shows it; every page
 * operators, supervisors and partners use passes axe; a supervisor sets the case alert minutes.
 */
import { and, eq, like } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, schema, type OpenDatabase } from '../../src/lib/server/db';
import { freshPostgresDatabase } from '../helpers/databases';
import { postEvents, signIn, startServer, type RunningServer } from '../helpers/server';
import { seriousViolations } from './axe';
import { launchChromium } from './chromium';

describe('a case from call to closure', () => {
	let server: RunningServer;
	let browser: Browser;
	let database: OpenDatabase;
	let drop: () => Promise<void>;
	let key: string;
	let operator: { token: string; username: string };
	let context: BrowserContext;
	let page: Page;
	const dialogs: string[] = [];

	beforeAll(async () => {
		const pg = await freshPostgresDatabase();
		drop = pg.drop;
		[server, browser] = await Promise.all([startServer({ env: { DATABASE_URL: pg.url } }), launchChromium()]);
		database = await openDatabase(pg.url, '/nonexistent');
		key = await server.createKey('ingest,stats,cases');
		operator = await signIn(server, 'operator', 'Ana Hoxha');
		context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
		await context.addCookies([
			{ name: 'alo_session', value: operator.token, url: server.url },
			{ name: 'lang', value: 'en', url: server.url }
		]);
		page = await context.newPage();
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.accept();
		});
	}, 120_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
		await database?.close();
		await drop?.();
	});

	let caseNumber = '';
	/** Opens a page and waits until it is hydrated, so forms are enhanced before they are used. */
	const open = async (target: Page, address: string) => {
		await target.goto(address.startsWith('http') ? address : `${server.url}${address}`);
		await target.waitForLoadState('networkidle');
	};

	it('runs the whole flow through the pages', async () => {
		const send = async (events: Record<string, unknown>[]) => expect((await postEvents(server, key, events)).body).toMatchObject({ accepted: events.length });
		const now = Date.now();
		await send(['1', '2', '3', '4'].map((booth) => ({ id: `off-${booth}`, type: 'booth.state', ts: now - 60_000, booth, data: { state: 'offline' } })));

		// The operator sits at booth 1.
		await open(page, '/console');
		await page.locator('form[action="?/seat"]', { has: page.locator('input[name="booth"][value="1"]') }).locator('button').click();
		await page.waitForSelector('form[action="?/leave"]');

		// The PBX reports a call answered at booth 1: it appears in the console with its timer.
		const callId = `e2e-${now}`;
		await send([
			{ id: `${callId}-q`, type: 'call.queued', ts: new Date().toISOString(), callId },
			{ id: `${callId}-a`, type: 'call.answered', ts: new Date().toISOString(), callId, booth: '1', operator: operator.username }
		]);
		const classify = page.locator('form[action="?/classify"]', { has: page.locator(`input[name="callId"][value="${callId}"]`) });
		await classify.waitFor({ timeout: 10_000 });

		// Two clicks: the class, then "open a new case" (which classifies first).
		await classify.locator('label', { has: page.locator('input[name="classes"][value="localization"]') }).click();
		await classify.locator('button[name="then"][value="newCase"]').click();
		await page.waitForURL(/\/cases\/new\?call=/);

		await page.selectOption('select[name="missingType"]', 'runaway');
		await page.fill('input[name="childGivenName"]', 'Arta');
		await page.fill('input[name="childFamilyName"]', 'Krasniqi');
		await page.fill('input[name="childAge"]', '14');
		const local = new Date(Date.now() + 3600_000 - 3 * 3600_000).toISOString().slice(0, 16);
		await page.fill('input[name="lastSeenAt"]', local);
		await page.fill('input[name="lastSeenPlace"]', 'Sheshi Skënderbej');
		await page.selectOption('select[name="area"]', 'AL-11');
		await page.locator('form#new-case button[type="submit"]').click();
		await page.waitForURL(/\/cases\/116-\d{4}-\d{6}$/);
		caseNumber = page.url().split('/').at(-1)!;
		await expect.poll(() => page.locator('main').innerText()).toContain('Arta');

		// A police referral, and a link for the police officer.
		const police = (await database.db.select().from(schema.partners).where(eq(schema.partners.kind, 'state_police')))[0];
		await page.selectOption('select[name="referralAction"]', 'report_missing');
		await page.selectOption('select[name="partnerId"]', police.id);
		await page.fill('textarea[name="request"]', 'Please register the disappearance.');
		await page.locator('form[action="?/referral"] button[type="submit"]').click();
		const linkForm = page.locator('form[action="?/link"]');
		await linkForm.waitFor();
		await linkForm.locator('button[type="submit"]').click();
		const linkText = await page.locator('.secret code').innerText();
		expect(linkText).toMatch(/\/p\/[a-z2-7]{32}$/);

		// A fresh browser without any account acknowledges it.
		const partnerContext = await browser.newContext({ locale: 'en-GB' });
		const partnerPage = await partnerContext.newPage();
		await open(partnerPage, linkText);
		const partnerText = await partnerPage.locator('body').innerText();
		expect(partnerText).toContain(caseNumber);
		expect(partnerText).toContain('Please register the disappearance.');
		expect(await partnerPage.locator('a[href="/cases"], a[href="/console"], a[href="/admin"]').count()).toBe(0);
		await partnerPage.locator('input[name="status"][value="acknowledged"]').check();
		await partnerPage.fill('textarea[name="answer"]', 'Registered as TR-2026-4411');
		await partnerPage.locator('form[action="?/answer"] button[type="submit"]').click();
		await expect.poll(() => partnerPage.locator('body').innerText()).toContain('Registered as TR-2026-4411');
		await partnerContext.close();

		// A follow-up falls due: it is on "my work", overdue, and gets done there.
		await open(page, `/cases/${caseNumber}`);
		await page.locator('details.add', { has: page.locator('form[action="?/task"]') }).locator('summary').click();
		await page.selectOption('select[name="kind"]', 'other');
		await page.fill('input[name="title"]', 'Call the mother back');
		await page.locator('form[action="?/task"] button[type="submit"]').click();
		await expect.poll(() => page.locator('main').innerText()).toContain('Call the mother back');
		const [task] = await database.db.select().from(schema.tasks).where(eq(schema.tasks.title, 'Call the mother back'));
		// The due time passes (moved back rather than waiting a day).
		await database.db.update(schema.tasks).set({ dueAt: new Date(Date.now() - 60_000) }).where(eq(schema.tasks.id, task.id));
		await open(page, '/work');
		const row = page.locator('form[action="?/taskDone"]', { has: page.locator(`input[name="taskId"][value="${task.id}"]`) });
		await row.locator('button').click();
		await expect.poll(async () => (await database.db.select().from(schema.tasks).where(eq(schema.tasks.id, task.id)))[0].status).toBe('done');

		// Search active → located safe → closed.
		await open(page, `/cases/${caseNumber}`);
		for (const to of ['search_active', 'located_safe', 'closed']) {
			await page.locator(`form[action="?/status"] button[name="to"][value="${to}"]`).click();
			await expect.poll(async () => (await database.db.select().from(schema.cases).where(eq(schema.cases.number, caseNumber)))[0].status).toBe(to);
			await page.reload();
		}
		expect(dialogs.length).toBeGreaterThan(0);

		// The timeline shows each step.
		const history = await database.db.select().from(schema.caseHistory).innerJoin(schema.cases, eq(schema.cases.id, schema.caseHistory.caseId)).where(eq(schema.cases.number, caseNumber));
		const kinds = history.map((entry) => entry.case_history.kind);
		for (const kind of ['opened', 'call', 'referral', 'link', 'partner_answer', 'task_created', 'task_done', 'status']) expect(kinds, kind).toContain(kind);
		const timeline = await page.locator('main').innerText();
		expect(timeline).toContain('Registered as TR-2026-4411');
		expect(timeline).toContain('Call the mother back');

		// The audit log has each read and write, by the operator and by the partner's link.
		const audit = await database.db.select().from(schema.auditLog).where(eq(schema.auditLog.target, caseNumber));
		const actions = new Set(audit.map((entry) => `${entry.actor === operator.username ? 'operator' : entry.actor.startsWith('partner link') ? 'partner' : entry.actor}:${entry.action}`));
		expect(audit.find((entry) => entry.action === 'case.create')?.detail).toMatchObject({ callId });
		for (const action of ['operator:case.create', 'operator:case.read', 'operator:case.referral', 'operator:partner_link.create', 'partner:partner_link.open', 'partner:partner_link.answer', 'operator:case.task', 'operator:task.done', 'operator:case.status'])
			expect([...actions], action).toContain(action);

		// The wallboard's mix counted the classification.
		await expect
			.poll(async () => ((await (await fetch(`${server.url}/api/v1/live`, { headers: { authorization: `Bearer ${key}` } })).json()) as { mix: Record<string, number> }).mix.localization, { timeout: 10_000 })
			.toBe(1);
		const calls = await database.db.select().from(schema.caseCalls).where(eq(schema.caseCalls.callId, callId));
		expect(calls).toHaveLength(1);
	});

	it('shows HTML typed into any field as text, on every page that shows it', async () => {
		const hostile = (field: string) => `<img src=x onerror="window.__xss='${field}'"><script>window.__xss='${field}'</script>`;
		const created = await fetch(`${server.url}/api/v1/cases`, {
			method: 'POST',
			headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				missingType: 'other',
				child: { givenName: hostile('given'), familyName: hostile('family'), otherNames: hostile('other'), languages: hostile('languages'), nationality: hostile('nationality'), description: hostile('description') },
				disappearance: { lastSeenPlace: hostile('place'), circumstances: hostile('circumstances'), policeReference: hostile('reference') },
				reporter: { name: hostile('reporter'), relation: hostile('relation'), phone: hostile('phone') }
			})
		});
		expect(created.status).toBe(201);
		const { number } = (await created.json()) as { number: string };
		const police = (await database.db.select().from(schema.partners).where(eq(schema.partners.kind, 'state_police')))[0];
		const referral = await fetch(`${server.url}/api/v1/cases/${number}/referrals`, {
			method: 'POST',
			headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body: JSON.stringify({ partnerId: police.id, action: 'report_missing', request: hostile('request'), link: { hours: 1 } })
		});
		const { link } = (await referral.json()) as { link: { url: string } };
		const pages = [`/cases/${number}`, `/cases/${number}/sheet`, `/cases?q=${encodeURIComponent('<img')}`, new URL(link.url).pathname];
		for (const path of pages) {
			const view = await (path.startsWith('/p/') ? await browser.newContext() : context).newPage();
			await open(view, path);
			expect(await view.evaluate(() => (window as unknown as { __xss?: string }).__xss), path).toBeUndefined();
			expect(await view.locator('body').innerText(), path).toContain('<img src=x onerror=');
			expect(await view.locator('main img[src="x"]').count(), path).toBe(0);
			await view.close();
		}
		// Nothing of it was stored differently than typed.
		const [row] = await database.db.select().from(schema.cases).where(and(eq(schema.cases.number, number), like(schema.cases.childGivenName, '<img%')));
		expect(row.childGivenName).toBe(hostile('given'));
	});

	it('passes axe on every page operators, supervisors and partners use', async () => {
		const created = await fetch(`${server.url}/api/v1/cases`, {
			method: 'POST',
			headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body: JSON.stringify({ missingType: 'runaway', priority: 'high', status: 'search_active', child: { givenName: 'Besa', familyName: 'Gashi', age: 13 }, disappearance: { area: 'AL-11' } })
		});
		const { number } = (await created.json()) as { number: string };
		const police = (await database.db.select().from(schema.partners).where(eq(schema.partners.kind, 'state_police')))[0];
		const referral = await fetch(`${server.url}/api/v1/cases/${number}/referrals`, {
			method: 'POST',
			headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body: JSON.stringify({ partnerId: police.id, action: 'report_missing', request: 'Please register it.', link: { hours: 2 } })
		});
		const { link } = (await referral.json()) as { link: { url: string } };
		const supervisor = await signIn(server, 'supervisor', 'Sokol Meta');
		const pagesBy: [string | null, string[]][] = [
			[operator.token, ['/console', '/cases', `/cases/${number}`, `/cases/${number}/sheet`, '/cases/new', '/work']],
			[supervisor.token, ['/work/team', '/partners', '/desk', '/desk/thresholds']],
			[null, [new URL(link.url).pathname]]
		];
		for (const [token, paths] of pagesBy) {
			const view = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 }, bypassCSP: true });
			if (token) await view.addCookies([{ name: 'alo_session', value: token, url: server.url }]);
			const page = await view.newPage();
			for (const path of paths) {
				await open(page, path);
				expect(await seriousViolations(page), path).toEqual([]);
			}
			await view.close();
		}
	});

	it('links a suggested earlier episode of the same child with one click', async () => {
		const openCase = async (child: Record<string, unknown>) => {
			const answer = await fetch(`${server.url}/api/v1/cases`, {
				method: 'POST',
				headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
				body: JSON.stringify({ missingType: 'runaway', status: 'search_active', child })
			});
			return ((await answer.json()) as { number: string }).number;
		};
		const earlier = await openCase({ givenName: 'Ëlira', familyName: 'Çaushi', age: 15 });
		const later = await openCase({ givenName: 'Elira', familyName: 'Caushi', age: 15 });
		await open(page, `/cases/${later}`);
		const suggestions = page.getByRole('group', { name: 'Possibly the same child' });
		expect(await suggestions.innerText()).toContain(earlier);
		await suggestions.getByRole('button', { name: 'Same child: link' }).click();
		await expect.poll(() => page.locator('section[aria-labelledby="episodes-heading"]').innerText()).toContain('2nd episode');
		const rows = await database.db.select({ number: schema.cases.number, childId: schema.cases.childId }).from(schema.cases).where(like(schema.cases.childFamilyName, '%aushi'));
		expect(new Set(rows.map((row) => row.childId)).size).toBe(1);
		expect(await page.getByRole('group', { name: 'Possibly the same child' }).count()).toBe(0);
	});

	it('lets a supervisor set when urgent cases without a partner action reach the wallboard', async () => {
		const supervisor = await signIn(server, 'supervisor', 'Sokol Meta');
		const view = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
		await view.addCookies([
			{ name: 'alo_session', value: supervisor.token, url: server.url },
			{ name: 'lang', value: 'en', url: server.url }
		]);
		const thresholds = await view.newPage();
		await open(thresholds, '/desk/thresholds');
		const rules = thresholds.locator('form.case-rules');
		const rulesNow = async () => (await database.db.select().from(schema.caseAlertRules)).map((row) => `${row.priority}:${row.noActionMinutes}`).sort();

		// A critical case may not wait longer than a high one: refused, nothing stored, the typing kept.
		await rules.getByLabel('Critical priority').fill('90');
		await rules.getByRole('button', { name: 'Save' }).click();
		await expect.poll(() => thresholds.getByRole('alert').innerText()).toContain('cannot wait longer');
		expect(await rules.getByLabel('Critical priority').inputValue()).toBe('90');
		expect(await rulesNow()).toEqual([]);

		await rules.getByLabel('Critical priority').fill('5');
		await rules.getByLabel('High priority').fill('30');
		await rules.getByRole('button', { name: 'Save' }).click();
		// "Saved." shows once the page has reloaded its data: typing before that would be redrawn.
		await expect.poll(() => thresholds.getByRole('status').innerText()).toContain('Saved.');
		await expect.poll(rulesNow).toEqual(['critical:5', 'high:30']);

		// A figure's row: its inputs sit in the table's columns and still belong to the row's form.
		await thresholds.getByLabel('Warning').first().fill('75');
		await thresholds.locator('form#threshold-longestWaitSeconds').getByRole('button', { name: 'Save' }).click();
		await expect.poll(async () => (await database.db.select().from(schema.alertThresholds)).map((row) => `${row.kpi}:${row.warning}:${row.alarm}`)).toEqual(['longestWaitSeconds:75:120']);

		// The audit entry is written just after the figure it records.
		const actions = async () => (await database.db.select().from(schema.auditLog).where(eq(schema.auditLog.actor, supervisor.username))).map((entry) => entry.action).sort();
		await expect.poll(actions).toEqual(['auth.login', 'case_alert_rules.save', 'threshold.save']);
		await view.close();
	});
});
