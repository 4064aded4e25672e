/**
 * Locating the project's own files (analytics SQL, drizzle migrations) at run time, the same way
 * from `src/` under tsx or vitest and from the adapter-node bundle under `build/`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The directory that holds package.json, analytics/ and migrations/. */
export function projectRoot(): string {
	if (cachedRoot) return cachedRoot;
	const starts = [path.dirname(fileURLToPath(import.meta.url)), process.cwd()];
	for (const start of starts) {
		let dir = start;
		for (;;) {
			if (existsSync(path.join(dir, 'analytics', 'migrations')) && existsSync(path.join(dir, 'package.json'))) {
				cachedRoot = dir;
				return dir;
			}
			const parent = path.dirname(dir);
			if (parent === dir) break;
			dir = parent;
		}
	}
	throw new Error('Cannot find the Alo116 project root (a folder with analytics/migrations and package.json)');
}
