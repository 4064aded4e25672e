// `npm start`: builds the app when build/ is missing or older than the sources, then serves it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const built = path.join(root, 'build', 'handler.js');

function newestMtime(dir) {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
	}
	return newest;
}

const sources = ['src', 'static'].map((dir) => path.join(root, dir)).filter(existsSync);
const stale = !existsSync(built) || Math.max(...sources.map(newestMtime), statSync(path.join(root, 'package.json')).mtimeMs) > statSync(built).mtimeMs;
if (stale) {
	console.log('[alo116] building the app (first start or sources changed)…');
	const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}
process.chdir(root);
await import(path.join(root, 'server.js'));
