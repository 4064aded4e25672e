/**
 * Trends and advocacy reports in Chromium, on simulated calls and case events: the management
 * page and the advocacy page pass axe with no serious violations; a chart's exports open
 * correctly (the SVG parses and has its title and source line, the PNG has the stated size, the
 * CSV round-trips and agrees with the time-series API); advocacy pages and exports never show a
 * count about children from 1 to 4.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate, simulateCases } from '../../src/lib/server/simulator';
import { postEvents, signIn, startServer, type RunningServer } from '../helpers/server';
import { seriousViolations } from './axe';
import { launchChromium } from './chromium';

const START = Date.parse('2026-06-01T00:00:00+02:00');
const DAYS = 30;
const PERIOD = 'preset=custom&from=2026-06-01&to=2026-06-30';

/** RFC 4180 rows (quoted fields, doubled quotes). */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
			else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') row.push(field), (field = '');
		else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field), rows.push(row), (row = []), (field = '');
		} else field += c;
	}
	if (field || row.length) row.push(field), rows.push(row);
	return rows;
}

describe('trends and reports pages', () => {
	let server: RunningServer;
	let browser: Browser;
	let key: string;

	beforeAll(async () => {
		[server, browser] = await Promise.all([startServer(), launchChromium()]);
		key = await server.createKey('ingest,stats');
		const events = [...simulate({ start: START, durationMs: DAYS * 86_400_000, seed: 5, callsPerDay: 120 }), ...simulateCases({ start: START, durationMs: DAYS * 86_400_000, seed: 5, casesPerDay: 2 })];
		for (let i = 0; i < events.length; i += 8000) {
			const answer = await postEvents(server, key, events.slice(i, i + 8000).map((event) => JSON.stringify(event)).join('\n'), 'application/x-ndjson');
			expect(answer.status).toBe(200);
		}
	}, 180_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
	});

	async function pageAs(role: string): Promise<{ context: BrowserContext; page: Page }> {
		const { token } = await signIn(server, role);
		const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1920, height: 1080 }, acceptDownloads: true, bypassCSP: true });
		await context.addCookies([
			{ name: 'alo_session', value: token, url: server.url },
			{ name: 'lang', value: 'en', url: server.url }
		]);
		return { context, page: await context.newPage() };
	}

	async function download(page: Page, chart: string, kind: 'svg' | 'png' | 'csv'): Promise<Buffer> {
		const frame = page.locator(`#${chart}-chart`);
		await frame.locator('details.export summary').click();
		const [file] = await Promise.all([page.waitForEvent('download'), frame.locator('details.export .menu button').nth(kind === 'svg' ? 0 : kind === 'png' ? 1 : 2).click()]);
		return readFileSync((await file.path())!);
	}

	it('shows management every chart, passes axe, and exports SVG, PNG and CSV that open correctly', async () => {
		const { context, page } = await pageAs('manager');
		await page.goto(`${server.url}/trends?${PERIOD}&granularity=day`);
		await page.locator('#trends-volume-chart svg.alo-svg').waitFor();
		expect(await seriousViolations(page)).toEqual([]);

		const svg = (await download(page, 'trends-volume', 'svg')).toString('utf8');
		const parsed = await page.evaluate((text) => {
			const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
			return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.nodeName, title: doc.querySelector('title')?.textContent ?? '', text: doc.documentElement.textContent ?? '' };
		}, svg);
		expect(parsed.error).toBeNull();
		expect(parsed.root).toBe('svg');
		expect(parsed.title.length).toBeGreaterThan(3);
		expect(parsed.text).toContain('ALO 116-000 · Alo116');

		const png = await download(page, 'trends-volume', 'png');
		expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
		expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1600, 900]);

		const csv = (await download(page, 'trends-volume', 'csv')).toString('utf8').replace(/^\ufeff/, '');
		const rows = parseCsv(csv.trimEnd());
		expect(rows.length).toBeGreaterThan(DAYS - 2);
		for (const row of rows) expect(row.length).toBe(rows[0].length);
		// Round trip: the CSV's offered column adds up to what the API says for the period.
		const offeredColumn = rows[0].findIndex((name) => /offered/i.test(name));
		expect(offeredColumn).toBeGreaterThan(0);
		const api = (await (await fetch(`${server.url}/api/v1/stats/timeseries?metric=offered&from=2026-06-01&to=2026-06-30&granularity=day`, { headers: { authorization: `Bearer ${key}` } })).json()) as { points: { value: number }[] };
		const apiTotal = api.points.reduce((sum, point) => sum + point.value, 0);
		expect(rows.slice(1).reduce((sum, row) => sum + Number(row[offeredColumn] || 0), 0)).toBe(apiTotal);
		await context.close();
	});

	it('shows advocacy only protected figures, passes axe, and exports them protected', async () => {
		const { context, page } = await pageAs('advocacy');
		expect((await page.goto(`${server.url}/trends?${PERIOD}`))?.status()).toBe(403);
		await page.goto(`${server.url}/reports?${PERIOD}&granularity=month`);
		await page.locator('svg.alo-svg').first().waitFor();
		expect(await seriousViolations(page)).toEqual([]);
		// Every table of every chart: no number from 1 to 4 in a count column.
		const details = page.locator('details.table-view');
		for (let i = 0; i < (await details.count()); i++) await details.nth(i).locator('summary').click();
		const cells = await page.locator('details.table-view td').allInnerTexts();
		expect(cells.length).toBeGreaterThan(20);
		expect(cells.some((cell) => cell.trim() === '<5')).toBe(true);
		const counts = cells.map((cell) => cell.trim()).filter((cell) => /^\d+$/.test(cell)).map(Number);
		for (const count of counts) expect(count === 0 || count >= 5, `cell ${count}`).toBe(true);
		const frameIds = await page.locator('section.alo-chart').evaluateAll((sections) => sections.map((section) => section.id.replace(/-chart$/, '')));
		const caseChart = frameIds.find((id) => /type|case/i.test(id)) ?? frameIds[0];
		const csv = (await download(page, caseChart, 'csv')).toString('utf8').replace(/^\ufeff/, '');
		for (const value of parseCsv(csv.trimEnd()).slice(1).flatMap((row) => row.slice(1))) {
			if (/^\d+$/.test(value)) expect(Number(value) === 0 || Number(value) >= 5, `csv ${value}`).toBe(true);
		}
		await context.close();
	});

	it('offers another hotline with figures, names it on its charts and exports, and refuses one without', async () => {
		const other = 'xk-116111';
		const events = [...simulate({ start: START, durationMs: 2 * 86_400_000, seed: 8, callsPerDay: 50 })].map((event) => ({
			...event,
			id: `${other}-${event.id}`,
			hotline: other,
			...('callId' in event ? { callId: `${other}-${event.callId}` } : {})
		}));
		expect((await postEvents(server, key, events.map((event) => JSON.stringify(event)).join('\n'), 'application/x-ndjson')).status).toBe(200);
		const { context, page } = await pageAs('manager');
		await page.goto(`${server.url}/trends?${PERIOD}&granularity=day`);
		await page.waitForLoadState('networkidle');
		expect(await page.locator('#trends-hotline option').allInnerTexts()).toEqual(['al-116000', other].sort());
		await page.locator('#trends-hotline').selectOption(other);
		await Promise.all([page.waitForURL(new RegExp(`hotline=${other}`)), page.locator('form.filters button[type=submit]').last().click()]);
		await page.locator('#trends-volume-chart svg.alo-svg').waitFor();
		expect(await page.locator('#trends-volume-chart').innerText()).toContain(`Hotline ${other}`);
		const csv = (await download(page, 'trends-volume', 'csv')).toString('utf8').replace(/^\ufeff/, '');
		const offered = parseCsv(csv.trimEnd()).slice(1).reduce((total, row) => total + Number(row[1] || 0), 0);
		const summary = await fetch(`${server.url}/api/v1/stats/summary?hotline=${other}&from=2026-06-01&to=2026-06-30`, { headers: { authorization: `Bearer ${key}` } });
		const { offered: offeredThere } = (await summary.json()) as { offered: number };
		expect(offeredThere).toBeGreaterThan(50);
		expect(offered).toBe(offeredThere);

		const annual = await page.request.get(`${server.url}/reports/annual/chi.csv?year=2026&hotline=${other}`);
		expect(annual.status()).toBe(200);
		expect(annual.headers()['content-disposition']).toContain(`alo116-${other}-chi-2026.csv`);
		expect((await page.request.get(`${server.url}/reports/annual/chi.csv?year=2026&hotline=al-116111`)).status()).toBe(400);
		await page.goto(`${server.url}/trends?${PERIOD}&hotline=al-116111`);
		expect(await page.locator('main').innerText()).toContain('This hotline has no figures here.');
		await context.close();
		// Advocacy's reports fall back to this server's own hotline, and say so.
		const advocacy = await pageAs('advocacy');
		await advocacy.page.goto(`${server.url}/reports?hotline=al-116111`);
		const text = await advocacy.page.locator('main').innerText();
		expect(text).toContain('This hotline has no figures here.');
		expect(text).not.toContain('Hotline al-116111');
		await advocacy.context.close();
	});
});
