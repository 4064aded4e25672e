/**
 * Screenshots of pages in every interface language at a wall/desk size (1920×1080) and a laptop
 * size (1366×768), to look at what was built.
 *
 *   npx tsx scripts/screenshots.ts <baseUrl> [paths...] [--dark] [--cookie name=value]...
 *   npx tsx scripts/screenshots.ts http://localhost:4173 / /wallboard
 *   npx tsx scripts/screenshots.ts http://localhost:4173 /admin --cookie alo_session=<token>
 *
 * Writes screenshots/<page>-<lang>-<size>.png (the first screen, what a user sees without
 * scrolling) and <page>-<lang>-<size>-full.png (the whole page). The language is chosen with the
 * same `lang` cookie the language switch sets; `--dark` renders with prefers-color-scheme: dark.
 * `--cookie` (repeatable) sends a cookie with every request, e.g. a session to see signed-in pages.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGE_COOKIE, LANGUAGES } from '../src/lib/i18n';
import { launchChromium } from '../tests/e2e/chromium';

const SIZES = [
	{ name: '1920x1080', width: 1920, height: 1080 },
	{ name: '1366x768', width: 1366, height: 768 }
];

const outputDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

/** "/" → "home", "/cases/12?tab=x" → "cases-12-tab-x": a file name that says which page it is. */
function pageName(pagePath: string): string {
	const name = pagePath.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
	return name || 'home';
}

async function main() {
	const args = process.argv.slice(2);
	const usage: () => never = () => {
		console.error('usage: npx tsx scripts/screenshots.ts <baseUrl> [paths...] [--dark] [--cookie name=value]...');
		process.exit(2);
	};
	let dark = false;
	const cookies: { name: string; value: string }[] = [];
	const positional: string[] = [];
	for (let index = 0; index < args.length; index++) {
		const arg = args[index];
		if (arg === '--dark') dark = true;
		else if (arg === '--cookie' || arg.startsWith('--cookie=')) {
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
		for (const lang of LANGUAGES) {
			for (const size of SIZES) {
				const context = await browser.newContext({
					viewport: { width: size.width, height: size.height },
					colorScheme: dark ? 'dark' : 'light'
				});
				await context.addCookies([{ name: LANGUAGE_COOKIE, value: lang, url: baseUrl }, ...cookies.map((cookie) => ({ ...cookie, url: baseUrl }))]);
				const page = await context.newPage();
				for (const pagePath of pagePaths) {
					const response = await page.goto(new URL(pagePath, baseUrl).href, { waitUntil: 'networkidle' });
					const base = `${pageName(pagePath)}-${lang}-${size.name}${dark ? '-dark' : ''}`;
					await page.screenshot({ path: path.join(outputDir, `${base}.png`) });
					await page.screenshot({ path: path.join(outputDir, `${base}-full.png`), fullPage: true });
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
