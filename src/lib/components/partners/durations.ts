/**
 * Durations as the partner pages and the case sheet show them: a partner's expected response
 * time in hours and minutes, and a case's clocks in days, hours and minutes (seconds add nothing
 * on paper or in a directory).
 */
import type { Translator } from '$lib/i18n';

/** Whole minutes split for the two inputs of the partner form. */
export function splitMinutes(total: number): { hours: number; minutes: number } {
	return { hours: Math.floor(total / 60), minutes: total % 60 };
}

/** 90 → "1 h 30 min", 240 → "4 h", 15 → "15 min". */
export function responseTimeText(i18n: Pick<Translator, 't' | 'formatNumber'>, totalMinutes: number): string {
	const { hours, minutes } = splitMinutes(totalMinutes);
	if (hours && minutes) return i18n.t('partners.time.hoursMinutes', { hours, minutes });
	if (hours) return i18n.t('partners.time.hours', { hours });
	return i18n.t('partners.time.minutes', { minutes });
}

/** A clock in seconds, to the minute: "3 d 04 h 12 min", "4 h 12 min", "12 min". */
export function clockText(i18n: Pick<Translator, 't' | 'formatNumber'>, seconds: number): string {
	const totalMinutes = Math.floor(Math.max(0, seconds) / 60);
	const days = Math.floor(totalMinutes / (24 * 60));
	const hours = Math.floor((totalMinutes % (24 * 60)) / 60);
	const minutes = totalMinutes % 60;
	const two = (n: number) => String(n).padStart(2, '0');
	if (days) return i18n.t('sheet.clock.days', { days, hours: two(hours), minutes: two(minutes) });
	if (hours) return i18n.t('sheet.clock.hours', { hours, minutes: two(minutes) });
	return i18n.t('sheet.clock.minutes', { minutes });
}
