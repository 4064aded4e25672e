/**
 * The printable case sheet, for hand-over to the police: the case's essentials on one A4 page, in
 * the language chosen with ?lang=sq|en (the interface language by default), with when and by whom
 * it was generated. One audited read (view "sheet"); only what the sheet prints leaves the
 * server. Roles: cases.read.
 */
import { error } from '@sveltejs/kit';
import { OPEN_REFERRAL_STATUSES, RISK_FLAGS, type ReferralStatus } from '$lib/cases/model';
import { isLanguage } from '$lib/i18n';
import { CaseError } from '$lib/server/cases';
import { runningApp } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url, setHeaders }) => {
	const app = runningApp();
	const asked = url.searchParams.get('lang');
	const sheetLang = isLanguage(asked) ? asked : locals.lang;
	let detail;
	try {
		detail = await app.cases.getCase(locals.actor, params.number, { view: 'sheet' });
	} catch (failure) {
		if (failure instanceof CaseError && failure.problem === 'not_found') error(404, 'not found');
		throw failure;
	}
	setHeaders({ 'cache-control': 'private, no-store' });
	const row = detail.case;
	const risks = row.risks as Record<string, boolean>;
	const photos = detail.files.filter((file) => file.kind === 'photo');
	return {
		sheetLang,
		timeZone: app.cases.settings.timeZone,
		generatedAt: new Date(),
		generatedBy: locals.user?.displayName || locals.user?.name || locals.actor.name,
		sheet: {
			number: row.number,
			status: row.status,
			missingType: row.missingType,
			priority: row.priority,
			risks: RISK_FLAGS.filter((flag) => risks[flag]),
			reportedAt: row.reportedAt,
			episode: detail.episode,
			assignee: detail.assignee?.name ?? null,
			child: {
				givenName: row.childGivenName,
				familyName: row.childFamilyName,
				otherNames: row.childOtherNames,
				birthDate: row.childBirthDate,
				age: detail.age,
				sex: row.childSex,
				nationality: row.childNationality,
				languages: row.childLanguages,
				description: row.childDescription
			},
			lastSeen: { at: row.lastSeenAt, place: row.lastSeenPlace, area: row.area, circumstances: row.circumstances },
			police: { reportedAt: row.policeReportedAt, reference: row.policeReference, interpolNotice: row.interpolNotice, sisAlert: row.sisAlert },
			reporter: { name: row.reporterName, relation: row.reporterRelation, phone: row.reporterPhone, email: row.reporterEmail },
			persons: detail.persons.map((person) => ({ id: person.id, role: person.role, name: person.name, contact: person.contact, notes: person.notes })),
			referrals: detail.referrals
				.filter((referral) => OPEN_REFERRAL_STATUSES.includes(referral.status as ReferralStatus))
				.map((referral) => ({
					id: referral.id,
					action: referral.action,
					status: referral.status,
					partnerName: referral.partner.name,
					partnerKind: referral.partner.kind,
					sentAt: referral.sentAt,
					dueAt: referral.dueAt,
					overdue: referral.overdue
				})),
			clocks: detail.clocks,
			photo: photos[0] ? { id: photos[0].id } : null,
			morePhotos: Math.max(0, photos.length - 1)
		}
	};
};
