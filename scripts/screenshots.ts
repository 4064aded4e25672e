/**
 * Screenshots of pages in every interface language at a wall/desk size (1920×1080) and a laptop
 * size (1366×768), to look at what was built.
 *
 *   npx tsx scripts/screenshots.ts <baseUrl> [paths...] [--dark] [--cookie name=value]...
 *       [--size WxH]... [--lang sq|en]... [--out DIR] [--wait MS] [--no-full]
 *   npx tsx scripts/screenshots.ts http://localhost:4173 / /wallboard
 *   npx tsx scripts/screenshots.ts http://localhost:4173 /admin --cookie alo_session=<token>
 *   npx tsx scripts/screenshots.ts http://localhost:4173 /wallboard/main '/wallboard/main?theme=light' \
 *       --cookie alo_session=<display session> --size 1920x1080 --size 3840x2160 --out docs/screenshots --no-full
 *
 * Writes <out>/<page>-<lang>-<size>.png (the first screen, what a user sees without scrolling)
 * and <page>-<lang>-<size>-full.png (the whole page, unless `--no-full`); <out> defaults to
 * screenshots/. The language is chosen with the same `lang` cookie the language switch sets
 * (`--lang`, repeatable, limits the languages); `--dark` renders with prefers-color-scheme: dark.
 * `--cookie` (repeatable) sends a cookie with every request, e.g. a session to see signed-in
 * pages. `--size` (repeatable) replaces the two default sizes. A page's query string is part of
 * its file name, so `/wallboard/main?theme=light` gives `wallboard-main-theme-light-…`. `--wait`
 * gives live pages time after loading (a WebSocket never lets the network go idle for long, and
 * charts animate in); default 1500 ms.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLanguage, LANGUAGE_COOKIE, LANGUAGES, type Language } from '../src/lib/i18n';
import { launchChromium } from '../tests/e2e/chromium';

const DEFAULT_SIZES = [
	{ name: '1920x1080', width: 1920, height: 1080 },
	{ name: '1366x768', width: 1366, height: 768 }
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** "/" → "home", "/cases/12?tab=x" → "cases-12-tab-x": a file name that says which page it is. */
function pageName(pagePath: string): string {
	const name = pagePath.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
	return name || 'home';
}

async function main() {
	const args = process.argv.slice(2);
	const usage: () => never = () => {
		console.error(
			'usage: npx tsx scripts/screenshots.ts <baseUrl> [paths...] [--dark] [--cookie name=value]... [--size WxH]... [--lang sq|en]... [--out DIR] [--wait MS] [--no-full]'
		);
		process.exit(2);
	};
	let dark = false;
	let full = true;
	let waitMs = 1500;
	let outputDir = path.join(root, 'screenshots');
	const sizes: { name: string; width: number; height: number }[] = [];
	const languages: Language[] = [];
	const cookies: { name: string; value: string }[] = [];
	const positional: string[] = [];
	/** The value of `--name value` or `--name=value`. */
	const valueOf = (arg: string, name: string, index: number): [string | undefined, number] =>
		arg === name ? [args[index + 1], index + 1] : [arg.slice(name.length + 1), index];
	for (let index = 0; index < args.length; index++) {
		const arg = args[index];
		const option = arg.startsWith('--') ? arg.split('=')[0] : '';
		if (arg === '--dark') dark = true;
		else if (arg === '--no-full') full = false;
		else if (option === '--size') {
			let value: string | undefined;
			[value, index] = valueOf(arg, '--size', index);
			const match = /^(\d{3,4})x(\d{3,4})$/.exec(value ?? '');
			if (!match) usage();
			sizes.push({ name: match[0], width: Number(match[1]), height: Number(match[2]) });
		} else if (option === '--lang') {
			let value: string | undefined;
			[value, index] = valueOf(arg, '--lang', index);
			if (!isLanguage(value)) usage();
			languages.push(value);
		} else if (option === '--out') {
			let value: string | undefined;
			[value, index] = valueOf(arg, '--out', index);
			if (!value) usage();
			outputDir = path.resolve(value);
		} else if (option === '--wait') {
			let value: string | undefined;
			[value, index] = valueOf(arg, '--wait', index);
			waitMs = Number(value);
			if (!Number.isFinite(waitMs) || waitMs < 0) usage();
		} else if (arg === '--cookie' || arg.startsWith('--cookie=')) {
			const pair = arg === '--cookie' ? args[++index] : arg.slice('--cookie='.length);
			const separator = pair?.indexOf('=') ?? -1;
			if (!pair || separator < 1) usage();
			cookies.push({ name: pair.slice(0, separator), value: pair.slice(separator + 1) });
		} else positional.push(arg);
	}
	const [baseUrl, ...given] = positional;
	if (!baseUrl || !/^https?:\/\//.test(baseUrl)) usage();
	const pagePaths = given.length ? given : ['/'];
	await mkdir(outputDir, { recursive: true });

	const browser = await launchChromium();
	try {
		for (const lang of languages.length ? languages : LANGUAGES) {
			for (const size of sizes.length ? sizes : DEFAULT_SIZES) {
				const context = await browser.newContext({
					viewport: { width: size.width, height: size.height },
					colorScheme: dark ? 'dark' : 'light'
				});
				await context.addCookies([{ name: LANGUAGE_COOKIE, value: lang, url: baseUrl }, ...cookies.map((cookie) => ({ ...cookie, url: baseUrl }))]);
				const page = await context.newPage();
				for (const pagePath of pagePaths) {
					const response = await page.goto(new URL(pagePath, baseUrl).href, { waitUntil: 'networkidle' });
					const base = `${pageName(pagePath)}-${lang}-${size.name}${dark ? '-dark' : ''}`;
					if (waitMs) await page.waitForTimeout(waitMs);
					await page.screenshot({ path: path.join(outputDir, `${base}.png`) });
					if (full) await page.screenshot({ path: path.join(outputDir, `${base}-full.png`), fullPage: true });
					// A page wider than the window is the most common layout fault: say so.
					const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
					console.log(
						`${base}.png  HTTP ${response?.status() ?? '?'}${overflow > 0 ? `  horizontal overflow ${overflow}px` : ''}`
					);
				}
				await context.close();
			}
		}
	} finally {
		await browser.close();
	}
	console.log(`screenshots in ${outputDir}`);
}

await main();
