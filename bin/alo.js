#!/usr/bin/env node
// The `alo` command: runs the TypeScript CLI through tsx (no build step needed).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/lib/server/cli/main.ts');
const code = await main(process.argv.slice(2));
// chDB keeps native threads alive; exit explicitly once the work is done.
process.exit(code);
