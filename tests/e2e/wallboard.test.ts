/**
 * The live wallboard in Chromium, signed in through a display token: each posted event (a call
 * queued, ringing at booth 2, answered, ended, classified; a pause) changes the right tile or
 * figure, and a server restart in the middle leaves the same figures after the screen reconnects.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDisplay } from '../../src/lib/server/auth';
import { openDatabase } from '../../src/lib/server/db';
import { freshPostgresDatabase } from '../helpers/databases';
import { postEvents, startServer, type RunningServer } from '../helpers/server';
import { launchChromium } from './chromium';

describe('live wallboard', () => {
	let server: RunningServer;
	let browser: Browser;
	let screen: Page;
	let key: string;
	let drop: () => Promise<void>;
	let n = 0;
	const send = async (type: string, extra: Record<string, unknown> = {}) => {
		const answer = await postEvents(server, key, [{ id: `wb-${++n}`, type, ts: new Date().toISOString(), ...extra }]);
		expect(answer.body).toMatchObject({ accepted: 1 });
	};
	const booth = (id: string) => screen.locator('section.booths article.booth').nth(Number(id) - 1);
	const kpi = (label: string) => screen.locator('section.kpis article.kpi', { has: screen.locator('h2', { hasText: new RegExp(`^${label}$`) }) }).locator('.figure');

	beforeAll(async () => {
		const pg = await freshPostgresDatabase();
		drop = pg.drop;
		[server, browser] = await Promise.all([startServer({ env: { DATABASE_URL: pg.url } }), launchChromium()]);
		key = await server.createKey('ingest,stats');
		const database = await openDatabase(pg.url, '/nonexistent');
		const { token } = await createDisplay(database.db, { id: null, name: 'test' }, { name: 'TV', board: 'main' });
		await database.close();
		const tv = await browser.newContext({ locale: 'en-GB', viewport: { width: 1920, height: 1080 } });
		screen = await tv.newPage();
		await screen.goto(`${server.url}/display/${token}`);
		expect(new URL(screen.url()).pathname).toBe('/wallboard/main');
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
		await drop?.();
	});

	it('changes the right tiles and figures as events arrive', async () => {
		for (const id of ['1', '2', '3', '4']) await send('booth.state', { booth: id, data: { state: 'available' } });
		await expect.poll(() => screen.locator('section.booths article.booth.state-available').count()).toBe(4);

		await send('call.queued', { callId: 'c1' });
		await expect.poll(() => screen.locator('section.queue').innerText()).toMatch(/\b1\b/);
		await send('call.ringing', { callId: 'c1', booth: '2' });
		await send('booth.state', { booth: '2', data: { state: 'ringing' } });
		await expect.poll(() => booth('2').getAttribute('class')).toContain('state-ringing');

		await send('call.answered', { callId: 'c1', booth: '2', operator: 'ana' });
		await send('booth.state', { booth: '2', operator: 'ana', data: { state: 'on_call' } });
		await expect.poll(() => booth('2').getAttribute('class')).toContain('state-on_call');
		await expect.poll(() => booth('2').innerText()).toContain('ana');
		await expect.poll(() => kpi('Answered').innerText()).toBe('1');
		await expect.poll(() => kpi('Offered').innerText()).toBe('1');

		await send('call.ended', { callId: 'c1', booth: '2', data: { endedBy: 'caller' } });
		await send('booth.state', { booth: '2', data: { state: 'wrap_up' } });
		await send('call.classified', { callId: 'c1', data: { classes: ['counseling'] } });
		await expect.poll(() => booth('2').getAttribute('class')).toContain('state-wrap_up');
		await expect.poll(() => screen.locator('section.mix').innerText()).toMatch(/Counsel/i);

		await send('booth.state', { booth: '3', data: { state: 'paused', reason: 'break' } });
		await expect.poll(() => booth('3').getAttribute('class')).toContain('state-paused');
		// Other booths did not move.
		expect(await booth('1').getAttribute('class')).toContain('state-available');
		expect(await booth('4').getAttribute('class')).toContain('state-available');
	});

	it('shows the same figures after a server restart, once the screen has reconnected', async () => {
		const figures = async () => ({
			offered: await kpi('Offered').innerText(),
			answered: await kpi('Answered').innerText(),
			states: await screen.locator('section.booths article.booth').evaluateAll((tiles) => tiles.map((tile) => tile.className.match(/state-\w+/)?.[0]))
		});
		const before = await figures();
		await server.restart();
		// While the server is away the screen says so; then it is live again by itself.
		await expect.poll(() => screen.locator('body').innerText(), { timeout: 30_000 }).not.toMatch(/reconnecting/i);
		await send('booth.state', { booth: '4', data: { state: 'paused', reason: 'training' } });
		await expect.poll(() => booth('4').getAttribute('class'), { timeout: 30_000 }).toContain('state-paused');
		const after = await figures();
		expect(after.offered).toBe(before.offered);
		expect(after.answered).toBe(before.answered);
		expect(after.states).toEqual([...before.states.slice(0, 3), 'state-paused']);
	});
});
