/**
 * What a partner form shows: the saved partner, or (after a refusal) what was typed, so nothing
 * typed is lost.
 */
import { splitMinutes } from './durations';

export interface PartnerValues {
	kind: string;
	name: string;
	contactPerson: string;
	phone: string;
	email: string;
	notes: string;
	/** Kept as typed text: a refused "1.5" is shown again as "1.5". */
	responseHours: string;
	responseMinutes: string;
}

export interface PartnerView {
	id: string;
	kind: string;
	name: string;
	contactPerson: string;
	phone: string;
	email: string;
	notes: string;
	/** Minutes. */
	expectedResponseMinutes: number;
	active: boolean;
}

export function valuesOf(partner: PartnerView): PartnerValues {
	const { hours, minutes } = splitMinutes(partner.expectedResponseMinutes);
	return {
		kind: partner.kind,
		name: partner.name,
		contactPerson: partner.contactPerson,
		phone: partner.phone,
		email: partner.email,
		notes: partner.notes,
		responseHours: String(hours),
		responseMinutes: String(minutes)
	};
}

/** A new partner starts with the most common expectation: an answer within four hours. */
export const EMPTY_PARTNER: PartnerValues = {
	kind: 'state_police',
	name: '',
	contactPerson: '',
	phone: '',
	email: '',
	notes: '',
	responseHours: '4',
	responseMinutes: '0'
};

/** The typed values returned by a refused `save`, if the form result carries them. */
export function typedValues(form: Record<string, unknown> | null | undefined): PartnerValues | null {
	if (!form || typeof form.kind !== 'string') return null;
	const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
	return {
		kind: text('kind'),
		name: text('name'),
		contactPerson: text('contactPerson'),
		phone: text('phone'),
		email: text('email'),
		notes: text('notes'),
		responseHours: text('responseHours'),
		responseMinutes: text('responseMinutes')
	};
}
