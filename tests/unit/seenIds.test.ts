import { describe, expect, it } from 'vitest';
import { SeenIds } from '../../src/lib/server/ingest/seenIds';

describe('the dedup Bloom filter', () => {
	it('never forgets an id and rarely claims an unseen one', () => {
		const seen = new SeenIds(100_000);
		const ids = Array.from({ length: 100_000 }, (_, i) => `al-116000\u0000pbx-${i * 7919}-answered`);
		for (const id of ids) seen.add(id);
		expect(ids.every((id) => seen.mayContain(id))).toBe(true);
		let falsePositives = 0;
		for (let i = 0; i < 100_000; i++) if (seen.mayContain(`al-116000\u0000other-${i}`)) falsePositives++;
		expect(falsePositives / 100_000).toBeLessThan(0.02);
	});

	it('switches itself off (everything "maybe") once filled past its capacity', () => {
		const seen = new SeenIds(0);
		for (let i = 0; i <= 4 * (1 << 20) + 1; i += 1) {
			if (i > (1 << 20) + 1) break;
			seen.add(`id-${i}`);
		}
		expect(seen.usable).toBe(false);
		expect(seen.mayContain('never-added')).toBe(true);
	});
});
