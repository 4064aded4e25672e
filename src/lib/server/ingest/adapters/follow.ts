/**
 * Follows a growing log file (tail -F): complete lines only, across rotation (a new file under
 * the same name) and truncation, resuming after a restart from a persisted position. The position
 * is saved only after the caller has handled a batch, so a crash re-reads rather than skips.
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';

export interface FollowPosition {
	/** The file's inode: a different one under the same name means the log was rotated. */
	inode: number;
	/** Bytes already handled. */
	offset: number;
	/** The bytes just before `offset` (base64): if they changed, the file was truncated and rewritten. */
	mark?: string;
}

/** How many bytes before the position are compared to notice a truncated and rewritten file. */
const MARK_BYTES = 32;

export interface FollowOptions {
	/** Where the position is kept between runs (JSON). */
	statePath: string;
	/** How often the file is checked, ms. */
	pollMs?: number;
	/** Most bytes read in one go. */
	chunkBytes?: number;
}

export class FileFollower {
	private position: FollowPosition | undefined;
	private stopped = false;
	private readonly pollMs: number;
	private readonly chunkBytes: number;

	constructor(
		private readonly path: string,
		private readonly options: FollowOptions
	) {
		this.pollMs = options.pollMs ?? 500;
		this.chunkBytes = options.chunkBytes ?? 1 << 20;
		if (existsSync(options.statePath)) this.position = JSON.parse(readFileSync(options.statePath, 'utf8')) as FollowPosition;
	}

	stop(): void {
		this.stopped = true;
	}

	/**
	 * Calls `handle` with each batch of new complete lines (and the line number of the first, from
	 * the start of the current file); saves the position when it resolves. Runs until stop().
	 */
	async run(handle: (lines: string[], firstLineNo: number) => Promise<void>): Promise<void> {
		let lineNo = 1;
		while (!this.stopped) {
			const batch = this.readAvailable();
			if (batch.rotated) lineNo = 1;
			const end = batch.text.lastIndexOf('\n');
			// An unfinished last line is left in the file and read again once it is complete.
			const remainder = end >= 0 ? batch.text.slice(end + 1) : batch.text;
			const handledTo = batch.offset - Buffer.byteLength(remainder);
			if (end >= 0) {
				const lines = batch.text.slice(0, end).split('\n').map((line) => line.replace(/\r$/, ''));
				await handle(lines, lineNo);
				lineNo += lines.length;
				this.save({ inode: batch.inode, offset: handledTo });
			} else if (this.position) this.position = { ...this.position, inode: batch.inode, offset: handledTo };
			if (!batch.more || end < 0) await new Promise((resolve) => setTimeout(resolve, this.pollMs));
		}
	}

	private readAvailable(): { text: string; inode: number; offset: number; rotated: boolean; more: boolean } {
		if (!existsSync(this.path)) return { text: '', inode: this.position?.inode ?? 0, offset: this.position?.offset ?? 0, rotated: false, more: false };
		const stat = statSync(this.path);
		let rotated = false;
		let offset = this.position?.offset ?? 0;
		const fd = openSync(this.path, 'r');
		try {
			const sameFile = this.position && this.position.inode === stat.ino && stat.size >= offset && this.markAt(fd, offset) === (this.position.mark ?? this.markAt(fd, offset));
			if (!sameFile) {
				// A new file (rotation) or a truncated/rewritten one: start it from the beginning.
				rotated = this.position !== undefined;
				offset = 0;
				this.position = { inode: stat.ino, offset };
			}
			const size = fstatSync(fd).size;
			const length = Math.min(size - offset, this.chunkBytes);
			if (length <= 0) return { text: '', inode: stat.ino, offset, rotated, more: false };
			const buffer = Buffer.alloc(length);
			const read = readSync(fd, buffer, 0, length, offset);
			this.position = { inode: stat.ino, offset: offset + read };
			return { text: buffer.subarray(0, read).toString('utf8'), inode: stat.ino, offset: offset + read, rotated, more: offset + read < size };
		} finally {
			closeSync(fd);
		}
	}

	/** The MARK_BYTES bytes before `offset`, base64. */
	private markAt(fd: number, offset: number): string {
		const start = Math.max(0, offset - MARK_BYTES);
		const buffer = Buffer.alloc(offset - start);
		readSync(fd, buffer, 0, buffer.length, start);
		return buffer.toString('base64');
	}

	private save(position: FollowPosition): void {
		const fd = openSync(this.path, 'r');
		try {
			position = { ...position, mark: this.markAt(fd, position.offset) };
		} finally {
			closeSync(fd);
		}
		this.position = { ...position };
		const temporary = `${this.options.statePath}.tmp`;
		writeFileSync(temporary, JSON.stringify(position));
		renameSync(temporary, this.options.statePath);
	}
}
