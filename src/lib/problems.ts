/**
 * Refusals the server explains with a code (`UserError.problem`, `BoothError.problem`, …) become
 * a sentence in the reader's language here. An unknown code gets a generic sentence, never the
 * code itself.
 */
import { sq } from './i18n/messages/sq';
import type { PlainMessageKey, Translator } from './i18n';

export type ProblemScope = 'user' | 'booth' | 'display' | 'apikey';

export function problemText(t: Translator['t'], scope: ProblemScope, code: unknown): string {
	const key = `problem.${scope}.${String(code)}`;
	return Object.hasOwn(sq, key) ? t(key as PlainMessageKey) : t('problem.unknown');
}
