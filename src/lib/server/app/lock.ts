/**
 * One process per embedded data directory (chDB and PGlite each allow one). The holder writes
 * DATA_DIR/alo116.lock (mode 0600) with its pid, role and — for a server — its URL and a control
 * token through which the CLI reaches it instead of opening the stores a second time.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface LockInfo {
	pid: number;
	role: 'server' | 'cli';
	startedAt: string;
	/** Where a running server answers, e.g. http://127.0.0.1:3000 */
	url?: string;
	/** Secret that gives the CLI every API scope on this server. */
	controlToken?: string;
}

export class DataDirLockedError extends Error {
	constructor(
		readonly holder: LockInfo,
		dataDir: string
	) {
		super(
			holder.role === 'server'
				? `The data directory ${dataDir} is in use by a running Alo116 server (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''}). Stop it first, or use a command that goes through its API.`
				: `The data directory ${dataDir} is in use by another alo command (pid ${holder.pid}). Wait for it to finish.`
		);
	}
}

const lockPath = (dataDir: string) => path.join(dataDir, 'alo116.lock');

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The live holder of the lock, or undefined (a stale lock of a dead process is ignored). */
export function readLock(dataDir: string): LockInfo | undefined {
	try {
		const info = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockInfo;
		return isAlive(info.pid) && info.pid !== process.pid ? info : undefined;
	} catch {
		return undefined;
	}
}

export function acquireLock(dataDir: string, role: LockInfo['role'], url?: string): { info: LockInfo; release(): void } {
	mkdirSync(dataDir, { recursive: true });
	const file = lockPath(dataDir);
	const info: LockInfo = { pid: process.pid, role, startedAt: new Date().toISOString(), url };
	if (role === 'server') info.controlToken = randomBytes(24).toString('base64url');
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			const fd = openSync(file, 'wx', 0o600);
			writeSync(fd, JSON.stringify(info));
			closeSync(fd);
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				try {
					const current = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
					if (current.pid === process.pid) unlinkSync(file);
				} catch {
					// Already gone: nothing to release.
				}
			};
			process.once('exit', release);
			return { info, release };
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = readLock(dataDir);
			if (holder) throw new DataDirLockedError(holder, dataDir);
			// The holder died (kill -9, power loss): its lock is stale.
			try {
				unlinkSync(file);
			} catch {
				// Another process removed it first; try again.
			}
		}
	}
	throw new Error(`Could not take the lock ${file}`);
}
