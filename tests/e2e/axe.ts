/**
 * Accessibility checks in Chromium with axe-core: the serious and critical violations of a page
 * (the page's context needs `bypassCSP: true`, since axe is added as an inline script).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** "rule (impact): first three nodes" for each serious or critical violation; empty when none. */
export async function seriousViolations(page: Page): Promise<string[]> {
	await page.addScriptTag({ content: AXE_SOURCE });
	const result = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
		return axe.run(document, { resultTypes: ['violations'] });
	});
	return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}
