/** How a task is named on screen: its kind, or its own title for "other" tasks. */
import { codeLabel } from '$lib/cases/problems';
import type { Translator } from '$lib/i18n';

export function taskName(t: Translator['t'], task: { kind: string; title: string }): string {
	if (task.kind === 'other' && task.title) return task.title;
	return codeLabel(t, 'task.kind', task.kind);
}

/** The title under the name, when the name is the kind and the task has a title of its own. */
export function taskDetail(task: { kind: string; title: string }): string {
	return task.kind !== 'other' ? task.title : '';
}
