/**
 * The console's words for codes and refusals: call classes, pause reasons (the console's own and
 * whatever the PBX sends), and a refused action as a sentence.
 */
import { caseProblemText, codeLabel } from '$lib/cases/problems';
import type { PlainMessageKey, Translator } from '$lib/i18n';
import { sq } from '$lib/i18n/messages/sq';
import { reasonText } from '$lib/live/figures';
import { ALO_CLASSES, type AloClass } from '$lib/live/types';

export interface ConsoleRefusal {
	problem: string;
	field?: string;
	limit?: number;
	caseNumber?: string;
}

/** A refused console action as a sentence in the reader's language. */
export function consoleProblemText(i18n: Translator, refusal: ConsoleRefusal): string {
	const { t } = i18n;
	if (refusal.problem === 'case_not_found') return t('console.problem.case_not_found', { number: refusal.caseNumber ?? '' });
	if (refusal.problem === 'bad_minutes') return t('console.problem.bad_minutes', { limit: refusal.limit ?? 0 });
	const key = `console.problem.${refusal.problem}`;
	if (Object.hasOwn(sq, key)) return t(key as PlainMessageKey);
	return caseProblemText(i18n, refusal);
}

export function classLabel(t: Translator['t'], code: string): string {
	return (ALO_CLASSES as readonly string[]).includes(code) ? t(`live.class.${code as AloClass}`) : code;
}

/** "Counselling, Referral". */
export function classesText(t: Translator['t'], codes: readonly string[]): string {
	return codes.map((code) => classLabel(t, code)).join(', ');
}

/** A pause reason: the console's codes first, then the PBX's usual ones, else as sent. */
export function pauseReasonText(t: Translator['t'], reason: string | undefined | null): string | null {
	if (!reason) return null;
	if (Object.hasOwn(sq, `pause.reason.${reason}`)) return codeLabel(t, 'pause.reason', reason);
	return reasonText(t, reason);
}
