/**
 * Renders the analytics migrations for a single node or a cluster. Migration files mark the two
 * places that differ: `{{ON_CLUSTER}}` after the object name, and `{{ENGINE Name(args)}}` for a
 * MergeTree-family engine, which becomes `ReplicatedName('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', args)`
 * on a cluster (the braces there are the server's own macros).
 */
export interface DdlTarget {
	cluster?: string;
}

const ENGINE_MARK = /\{\{ENGINE\s+([A-Za-z]*MergeTree)(?:\(([^)]*)\))?\s*\}\}/g;
const ON_CLUSTER_MARK = /\{\{ON_CLUSTER\}\}/g;
const UNKNOWN_MARK = /\{\{[^}]*\}\}/;

export function renderDdl(sql: string, target: DdlTarget): string {
	const cluster = target.cluster;
	const rendered = sql
		.replace(ON_CLUSTER_MARK, cluster ? `ON CLUSTER \`${cluster}\`` : '')
		.replace(ENGINE_MARK, (_mark, engine: string, args: string | undefined) => {
			const engineArgs = args?.trim() ?? '';
			if (!cluster) return `${engine}${engineArgs ? `(${engineArgs})` : '()'}`;
			const replication = `'/clickhouse/tables/{shard}/{database}/{table}', '{replica}'`;
			return `Replicated${engine}(${replication}${engineArgs ? `, ${engineArgs}` : ''})`;
		});
	const leftover = rendered.match(UNKNOWN_MARK);
	if (leftover) throw new Error(`Unknown template mark ${leftover[0]} in analytics migration`);
	return rendered;
}

/** Splits a migration file into statements at semicolons that end a line (no `;` inside strings). */
export function splitStatements(sql: string): string[] {
	const withoutComments = sql
		.split('\n')
		.filter((line) => !line.trim().startsWith('--'))
		.join('\n');
	return withoutComments
		.split(/;\s*(?:\n|$)/)
		.map((statement) => statement.trim())
		.filter((statement) => statement.length > 0);
}
