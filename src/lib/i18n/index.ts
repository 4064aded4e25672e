/**
 * The one way user-facing text reaches the screen: Albanian (default) and English.
 *
 * Plain TypeScript with no SvelteKit imports, so the server, the CLI and tests can use it too.
 * Components get the language from the root layout's data (`data.lang`) and call
 * `translator(lang)`.
 */
import { makeFormatters, type Formatters } from './format';
import { en } from './messages/en';
import { sq, type MessageKey, type Messages } from './messages/sq';

export type { Formatters, MessageKey, Messages };
export { NO_VALUE } from './format';

export type Language = 'sq' | 'en';

export const LANGUAGES: readonly Language[] = ['sq', 'en'];
export const DEFAULT_LANGUAGE: Language = 'sq';
/** Name of the cookie that remembers the chosen language (set by `POST /language`). */
export const LANGUAGE_COOKIE = 'lang';

/** Each language's name in that language: a switch shows "Shqip" to everyone, as readers expect. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { sq: 'Shqip', en: 'English' };

/**
 * BCP 47 tag per language, for `<html lang>`-style uses and server-side libraries. Format numbers
 * and dates with a translator's helpers, not `Intl` with these tags: browsers lack Albanian data
 * (see format.ts).
 */
export const LOCALES: Readonly<Record<Language, string>> = { sq: 'sq-AL', en: 'en-GB' };

const CATALOGUES: Readonly<Record<Language, Messages>> = { sq, en };

export function isLanguage(value: unknown): value is Language {
	return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to answer in: a valid `lang` cookie (the user's explicit choice) wins, then the
 * best supported language of the Accept-Language header (by q-value, first listed on a tie),
 * else Albanian.
 */
export function pickLanguage(cookieValue: string | undefined, acceptLanguage: string | null): Language {
	if (isLanguage(cookieValue)) return cookieValue;
	return (acceptLanguage && fromAcceptLanguage(acceptLanguage)) || DEFAULT_LANGUAGE;
}

function fromAcceptLanguage(header: string): Language | undefined {
	let best: { lang: Language; q: number } | undefined;
	for (const entry of header.split(',')) {
		const [range, ...parameters] = entry.split(';');
		// "sq-AL" and "sq" both mean Albanian; only the primary subtag matters here.
		const primary = range.trim().toLowerCase().split('-')[0];
		if (!isLanguage(primary)) continue;
		let q = 1;
		for (const parameter of parameters) {
			const [name, value] = parameter.split('=');
			if (name.trim().toLowerCase() === 'q') q = Number(value);
		}
		if (!(q > 0)) continue; // q=0 means "not acceptable"; NaN means a malformed entry
		if (!best || q > best.q) best = { lang: primary, q };
	}
	return best?.lang;
}

/** The `{name}` parameters a message text declares, e.g. `{status}` in "Gabim {status}". */
type ParamNames<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}`
	? Name | ParamNames<Rest>
	: never;

export type MessageParams<K extends MessageKey> = Record<ParamNames<(typeof sq)[K]>, string | number>;

/** Keys of messages without parameters: the type for keys chosen at run time (tables, lists). */
export type PlainMessageKey = {
	[K in MessageKey]: [ParamNames<(typeof sq)[K]>] extends [never] ? K : never;
}[MessageKey];

/** A message with parameters must be given all of them; one without takes none. */
type ParamsArgument<K extends MessageKey> = [ParamNames<(typeof sq)[K]>] extends [never]
	? []
	: [params: MessageParams<K>];

export interface Translator extends Formatters {
	readonly lang: Language;
	/** The BCP 47 tag of the language, e.g. "sq-AL" (see `LOCALES`). */
	readonly locale: string;
	/** The message text with `{name}` filled in; number parameters are formatted for the locale. */
	readonly t: <K extends MessageKey>(key: K, ...params: ParamsArgument<K>) => string;
}

const translators = new Map<Language, Translator>();

/** The translator for a language; built once per language, since Intl formatters are costly. */
export function translator(lang: Language): Translator {
	let made = translators.get(lang);
	if (!made) {
		made = makeTranslator(lang);
		translators.set(lang, made);
	}
	return made;
}

function makeTranslator(lang: Language): Translator {
	const messages = CATALOGUES[lang];
	const formatters = makeFormatters(lang);

	const t = <K extends MessageKey>(key: K, ...[params]: ParamsArgument<K>): string => {
		const text: string = messages[key];
		if (!params) return text;
		const values = params as Record<string, string | number>;
		return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
			if (!Object.hasOwn(values, name)) return placeholder;
			const value = values[name];
			return typeof value === 'number' ? formatters.formatNumber(value) : value;
		});
	};

	return { lang, locale: LOCALES[lang], t, ...formatters };
}
