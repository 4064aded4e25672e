/**
 * The home page in a real browser against the built server: Albanian by default, the language
 * switch (with and without JavaScript) and its memory, and that the switch is no open redirect.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/lib/i18n/messages/en';
import { sq } from '../../src/lib/i18n/messages/sq';
import { startServer } from '../helpers/server';
import { launchChromium } from './chromium';

let server: { url: string; stop(): Promise<void>; cleanup?(): void };
let browser: Browser;

beforeAll(async () => {
	// ALO_TEST_URL runs these checks against a server that is already running (a dev server, a
	// deployment) instead of a fresh built one.
	const running = process.env.ALO_TEST_URL?.replace(/\/$/, '');
	const target = running ? { url: running, stop: async () => {} } : startServer();
	[server, browser] = await Promise.all([target, launchChromium()]);
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	server?.cleanup?.();
});

/**
 * A browser whose user prefers German: no language the app speaks, so what it shows is the
 * app's default, not something picked from Accept-Language.
 */
async function germanBrowser(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
	const context = await browser.newContext({ locale: 'de-DE', ...options });
	context.setDefaultTimeout(10_000); // a local page that takes longer has failed
	return context;
}

/** Collects script errors and console errors (CSP violations, failed hydration) of a page. */
function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	return errors;
}

async function shownLanguage(page: Page) {
	return {
		htmlLang: await page.locator('html').getAttribute('lang'),
		heading: (await page.locator('h1').textContent())?.trim(),
		title: await page.title()
	};
}

describe('home page', () => {
	it('speaks Albanian by default', async () => {
		const context = await germanBrowser();
		const page = await context.newPage();
		const errors = watchErrors(page);
		const response = await page.goto(`${server.url}/`);
		expect(response?.status()).toBe(200);
		await page.waitForLoadState('networkidle');
		expect(await shownLanguage(page)).toEqual({ htmlLang: 'sq', heading: sq['home.heading'], title: sq['home.title'] });
		expect(sq['home.heading']).toContain('fëmijët e zhdukur');
		expect(await page.getByRole('button', { name: 'Shqip' }).getAttribute('aria-pressed')).toBe('true');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('answers in English to a browser that prefers English', async () => {
		const context = await browser.newContext({ locale: 'en-GB' });
		const page = await context.newPage();
		await page.goto(`${server.url}/`);
		expect((await shownLanguage(page)).htmlLang).toBe('en');
		await context.close();
	});

	it('switches to English, stays on the same page and remembers the choice', async () => {
		const context = await germanBrowser();
		const page = await context.newPage();
		const errors = watchErrors(page);
		await page.goto(`${server.url}/?from=test`);
		await page.waitForLoadState('networkidle');

		await Promise.all([page.waitForURL(`${server.url}/?from=test`), page.getByRole('button', { name: 'English' }).click()]);
		await page.waitForLoadState('networkidle');
		expect(await shownLanguage(page)).toEqual({ htmlLang: 'en', heading: en['home.heading'], title: en['home.title'] });
		expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
		const cookie = (await context.cookies()).find((c) => c.name === 'lang');
		expect(cookie).toMatchObject({ value: 'en', path: '/', sameSite: 'Lax' });
		expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(360 * 24 * 3600 * 1000);

		await page.reload();
		expect((await shownLanguage(page)).heading).toBe(en['home.heading']);
		await page.goto(`${server.url}/`);
		expect((await shownLanguage(page)).htmlLang).toBe('en');

		await page.getByRole('button', { name: 'Shqip' }).click();
		await page.waitForURL(`${server.url}/`);
		expect((await shownLanguage(page)).heading).toBe(sq['home.heading']);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('switches language without JavaScript', async () => {
		const context = await germanBrowser({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${server.url}/`);
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'English' }).click()]);
		expect(await shownLanguage(page)).toMatchObject({ htmlLang: 'en', heading: en['home.heading'] });
		await context.close();
	});

	it('never follows the switch to another site', async () => {
		const context = await germanBrowser();
		const page = await context.newPage();
		await page.goto(`${server.url}/`);
		// What a hostile link would make the form carry.
		await page.locator('input[name="redirectTo"]').evaluate((input: HTMLInputElement) => {
			input.value = 'https://evil.example/';
		});
		await Promise.all([page.waitForURL(`${server.url}/`), page.getByRole('button', { name: 'English' }).click()]);
		expect(new URL(page.url()).origin).toBe(server.url);
		expect((await shownLanguage(page)).htmlLang).toBe('en');
		await context.close();
	});

	it('sends every redirectTo that leaves the site to the home page', async () => {
		const switchTo = (redirectTo: string) =>
			fetch(`${server.url}/language`, {
				method: 'POST',
				// A browser's same-origin form post carries its Origin; SvelteKit refuses cross-site ones.
				headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ lang: 'en', redirectTo }),
				redirect: 'manual'
			});
		const plain = await switchTo('/');
		expect(plain.status, 'a same-site form post to /language was refused: does the server know its own origin (ORIGIN; http or https)?').toBe(303);
		for (const hostile of ['https://evil.example', '//evil.example/x', '/\\evil.example', '/\t/evil.example', 'javascript:alert(1)', 'evil.example']) {
			const response = await switchTo(hostile);
			expect(response.status, hostile).toBe(303);
			expect(response.headers.get('location'), hostile).toBe('/');
		}
		const kept = await switchTo('/?tab=api#api-events');
		expect(kept.headers.get('location')).toBe('/?tab=api#api-events');

		const invalid = await fetch(`${server.url}/language`, {
			method: 'POST',
			headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ lang: 'fr', redirectTo: '/' }),
			redirect: 'manual'
		});
		expect(invalid.status).toBe(400);
	});

	it('shows a friendly, translated page for an unknown address', async () => {
		const context = await germanBrowser();
		const page = await context.newPage();
		const response = await page.goto(`${server.url}/no-such-page`);
		expect(response?.status()).toBe(404);
		expect((await page.locator('h1').textContent())?.trim()).toBe(sq['error.404.heading']);
		await page.getByRole('link', { name: sq['error.home'] }).click();
		await page.waitForURL(`${server.url}/`);
		await context.close();
	});
});
