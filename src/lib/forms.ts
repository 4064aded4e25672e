import type { SubmitFunction } from '@sveltejs/kit';

/** Reading submitted forms: every field as a string (a missing or file field reads as ""). */
export function formText(form: FormData, name: string, maxLength = 2000): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, maxLength) : '';
}

/** The values of a repeated field (checkboxes), strings only. */
export function formList(form: FormData, name: string): string[] {
	return form.getAll(name).filter((value): value is string => typeof value === 'string');
}

/** A `use:enhance` submit hook that asks the person to confirm first (revoke, disable …). */
export const confirmFirst =
	(message: string): SubmitFunction =>
	({ cancel }) => {
		if (!confirm(message)) cancel();
	};
