import { describe, expect, it } from 'vitest';
import { en } from '../../src/lib/i18n/messages/en';
import { sq } from '../../src/lib/i18n/messages/sq';
import { pickLanguage, translator } from '../../src/lib/i18n';

describe('pickLanguage', () => {
	it('prefers a valid cookie, then Accept-Language, then Albanian', () => {
		expect(pickLanguage('en', 'sq')).toBe('en');
		expect(pickLanguage('sq', 'en-GB,en;q=0.9')).toBe('sq');
		expect(pickLanguage('de', 'en-US,en;q=0.9')).toBe('en');
		expect(pickLanguage(undefined, 'de-DE,sq;q=0.8,en;q=0.5')).toBe('sq');
		expect(pickLanguage(undefined, 'en;q=0.4, SQ-al;q=0.7')).toBe('sq');
		expect(pickLanguage(undefined, 'en;q=0')).toBe('sq');
		expect(pickLanguage(undefined, 'fr, *;q=0.1')).toBe('sq');
		expect(pickLanguage(undefined, null)).toBe('sq');
		expect(pickLanguage('', '')).toBe('sq');
	});
});

describe('catalogues', () => {
	it('give every English message the same {parameters} as the Albanian one', () => {
		const parameters = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of Object.keys(sq) as (keyof typeof sq)[]) {
			expect(parameters(en[key]), key).toEqual(parameters(sq[key]));
			expect(en[key].split('`').length % 2, `${key}: unbalanced backticks`).toBe(1);
		}
	});
});

describe('translator', () => {
	it('fills in parameters and formats numbers for the language', () => {
		expect(translator('sq').t('error.title', { status: '404' })).toBe('Gabim 404');
		expect(translator('en').t('api.events.text', { events: 10000, size: '5 MB' })).toContain('10,000 events');
		expect(translator('sq').t('api.events.text', { events: 10000, size: '5 MB' })).toContain('10\u00a0000 ngjarje');
	});

	it('formats durations as minutes and zero-padded seconds', () => {
		for (const lang of ['sq', 'en'] as const) {
			const { formatDuration } = translator(lang);
			expect(formatDuration(65)).toBe('1 min 05 s');
			expect(formatDuration(42.4)).toBe('42 s');
			expect(formatDuration(0)).toBe('0 s');
			expect(formatDuration(3725)).toBe('1 h 02 min 05 s');
			expect(formatDuration(Number.NaN)).toBe('–');
		}
	});

	// Albanian is rewritten from en-GB because browsers lack Albanian ICU data; Node has it (full
	// ICU), so it can tell whether the rewrite matches CLDR's Albanian.
	it('writes Albanian numbers and dates as CLDR sq-AL does', () => {
		const sqAl = translator('sq');
		for (const value of [0, 7, 1234, 12345, 1234567.891, -98765.4, 0.5]) {
			expect(sqAl.formatNumber(value)).toBe(new Intl.NumberFormat('sq-AL').format(value));
		}
		for (const fraction of [0, 0.873, 1, 0.05]) {
			expect(sqAl.formatPercent(fraction)).toBe(
				new Intl.NumberFormat('sq-AL', { style: 'percent', maximumFractionDigits: 1 }).format(fraction)
			);
		}
		const styles: Intl.DateTimeFormatOptions[] = [
			{ dateStyle: 'medium' },
			{ dateStyle: 'long' },
			{ dateStyle: 'full' },
			{ month: 'long', year: 'numeric' },
			{ day: 'numeric', month: 'short' }
		];
		for (let month = 0; month < 12; month++) {
			const date = new Date(Date.UTC(2026, month, 3 + month, 12));
			for (const style of styles) {
				const options = { ...style, timeZone: 'Europe/Tirane' };
				expect(sqAl.formatDate(date, options)).toBe(new Intl.DateTimeFormat('sq-AL', options).format(date));
			}
		}
	});

	it('uses a 24-hour clock and never prints NaN', () => {
		const date = new Date('2026-11-28T17:02:03+01:00');
		const options = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Tirane' } as const;
		expect(translator('sq').formatDate(date, options)).toBe('28 nën 2026, 17:02');
		expect(translator('en').formatDate(date, options)).toBe('28 Nov 2026, 17:02');
		expect(translator('sq').formatDate('not a date')).toBe('–');
		expect(translator('en').formatNumber(Number.POSITIVE_INFINITY)).toBe('–');
	});
});
