/**
 * Number, percentage, duration and date formatting per interface language.
 *
 * Albanian is not produced with `Intl` for the 'sq' locale, on purpose: Chromium and Chrome ship
 * ICU data only for their own UI languages, which do not include Albanian, so in the browser
 * `new Intl.NumberFormat('sq-AL')` silently falls back to en-US ("12,345.6", "November") while
 * the server prints "12 345,6" and "nëntor". Both sides instead format with en-GB (present
 * everywhere, day-month-year and 24-hour like Albanian) and rewrite the parts to Albanian
 * conventions (CLDR sq): no-break space between thousands from five digits on, decimal comma,
 * Albanian month and weekday names. Server and browser then print the same text, so hydration
 * never flips a figure.
 */
import type { Language } from './index';

/** The locale every formatter is built on; see the header for why Albanian is rewritten from it. */
const BASE_LOCALE = 'en-GB';

/** Shown where a figure cannot be computed (no calls, NaN): a dash, never "NaN". */
export const NO_VALUE = '–';

/** Plain functions (no `this`), so they can be destructured: `const { formatNumber } = …`. */
export interface Formatters {
	/** "12 345,6" in Albanian, "12,345.6" in English; "–" for NaN or infinity. */
	readonly formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
	/** A fraction 0–1 as a percentage: 0.873 → "87,3%" / "87.3%". */
	readonly formatPercent: (fraction: number, fractionDigits?: number) => string;
	/** Whole seconds as "42 s", "1 min 05 s", "2 h 03 min 09 s" (same units in both languages). */
	readonly formatDuration: (seconds: number) => string;
	/**
	 * A date, 24-hour clock (default style: "28 nën 2026" / "28 Nov 2026"). Pass `timeZone` to show
	 * the hotline's local time; without it the runtime's zone is used.
	 */
	readonly formatDate: (value: Date | number | string, options?: Intl.DateTimeFormatOptions) => string;
}

const ALBANIAN_MONTHS = ['janar', 'shkurt', 'mars', 'prill', 'maj', 'qershor', 'korrik', 'gusht', 'shtator', 'tetor', 'nëntor', 'dhjetor'];
const ALBANIAN_MONTHS_SHORT = ['jan', 'shk', 'mar', 'pri', 'maj', 'qer', 'korr', 'gush', 'sht', 'tet', 'nën', 'dhj'];
/** Monday first, as `weekdayNames` below. */
const ALBANIAN_WEEKDAYS = ['e hënë', 'e martë', 'e mërkurë', 'e enjte', 'e premte', 'e shtunë', 'e diel'];
const ALBANIAN_WEEKDAYS_SHORT = ['hën', 'mar', 'mër', 'enj', 'pre', 'sht', 'die'];

/**
 * English month or weekday name (as this engine's en-GB prints it) → Albanian name.
 * Built from the engine itself, so spelling differences between ICU versions ("Sep"/"Sept")
 * cannot break the mapping.
 */
let albanianNames: Map<string, string> | undefined;

function toAlbanianName(english: string): string | undefined {
	if (!albanianNames) {
		albanianNames = new Map();
		const add = (options: Intl.DateTimeFormatOptions, dates: Date[], names: string[]) => {
			const format = new Intl.DateTimeFormat(BASE_LOCALE, { ...options, timeZone: 'UTC' });
			dates.forEach((date, index) => albanianNames!.set(format.format(date), names[index]));
		};
		const months = Array.from({ length: 12 }, (_, month) => new Date(Date.UTC(2024, month, 15)));
		// 2024-01-01 was a Monday.
		const weekdays = Array.from({ length: 7 }, (_, day) => new Date(Date.UTC(2024, 0, 1 + day)));
		add({ month: 'short' }, months, ALBANIAN_MONTHS_SHORT);
		add({ month: 'long' }, months, ALBANIAN_MONTHS); // after short: "May" is both, and long wins
		add({ weekday: 'short' }, weekdays, ALBANIAN_WEEKDAYS_SHORT);
		add({ weekday: 'long' }, weekdays, ALBANIAN_WEEKDAYS);
	}
	return albanianNames.get(english);
}

function albanianNumberPart(part: Intl.NumberFormatPart): string {
	if (part.type === 'group') return '\u00a0';
	if (part.type === 'decimal') return ',';
	return part.value;
}

function albanianDatePart(part: Intl.DateTimeFormatPart): string {
	if (part.type === 'month' || part.type === 'weekday') return toAlbanianName(part.value) ?? part.value;
	if (part.type === 'literal') {
		if (part.value === ' at ') return ' në ';
		if (part.value === '/') return '.';
	}
	return part.value;
}

export function makeFormatters(lang: Language): Formatters {
	const albanian = lang === 'sq';

	const numberFormat = (options: Intl.NumberFormatOptions = {}) =>
		// Albanian groups thousands only from five digits on: "1234", "12 345".
		new Intl.NumberFormat(BASE_LOCALE, albanian && (options.useGrouping ?? 'auto') === 'auto' ? { ...options, useGrouping: 'min2' } : options);
	const plainNumbers = numberFormat();

	const formatNumber = (value: number, options?: Intl.NumberFormatOptions): string => {
		if (!Number.isFinite(value)) return NO_VALUE;
		const format = options ? numberFormat(options) : plainNumbers;
		return albanian ? format.formatToParts(value).map(albanianNumberPart).join('') : format.format(value);
	};

	const formatPercent = (fraction: number, fractionDigits = 1): string =>
		formatNumber(fraction, { style: 'percent', maximumFractionDigits: fractionDigits });

	const formatDuration = (seconds: number): string => {
		if (!Number.isFinite(seconds)) return NO_VALUE;
		const sign = seconds < 0 ? '−' : '';
		const total = Math.round(Math.abs(seconds));
		const hours = Math.floor(total / 3600);
		const minutes = Math.floor((total % 3600) / 60);
		const secs = total % 60;
		const two = (n: number) => String(n).padStart(2, '0');
		if (hours > 0) return `${sign}${formatNumber(hours)} h ${two(minutes)} min ${two(secs)} s`;
		if (minutes > 0) return `${sign}${minutes} min ${two(secs)} s`;
		return `${sign}${secs} s`;
	};

	const formatDate = (
		value: Date | number | string,
		options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }
	): string => {
		const date = value instanceof Date ? value : new Date(value);
		if (Number.isNaN(date.getTime())) return NO_VALUE;
		// A 24-hour clock in both languages: what a hotline's shift log uses.
		const format = new Intl.DateTimeFormat(BASE_LOCALE, { hourCycle: 'h23', ...options });
		return albanian ? format.formatToParts(date).map(albanianDatePart).join('') : format.format(date);
	};

	return { formatNumber, formatPercent, formatDuration, formatDate };
}
