/**
 * Screenshots of pages in every interface language at a wall/desk size (1920×1080) and a laptop
 * size (1366×768), to look at what was built.
 *
 *   npx tsx scripts/screenshots.ts <baseUrl> [paths...] [--dark]
 *   npx tsx scripts/screenshots.ts http://localhost:4173 / /wallboard
 *
 * Writes screenshots/<page>-<lang>-<size>.png (the first screen, what a user sees without
 * scrolling) and <page>-<lang>-<size>-full.png (the whole page). The language is chosen with the
 * same `lang` cookie the language switch sets; `--dark` renders with prefers-color-scheme: dark.
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
	const dark = args.includes('--dark');
	const [baseUrl, ...given] = args.filter((arg) => arg !== '--dark');
	if (!baseUrl || !/^https?:\/\//.test(baseUrl)) {
		console.error('usage: npx tsx scripts/screenshots.ts <baseUrl> [paths...] [--dark]');
		process.exit(2);
	}
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
				await context.addCookies([{ name: LANGUAGE_COOKIE, value: lang, url: baseUrl }]);
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
