/** What the case sheet prints, as the sheet's load function returns it. */
export interface SheetData {
	number: string;
	status: string;
	missingType: string;
	priority: string;
	/** Risk flags that are set (RISK_FLAGS order). */
	risks: string[];
	reportedAt: Date;
	/** 1 for the child's first disappearance, 2 for the second … */
	episode: number;
	assignee: string | null;
	child: {
		givenName: string;
		familyName: string;
		otherNames: string;
		/** YYYY-MM-DD */
		birthDate: string | null;
		/** Years, today. */
		age: number | null;
		sex: string;
		nationality: string;
		languages: string;
		description: string;
	};
	lastSeen: { at: Date | null; place: string; area: string; circumstances: string };
	police: { reportedAt: Date | null; reference: string; interpolNotice: boolean; sisAlert: boolean };
	reporter: { name: string; relation: string; phone: string; email: string };
	persons: { id: string; role: string; name: string; contact: string; notes: string }[];
	referrals: { id: string; action: string; status: string; partnerName: string; partnerKind: string; sentAt: Date; dueAt: Date; overdue: boolean }[];
	/** Seconds; null where a clock has not started. */
	clocks: { sinceLastSeen: number | null; sinceReport: number; toPoliceReport: number | null; toLocated: number | null; running: boolean };
	photo: { id: string } | null;
	morePhotos: number;
}
