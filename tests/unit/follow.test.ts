import { appendFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileFollower } from '../../src/lib/server/ingest/adapters/follow';
import { temporaryDir } from '../helpers/server';

const until = async (test: () => boolean) => {
	const deadline = Date.now() + 5000;
	while (!test()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
};

describe('following a log file', () => {
	const dir = temporaryDir();
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('reads whole lines across appends, rotation and truncation, and resumes after a restart', async () => {
		const log = path.join(dir, 'queue_log');
		const state = path.join(dir, 'position.json');
		writeFileSync(log, 'a1\na2\npartial');
		const seen: string[] = [];
		let follower = new FileFollower(log, { statePath: state, pollMs: 10 });
		let running = follower.run(async (lines) => void seen.push(...lines));
		await until(() => seen.length === 2);
		expect(seen).toEqual(['a1', 'a2']);
		appendFileSync(log, ' line\na3\n');
		await until(() => seen.length === 4);
		expect(seen.slice(2)).toEqual(['partial line', 'a3']);
		// Rotation: the old file moves away, a new one takes its name.
		renameSync(log, `${log}.1`);
		writeFileSync(log, 'b1\n');
		await until(() => seen.length === 5);
		expect(seen[4]).toBe('b1');
		// Truncation: the same file starts over.
		truncateSync(log, 0);
		appendFileSync(log, 'c1\n');
		await until(() => seen.length === 6);
		expect(seen[5]).toBe('c1');
		follower.stop();
		await running;
		// A restart resumes after the last handled line.
		appendFileSync(log, 'c2\n');
		follower = new FileFollower(log, { statePath: state, pollMs: 10 });
		running = follower.run(async (lines) => void seen.push(...lines));
		await until(() => seen.length === 7);
		expect(seen[6]).toBe('c2');
		follower.stop();
		await running;
	});

	it('re-reads a batch whose handling failed, so nothing is skipped', async () => {
		const log = path.join(dir, 'failing_log');
		const state = path.join(dir, 'failing.json');
		writeFileSync(log, 'x1\nx2\n');
		const first = new FileFollower(log, { statePath: state, pollMs: 10 });
		await expect(first.run(async () => { throw new Error('ingest down'); })).rejects.toThrow('ingest down');
		const seen: string[] = [];
		const second = new FileFollower(log, { statePath: state, pollMs: 10 });
		const running = second.run(async (lines) => void seen.push(...lines));
		await until(() => seen.length === 2);
		expect(seen).toEqual(['x1', 'x2']);
		second.stop();
		await running;
	});
});
