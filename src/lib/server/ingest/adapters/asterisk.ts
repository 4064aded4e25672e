/**
 * What both Asterisk feeds (queue_log and AMI) share, so one call or booth fact reported by both
 * gets one event id and one booth: identifier clean-up, member → booth, and id times.
 */

/** Make a free identifier fit `[A-Za-z0-9_.:@+-]{1,64}` (accents dropped, other runs → `_`). */
export function sanitizeCode(text: string): string {
	const ascii = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
	return ascii
		.replace(/[^A-Za-z0-9_.:@+-]+/g, '_')
		.replace(/^_+|_+$/g, '')
		.slice(0, 64);
}

/** What queue_log writes when a line has no member. */
export const NO_MEMBER = new Set(['', 'NONE', 'NULL']);

/**
 * Default member → booth: strips the technology prefix, dial context/options and channel suffix
 * (`PJSIP/201`, `SIP/201`, `SIP/201-0000002a`, `Local/201@from-queue/n`, `Agent/201` → `201`);
 * a plain member name is sanitised (`Ana Dervishi` → `Ana_Dervishi`).
 */
export function defaultBoothOf(member: string): string {
	let m = member.trim();
	if (NO_MEMBER.has(m.toUpperCase())) return '';
	const slash = m.indexOf('/');
	if (slash > 0 && /^[A-Za-z][A-Za-z0-9_]*$/.test(m.slice(0, slash))) {
		m = m.slice(slash + 1).replace(/@.*$/, '').replace(/\/.*$/, '').replace(/-[0-9a-f]{8}(;\d+)?$/i, '');
	}
	return sanitizeCode(m);
}

/** Operator id from a member/agent field: `PJSIP/201` → `PJSIP-201`, `Ana Dervishi` → `Ana_Dervishi`. */
export function operatorOf(member: string): string {
	const m = member.trim();
	if (NO_MEMBER.has(m.toUpperCase())) return '';
	return sanitizeCode(m.replace(/\//g, '-'));
}

/**
 * The epoch-ms figure inside event ids, truncated to the whole second: the flat file keeps whole
 * seconds, the table variant microseconds and AMI its own clock, and one fact must get one id.
 */
export function idTime(ts: number): number {
	return Math.floor(ts / 1000) * 1000;
}
