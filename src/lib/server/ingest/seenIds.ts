/**
 * A Bloom filter over the (hotline, id) of every stored event, so the dedup check asks ClickHouse
 * only about ids the filter cannot rule out: "not in the filter" means "never stored"; "maybe"
 * is checked exactly. Only a sole writer may use it (another instance's inserts are not in it).
 * Sized for four times the events stored at start-up (≈ 10 bits per id, ~1 % false positives);
 * beyond that it switches itself off and every id is checked, until the next start.
 */
const HASHES = 7;
const MIN_CAPACITY = 1 << 20;

/** Two independent 32-bit FNV-1a variants; the k probes are h1 + i·h2 (double hashing). */
function hashes(text: string): [number, number] {
	let h1 = 0x811c9dc5;
	let h2 = 0x01000193 ^ text.length;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 0x01000193);
		h2 = Math.imul(h2 ^ c, 0x5bd1e995);
		h2 ^= h2 >>> 15;
	}
	return [h1 >>> 0, (h2 | 1) >>> 0];
}

export class SeenIds {
	private readonly bits: Uint32Array;
	private readonly size: number;
	private readonly capacity: number;
	private count = 0;

	constructor(expected: number) {
		this.capacity = Math.max(MIN_CAPACITY, expected * 4);
		this.size = 2 ** Math.ceil(Math.log2(this.capacity * 10));
		this.bits = new Uint32Array(this.size / 32);
	}

	/** False once more ids were added than it was sized for: then nothing can be ruled out. */
	get usable(): boolean {
		return this.count <= this.capacity;
	}

	add(key: string): void {
		const [h1, h2] = hashes(key);
		for (let i = 0; i < HASHES; i++) {
			const bit = (h1 + Math.imul(i, h2)) & (this.size - 1);
			this.bits[bit >>> 5] |= 1 << (bit & 31);
		}
		this.count++;
	}

	/** True when the key may have been added; false only when it certainly was not. */
	mayContain(key: string): boolean {
		if (!this.usable) return true;
		const [h1, h2] = hashes(key);
		for (let i = 0; i < HASHES; i++) {
			const bit = (h1 + Math.imul(i, h2)) & (this.size - 1);
			if ((this.bits[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
		}
		return true;
	}
}
