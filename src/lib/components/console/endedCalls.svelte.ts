/**
 * Calls this tab saw end at the booth, kept until they are classified: the live state forgets a
 * call the moment it ends, and the server's list of the day's calls may lag a few seconds. Kept in
 * sessionStorage per booth, so a reload does not lose them.
 */

export interface EndedCall {
	callId: string;
	/** ISO instant the call was answered. */
	answeredAt: string;
	/** Talk time, seconds, when known. */
	talkSeconds: number | null;
}

/** How many ended calls are remembered per booth. */
const MAX_REMEMBERED = 10;
/** Calls older than this are no longer offered for classification here, ms. */
const MAX_AGE_MS = 12 * 3600 * 1000;

export class EndedCalls {
	list = $state<EndedCall[]>([]);
	private key: string | null = null;

	/** Switches to a booth's memory (null: none). Browser only. */
	use(booth: string | null): void {
		this.key = booth ? `alo116.console.ended.${booth}` : null;
		this.list = this.read();
	}

	add(call: EndedCall): void {
		if (this.list.some((known) => known.callId === call.callId)) return;
		this.list = [call, ...this.list].slice(0, MAX_REMEMBERED);
		this.save();
	}

	/** Drops calls classified meanwhile (here or elsewhere). */
	forget(classified: ReadonlySet<string>): void {
		const kept = this.list.filter((call) => !classified.has(call.callId));
		if (kept.length === this.list.length) return;
		this.list = kept;
		this.save();
	}

	private read(): EndedCall[] {
		if (!this.key) return [];
		try {
			const parsed: unknown = JSON.parse(sessionStorage.getItem(this.key) ?? '[]');
			if (!Array.isArray(parsed)) return [];
			const oldest = Date.now() - MAX_AGE_MS;
			return parsed.filter(
				(item): item is EndedCall =>
					!!item && typeof item.callId === 'string' && typeof item.answeredAt === 'string' && Date.parse(item.answeredAt) > oldest && (item.talkSeconds === null || typeof item.talkSeconds === 'number')
			);
		} catch {
			return [];
		}
	}

	private save(): void {
		if (!this.key) return;
		try {
			sessionStorage.setItem(this.key, JSON.stringify(this.list));
		} catch {
			// No storage (private mode, full): remembered until the page is left.
		}
	}
}
