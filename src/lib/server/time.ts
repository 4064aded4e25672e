/**
 * Wall-clock time in a hotline's time zone: local dates and times to instants and back, with
 * Intl only (no time-zone database of our own). Shared by the KPI periods, replays and the
 * simulator.
 */

const MS_PER_DAY = 86_400_000;

export interface LocalDate {
	year: number;
	month: number;
	day: number;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter giving the wall-clock parts of an instant in `timeZone`. */
export function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
	let formatter = offsetFormatters.get(timeZone);
	if (!formatter) {
		try {
			formatter = new Intl.DateTimeFormat('en-US', {
				timeZone,
				hourCycle: 'h23',
				year: 'numeric',
				month: 'numeric',
				day: 'numeric',
				hour: 'numeric',
				minute: 'numeric',
				second: 'numeric'
			});
		} catch {
			throw new Error(`unknown time zone "${timeZone}" (use an IANA name such as Europe/Tirane)`);
		}
		offsetFormatters.set(timeZone, formatter);
	}
	return formatter;
}

/** Offset of `timeZone` from UTC at the instant `utcMs`, in ms (east positive). */
export function utcOffsetMs(utcMs: number, timeZone: string): number {
	const parts: Record<string, number> = {};
	for (const part of offsetFormatter(timeZone).formatToParts(utcMs)) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	const wholeSecond = utcMs - (((utcMs % 1000) + 1000) % 1000);
	const asIfUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
	return asIfUtc - wholeSecond;
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` + `secondsOfDay`, as epoch ms.
 * Across a DST change it follows the usual "compatible" rule: a time that occurs twice (clocks
 * back) resolves to the earlier instant; a time that never occurs (clocks forward) is moved
 * forward by the size of the gap, as a clock that was not yet adjusted would read it.
 * `secondsOfDay` may exceed one day (the following day's clock).
 */
export function zonedTimeToUtc(date: LocalDate, secondsOfDay: number, timeZone: string): number {
	const asIfUtc = Date.UTC(date.year, date.month - 1, date.day) + secondsOfDay * 1000;
	// Offsets in force a day either side bracket any transition near this wall time.
	const offsetBefore = utcOffsetMs(asIfUtc - MS_PER_DAY, timeZone);
	const offsetAfter = utcOffsetMs(asIfUtc + MS_PER_DAY, timeZone);
	const candidates = [...new Set([offsetBefore, offsetAfter])]
		.map((offset) => asIfUtc - offset)
		.filter((instant) => asIfUtc - utcOffsetMs(instant, timeZone) === instant);
	if (candidates.length > 0) return Math.min(...candidates);
	return asIfUtc - offsetBefore;
}

/** Whole days from `from` to `to` (calendar days, no time zone involved). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
	return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / MS_PER_DAY);
}

/** The local calendar date (YYYY-MM-DD) of an instant in `timeZone`. */
export function localDateText(epochMs: number, timeZone: string): string {
	const parts: Record<string, string> = {};
	for (const part of offsetFormatter(timeZone).formatToParts(epochMs)) parts[part.type] = part.value;
	return `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
}
