import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Native engines stay outside the bundle: adapter-node leaves `dependencies` external, and
// chdb must never be pulled into vite's analysis step (it is imported lazily at run time).
const nativeEngines = ['chdb', '@electric-sql/pglite', '@node-rs/argon2'];

export default defineConfig({
	plugins: [sveltekit()],
	ssr: { external: nativeEngines },
	optimizeDeps: { exclude: nativeEngines },
	test: {
		include: ['tests/**/*.test.ts'],
		pool: 'forks',
		testTimeout: 120_000,
		hookTimeout: 180_000,
		fileParallelism: true,
		maxWorkers: 2
	}
});
