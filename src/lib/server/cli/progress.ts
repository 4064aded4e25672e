/**
 * Progress for long CLI work: a redrawn bar with rate and ETA on a terminal, plain lines
 * (every few seconds) otherwise, so logs and CI stay readable.
 */
export interface Progress {
	update(done: number, total?: number): void;
	finish(summary: string): void;
}

function formatSeconds(seconds: number): string {
	if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
	const whole = Math.round(seconds);
	const hours = Math.floor(whole / 3600);
	const minutes = Math.floor((whole % 3600) / 60);
	const rest = String(whole % 60).padStart(2, '0');
	return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

export function createProgress(label: string, unit: string, stream: NodeJS.WriteStream = process.stderr): Progress {
	const started = Date.now();
	const interactive = Boolean(stream.isTTY);
	const plainEveryMs = 2000;
	const drawEveryMs = 100;
	let lastDraw = 0;
	let lastDone = 0;
	let lastTotal: number | undefined;

	function line(done: number, total: number | undefined): string {
		const elapsed = (Date.now() - started) / 1000;
		const rate = elapsed > 0 ? done / elapsed : 0;
		const rateText = `${Math.round(rate).toLocaleString('en')} ${unit}/s`;
		if (!total) return `${label} ${done.toLocaleString('en')} ${unit} · ${rateText} · ${formatSeconds(elapsed)} elapsed`;
		const fraction = Math.min(1, done / total);
		const eta = rate > 0 ? (total - done) / rate : Infinity;
		const percent = `${(fraction * 100).toFixed(1).padStart(5)}%`;
		const counts = `${done.toLocaleString('en')}/${total.toLocaleString('en')} ${unit}`;
		if (!interactive) return `${label} ${percent} ${counts} · ${rateText} · ETA ${formatSeconds(eta)}`;
		const width = 28;
		const filled = Math.round(fraction * width);
		return `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${percent} ${counts} · ${rateText} · ETA ${formatSeconds(eta)}`;
	}

	return {
		update(done, total) {
			lastDone = done;
			lastTotal = total;
			const now = Date.now();
			if (now - lastDraw < (interactive ? drawEveryMs : plainEveryMs)) return;
			lastDraw = now;
			if (interactive) stream.write(`\r\x1b[2K${line(done, total)}`);
			else stream.write(`${line(done, total)}\n`);
		},
		finish(summary) {
			if (interactive) stream.write(`\r\x1b[2K${line(lastDone, lastTotal)}\n`);
			stream.write(`${summary}\n`);
		}
	};
}
