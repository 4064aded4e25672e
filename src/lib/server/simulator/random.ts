/**
 * A small seeded pseudo-random generator and the distributions the simulator draws from.
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter, 128-bit state) passes PractRand far beyond
 * what a traffic simulation needs; its state is seeded through splitmix32 so that neighbouring
 * seeds and stream numbers give unrelated sequences.
 */

/** Uniform in [0, 1). */
export type Random = () => number;

function splitmix32(state: number): () => number {
	let s = state >>> 0;
	return () => {
		s = (s + 0x9e3779b9) >>> 0;
		let z = s;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		return (z ^ (z >>> 16)) >>> 0;
	};
}

/**
 * A generator for `seed` and an independent `stream` of it: the simulator uses one stream for
 * arrivals and callers and another for booths, so that changing the number of booths leaves the
 * offered traffic of a seed unchanged.
 */
export function createRandom(seed: number, stream = 0): Random {
	const init = splitmix32((seed >>> 0) ^ Math.imul(stream + 1, 0x632be5ab));
	let a = init();
	let b = init();
	let c = init();
	let d = init();
	const next = (): number => {
		const t = (((a + b) >>> 0) + d) >>> 0;
		d = (d + 1) >>> 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) >>> 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) >>> 0;
		return t;
	};
	// The first outputs of a freshly seeded sfc32 are still correlated with the seed.
	for (let i = 0; i < 12; i += 1) next();
	return () => next() / 4_294_967_296;
}

export function uniform(random: Random, min: number, max: number): number {
	return min + (max - min) * random();
}

export function chance(random: Random, probability: number): boolean {
	return random() < probability;
}

export function exponential(random: Random, mean: number): number {
	return -mean * Math.log(1 - random());
}

/** Standard normal by Box–Muller (one of the pair is used, keeping the draw count fixed). */
export function standardNormal(random: Random): number {
	const u1 = 1 - random();
	const u2 = random();
	return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Lognormal with the given median and shape σ; its mean is median·e^(σ²/2). */
export function lognormal(random: Random, median: number, sigma: number): number {
	return median * Math.exp(sigma * standardNormal(random));
}

export function pickWeighted<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
	const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
	let point = random() * total;
	for (const [value, weight] of choices) {
		point -= weight;
		if (point < 0) return value;
	}
	return choices[choices.length - 1][0];
}

/** `length` lower-case hex digits. */
export function hexString(random: Random, length: number): string {
	let text = '';
	while (text.length < length) text += Math.floor(random() * 4_294_967_296).toString(16).padStart(8, '0');
	return text.slice(0, length);
}
