import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** `vite dev` serves /ws like server.js does, so live pages (wallboard, desk, console) go live. */
function liveSocketInDev(): Plugin {
	return {
		name: 'alo116-live-socket',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			const { attachLiveSocket } = await import('./scripts/liveSocket.js');
			attachLiveSocket(server.httpServer, { onlyWs: true });
		}
	};
}

// Native engines stay outside the bundle: adapter-node leaves `dependencies` external, and
// chdb must never be pulled into vite's analysis step (it is imported lazily at run time).
const nativeEngines = ['chdb', '@electric-sql/pglite', '@node-rs/argon2'];

export default defineConfig({
	plugins: [liveSocketInDev(), sveltekit()],
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
