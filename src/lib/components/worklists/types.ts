/** What the work pages hand to their components (plain data, built by the pages' load functions). */

/** When an open task falls due, as the hotline's clock sees it. */
export type DueBucket = 'overdue' | 'today' | 'later';

export interface WorkTask {
	id: string;
	kind: string;
	title: string;
	dueAt: Date;
	bucket: DueBucket;
	caseNumber: string | null;
	casePriority: string | null;
	caseStatus: string | null;
	ownerId: string | null;
	ownerName: string | null;
}

export interface WorkReferral {
	id: string;
	action: string;
	status: string;
	dueAt: Date;
	sentAt: Date;
	partnerName: string;
	partnerKind: string;
	caseNumber: string;
	casePriority: string;
}

/** One person's open tasks on the team view, with counts per due bucket. */
export interface OwnerGroup {
	/** null: tasks nobody owns. */
	ownerId: string | null;
	ownerName: string | null;
	tasks: WorkTask[];
	overdue: number;
	today: number;
	later: number;
}
