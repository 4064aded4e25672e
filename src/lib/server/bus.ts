/**
 * The small typed in-process event bus through which modules tell each other what happened,
 * without importing each other's internals.
 */
import { EventEmitter } from 'node:events';
import type { LiveCaseAlert } from '../live/types';
import type { CallEvent } from './ingest/events';

export interface BusMessages {
	/**
	 * Valid events about to be written (resent ones included: consumers must be idempotent). Live
	 * views show them at once, without waiting for the insert; if it fails, `events.lost` follows.
	 */
	'events.incoming': CallEvent[];
	/** Events just made durable by ingest, in the order they were written. */
	'events.accepted': CallEvent[];
	/** Events announced as incoming whose insert failed (the sender got an error and will resend). */
	'events.lost': CallEvent[];
	/** Something about cases changed (wallboard case alerts are re-evaluated). */
	'cases.changed': { at: number };
	/** The current wallboard case alerts (replaces the previous list). */
	'cases.alerts': LiveCaseAlert[];
}

export class Bus {
	private readonly emitter = new EventEmitter();

	constructor() {
		this.emitter.setMaxListeners(100);
	}

	on<K extends keyof BusMessages>(topic: K, listener: (message: BusMessages[K]) => void): () => void {
		this.emitter.on(topic, listener);
		return () => this.emitter.off(topic, listener);
	}

	/** Listeners must not throw into the publisher: a failing subscriber is logged, not propagated. */
	emit<K extends keyof BusMessages>(topic: K, message: BusMessages[K]): void {
		for (const listener of this.emitter.listeners(topic)) {
			try {
				(listener as (m: BusMessages[K]) => void)(message);
			} catch (error) {
				console.error(`bus subscriber for ${topic} failed:`, error);
			}
		}
	}
}
