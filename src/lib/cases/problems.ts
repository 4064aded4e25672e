/**
 * A case refusal (`CaseError` on the server: problem, field, limit) as a sentence in the reader's
 * language. Pages return `{ problem, field, limit }` from failed actions and show this.
 */
import { sq } from '$lib/i18n/messages/sq';
import type { MessageKey, PlainMessageKey, Translator } from '$lib/i18n';

export interface CaseProblemInfo {
	problem: string;
	field?: string;
	limit?: number;
}

export function caseProblemText(i18n: Pick<Translator, 't' | 'formatNumber'>, info: CaseProblemInfo): string {
	const key = `cases.problem.${info.problem}`;
	if (!Object.hasOwn(sq, key)) return i18n.t('problem.unknown');
	const fieldKey = `case.field.${(info.field ?? '').split('.')[0]}`;
	const field = Object.hasOwn(sq, fieldKey) ? i18n.t(fieldKey as PlainMessageKey) : (info.field ?? '');
	const params = { field, limit: info.limit === undefined ? '' : i18n.formatNumber(info.limit) };
	// Some problem texts take {field} and {limit}, others none: extra parameters are ignored.
	return (i18n.t as (key: MessageKey, params: Record<string, string>) => string)(key as MessageKey, params);
}

/** `t('case.status.' + code)` and the like, for a code from the case model. */
export function codeLabel(t: Translator['t'], prefix: string, code: string | null | undefined): string {
	const key = `${prefix}.${code ?? ''}`;
	return Object.hasOwn(sq, key) ? t(key as PlainMessageKey) : (code ?? '');
}
