/**
 * "3 h ago", "in 2 days": how far a moment is from now, in the reader's language. The page passes
 * the server's "now" so that the server and the browser print the same text.
 */
import type { Translator } from '$lib/i18n';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Up to this many hours a distance is told in hours, beyond it in days. */
const HOURS_UP_TO = 48;

export function relativeTime(i18n: Pick<Translator, 't'>, at: Date | number | string, now: number): string {
	const { t } = i18n;
	const atMs = new Date(at).getTime();
	if (!Number.isFinite(atMs)) return '';
	const distance = Math.abs(atMs - now);
	const past = atMs <= now;
	if (distance < MINUTE_MS) return t('work.rel.now');
	if (distance < HOUR_MS) {
		const n = Math.floor(distance / MINUTE_MS);
		return past ? t('work.rel.past.minutes', { n }) : t('work.rel.future.minutes', { n });
	}
	if (distance < HOURS_UP_TO * HOUR_MS) {
		const n = Math.floor(distance / HOUR_MS);
		if (n === 1) return past ? t('work.rel.past.hour') : t('work.rel.future.hour');
		return past ? t('work.rel.past.hours', { n }) : t('work.rel.future.hours', { n });
	}
	const n = Math.floor(distance / DAY_MS);
	return past ? t('work.rel.past.days', { n }) : t('work.rel.future.days', { n });
}

/**
 * A moment as the hotline's wall clock shows it: "28 nën, 14:05" (the year only when it is not
 * the current one), or only the time for today when `timeOnlyToday` is set.
 */
export function momentText(
	i18n: Pick<Translator, 'formatDate'>,
	at: Date | number | string,
	timeZone: string,
	now: number,
	options: { timeOnlyToday?: boolean } = {}
): string {
	const dayKey = (value: Date | number | string) => i18n.formatDate(value, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
	const yearOf = (value: Date | number | string) => i18n.formatDate(value, { year: 'numeric', timeZone });
	if (options.timeOnlyToday && dayKey(at) === dayKey(now)) return i18n.formatDate(at, { hour: '2-digit', minute: '2-digit', timeZone });
	const sameYear = yearOf(at) === yearOf(now);
	return i18n.formatDate(at, {
		day: 'numeric',
		month: 'short',
		...(sameYear ? {} : { year: 'numeric' }),
		hour: '2-digit',
		minute: '2-digit',
		timeZone
	});
}
