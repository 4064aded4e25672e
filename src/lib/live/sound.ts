/**
 * A short signal when an alert starts, made with the Web Audio API (no audio files, nothing
 * fetched). Off until switched on; browsers allow sound only after a click on the page (or a kiosk
 * browser started with an autoplay policy that allows it), so `enable()` belongs in a click handler.
 */
import type { AlertLevel } from './types';

type Tone = { frequency: number; start: number; length: number };

/** Warning: one soft tone. Alarm: two falling pairs, harder to miss. */
const PATTERNS: Record<AlertLevel, Tone[]> = {
	warning: [{ frequency: 660, start: 0, length: 0.28 }],
	alarm: [
		{ frequency: 880, start: 0, length: 0.18 },
		{ frequency: 660, start: 0.22, length: 0.22 },
		{ frequency: 880, start: 0.62, length: 0.18 },
		{ frequency: 660, start: 0.84, length: 0.22 }
	]
};

export class AlertSound {
	private context: AudioContext | null = null;

	/** Creates (or wakes) the audio context; call from a user gesture. */
	async enable(): Promise<boolean> {
		if (typeof window === 'undefined' || !('AudioContext' in window)) return false;
		this.context ??= new AudioContext();
		if (this.context.state === 'suspended') {
			try {
				await this.context.resume();
			} catch {
				return false;
			}
		}
		return this.context.state === 'running';
	}

	disable(): void {
		void this.context?.suspend().catch(() => {});
	}

	play(level: AlertLevel, volume = 0.25): void {
		const context = this.context;
		if (!context || context.state !== 'running') return;
		const begin = context.currentTime + 0.02;
		for (const tone of PATTERNS[level]) {
			const oscillator = context.createOscillator();
			const gain = context.createGain();
			oscillator.type = 'sine';
			oscillator.frequency.value = tone.frequency;
			const start = begin + tone.start;
			const end = start + tone.length;
			// A soft attack and release: no clicks.
			gain.gain.setValueAtTime(0, start);
			gain.gain.linearRampToValueAtTime(volume, start + 0.02);
			gain.gain.setValueAtTime(volume, end - 0.05);
			gain.gain.linearRampToValueAtTime(0, end);
			oscillator.connect(gain).connect(context.destination);
			oscillator.start(start);
			oscillator.stop(end + 0.02);
		}
	}

	close(): void {
		void this.context?.close().catch(() => {});
		this.context = null;
	}
}
