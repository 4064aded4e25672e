/**
 * Accounts in a real browser against the built server: first-run setup of the admin, an operator
 * created and refused an admin page, signing out; a wall display paired through its one-time URL
 * in a fresh browser that sees its board and nothing else, until the admin revokes it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';
import { launchChromium } from './chromium';

const ADMIN = { username: 'drita', password: 'Drita-e-mire-2026' };
const OPERATOR = { username: 'besa', password: 'Besa-operatore-2026' };

describe('accounts and displays in Chromium', () => {
	let server: RunningServer;
	let browser: Browser;
	let adminContext: BrowserContext;
	let admin: Page;
	let pairingUrl = '';

	beforeAll(async () => {
		[server, browser] = await Promise.all([startServer(), launchChromium()]);
		adminContext = await browser.newContext({ locale: 'en-GB' });
		admin = await adminContext.newPage();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
	});

	/** Waits until the page is hydrated, so forms are enhanced before they are used. */
	async function open(page: Page, path: string) {
		const response = await page.goto(`${server.url}${path}`);
		await page.waitForLoadState('networkidle');
		return response;
	}

	async function signIn(page: Page, who: { username: string; password: string }) {
		await open(page, '/login');
		await page.fill('input[name=username]', who.username);
		await page.fill('input[name=password]', who.password);
		await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('main button[type=submit]')]);
	}

	async function signOut(page: Page) {
		await Promise.all([page.waitForURL(/\/login/), page.click('button.sign-out')]);
	}

	it('sets up the first admin, who creates an operator and a display', async () => {
		await open(admin, '/setup');
		await admin.fill('input[name=username]', ADMIN.username);
		await admin.fill('input[name=displayName]', 'Drita Hoxha');
		await admin.fill('input[name=password]', ADMIN.password);
		await admin.fill('input[name=passwordConfirmation]', ADMIN.password);
		await Promise.all([admin.waitForURL(/\/admin$/), admin.click('main button[type=submit]')]);
		// Setup is one-time: afterwards it sends people away (to sign in, or home when signed in).
		const again = await (await browser.newPage()).goto(`${server.url}/setup`);
		expect(again!.url()).toMatch(/\/login$/);

		await open(admin, '/admin/users');
		await admin.fill('#new-username', OPERATOR.username);
		await admin.fill('#new-display-name', 'Besa Krasniqi');
		await admin.selectOption('#new-role', 'operator');
		await admin.fill('#new-password', OPERATOR.password);
		await admin.click('form[action="?/create"] button[type=submit]');
		await expect.poll(async () => admin.locator('table').innerText()).toContain('Besa Krasniqi');

		await open(admin, '/admin/displays');
		await admin.fill('#display-name', 'TV in the hall');
		await admin.fill('#display-board', 'main');
		await admin.click('form[action="?/create"] button[type=submit]');
		await expect.poll(async () => (await admin.content()).match(/https?:\/\/[^\s"<]+\/display\/[a-z2-7]{32}/)?.[0] ?? '').not.toBe('');
		pairingUrl = (await admin.content()).match(/https?:\/\/[^\s"<]+\/display\/[a-z2-7]{32}/)![0];
		await signOut(admin);
	});

	it('signs the operator in, refuses an admin page with 403, and signs out', async () => {
		const context = await browser.newContext({ locale: 'sq-AL' });
		const page = await context.newPage();
		await signIn(page, OPERATOR);
		expect(new URL(page.url()).pathname).toBe('/');
		await expect.poll(async () => page.locator('header').first().innerText()).toContain('Besa Krasniqi');
		const refused = await page.goto(`${server.url}/admin/users`);
		expect(refused!.status()).toBe(403);
		expect(await page.locator('h1').innerText()).toBe('Nuk keni leje');
		await open(page, '/');
		await signOut(page);
		const afterwards = await page.goto(`${server.url}/admin`);
		expect(afterwards!.url()).toMatch(/\/login\?redirectTo=%2Fadmin/);
		await context.close();
	});

	it('shows a paired display its board and nothing else, until it is revoked', async () => {
		const tv = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		const screen = await tv.newPage();
		await screen.goto(pairingUrl);
		expect(new URL(screen.url()).pathname).toBe('/wallboard/main');
		// A kiosk: no navigation, no sign-out, no admin links.
		expect(await screen.locator('header nav').count()).toBe(0);
		expect(await screen.locator('button.sign-out').count()).toBe(0);
		expect((await screen.goto(`${server.url}/admin`))!.status()).toBe(403);
		expect((await screen.goto(`${server.url}/wallboard/lobby`))!.status()).toBe(403);
		expect((await screen.goto(`${server.url}/api/v1/stats/summary`))!.status()).toBe(403);
		// The pairing URL works once.
		const second = await browser.newContext();
		const used = await (await second.newPage()).goto(pairingUrl);
		expect(used!.status()).toBe(410);
		await second.close();
		expect((await screen.goto(`${server.url}/wallboard/main`))!.status()).toBe(200);

		await signIn(admin, ADMIN);
		await open(admin, '/admin/displays');
		admin.once('dialog', (dialog) => dialog.accept());
		await admin.click('form[action="?/revoke"] button[type=submit]');
		await expect.poll(async () => admin.locator('table').innerText()).toMatch(/revoked/i);

		const afterRevoke = await screen.goto(`${server.url}/wallboard/main`);
		expect(afterRevoke!.url()).toMatch(/\/login/);
		await tv.close();
	});
});
