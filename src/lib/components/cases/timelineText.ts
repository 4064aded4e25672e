/**
 * One sentence per timeline entry, in the reader's language, from the entry's kind and detail
 * (codes, ids, names of partners). Text people typed (a note, a partner's answer) is returned
 * apart, to be shown as typed text under the sentence.
 */
import { codeLabel } from '$lib/cases/problems';
import { sq } from '$lib/i18n/messages/sq';
import type { PlainMessageKey, Translator } from '$lib/i18n';
import { moment, type CaseReferral, type TimelineEntry } from './caseView';

export interface TimelineLine {
	/** Kind of mark shown next to the entry. */
	tone: 'open' | 'status' | 'partner' | 'task' | 'note' | 'edit' | 'danger';
	text: string;
	typed?: string;
}

export interface TimelineContext {
	i18n: Translator;
	timeZone: string;
	referrals: Map<string, CaseReferral>;
	userNames: Record<string, string>;
}

const str = (value: unknown) => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));

export function timelineLine(entry: TimelineEntry, context: TimelineContext): TimelineLine {
	const { i18n, timeZone } = context;
	const t = i18n.t;
	const detail = entry.detail ?? {};
	const status = (code: unknown) => codeLabel(t, 'case.status', str(code));
	const taskName = () => (str(detail.title) && detail.kind === 'other' ? str(detail.title) : codeLabel(t, 'task.kind', str(detail.kind)));
	const partnerOf = () => str(detail.partner) || context.referrals.get(str(detail.referralId))?.partner.name || t('cases.timeline.aPartner');
	const fieldLabel = (name: string) => {
		const key = `case.field.${name}`;
		return Object.hasOwn(sq, key) ? t(key as PlainMessageKey) : name;
	};
	switch (entry.kind) {
		case 'opened': {
			const text = t('cases.timeline.opened', {
				status: status(detail.status),
				type: codeLabel(t, 'case.missingType', str(detail.missingType)),
				priority: codeLabel(t, 'case.priority', str(detail.priority))
			});
			return { tone: 'open', text: detail.episodeOf ? `${text} ${t('cases.timeline.openedEpisode', { number: str(detail.episodeOf) })}` : text };
		}
		case 'updated': {
			const fields = Array.isArray(detail.fields) ? detail.fields.map((name) => fieldLabel(str(name))) : [];
			return { tone: 'edit', text: t('cases.timeline.updated', { fields: fields.join(', ') || '–' }) };
		}
		case 'status': {
			const to = str(detail.to);
			const tone = to === 'found_deceased' || to === 'located_harmed' ? 'danger' : 'status';
			return { tone, text: t('cases.timeline.status', { from: status(detail.from), to: status(to) }), typed: str(detail.note) || undefined };
		}
		case 'note':
			return { tone: 'note', text: t('cases.timeline.note'), typed: entry.note || undefined };
		case 'person':
			return { tone: 'edit', text: t('cases.timeline.person', { role: codeLabel(t, 'case.personRole', str(detail.role)) }) };
		case 'person_removed':
			return { tone: 'edit', text: t('cases.timeline.personRemoved', { role: codeLabel(t, 'case.personRole', str(detail.role)) }) };
		case 'call':
			return { tone: 'edit', text: t('cases.timeline.call', { call: str(detail.callId) }), typed: str(detail.outcome) || undefined };
		case 'file':
			return { tone: 'edit', text: t(detail.kind === 'photo' ? 'cases.timeline.photo' : 'cases.timeline.document', { name: str(detail.filename) }) };
		case 'referral':
			return {
				tone: 'partner',
				text: t('cases.timeline.referral', {
					action: codeLabel(t, 'referral.action', str(detail.action)),
					partner: partnerOf(),
					due: moment(i18n, str(detail.dueAt), timeZone)
				})
			};
		case 'referral_status':
			return {
				tone: 'partner',
				text: t('cases.timeline.referralStatus', { partner: partnerOf(), from: codeLabel(t, 'referral.status', str(detail.from)), to: codeLabel(t, 'referral.status', str(detail.to)) }),
				typed: str(detail.answer) || undefined
			};
		case 'partner_answer':
			return {
				tone: 'partner',
				text: t('cases.timeline.partnerAnswer', { partner: partnerOf(), to: codeLabel(t, 'referral.status', str(detail.to)) }),
				typed: str(detail.answer) || undefined
			};
		case 'link':
			return { tone: 'partner', text: t('cases.timeline.link', { partner: partnerOf(), until: moment(i18n, str(detail.expiresAt), timeZone) }) };
		case 'link_revoked':
			return { tone: 'partner', text: t('cases.timeline.linkRevoked', { partner: partnerOf() }) };
		case 'task_created':
			return { tone: 'task', text: t('cases.timeline.taskCreated', { task: taskName(), due: moment(i18n, str(detail.dueAt), timeZone) }) };
		case 'task_done':
			return { tone: 'task', text: t('cases.timeline.taskDone', { task: taskName() }) };
		case 'task_cancelled':
			return { tone: 'task', text: t('cases.timeline.taskCancelled', { task: taskName() }) };
		case 'assigned': {
			const id = str(detail.userId);
			return { tone: 'edit', text: id ? t('cases.timeline.assigned', { name: context.userNames[id] ?? t('cases.timeline.someone') }) : t('cases.timeline.unassigned') };
		}
		case 'episode':
			return {
				tone: 'open',
				text: detail.earlier ? t('cases.timeline.episodeOf', { number: str(detail.earlier) }) : t('cases.timeline.episodeLater', { number: str(detail.later) })
			};
		default:
			return { tone: 'edit', text: entry.kind };
	}
}
