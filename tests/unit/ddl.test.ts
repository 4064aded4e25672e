import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/lib/server/files';
import { migrationStatements, readAnalyticsMigrations, renderDdl, splitStatements } from '../../src/lib/server/clickhouse';

describe('analytics DDL for one node and for a cluster', () => {
	const sql = 'CREATE TABLE IF NOT EXISTS t {{ON_CLUSTER}} (a UInt8) ENGINE = {{ENGINE ReplacingMergeTree(received_at)}} ORDER BY a';

	it('renders plain engines without a cluster', () => {
		expect(renderDdl(sql, {})).toBe('CREATE TABLE IF NOT EXISTS t  (a UInt8) ENGINE = ReplacingMergeTree(received_at) ORDER BY a');
		expect(renderDdl('ENGINE = {{ENGINE AggregatingMergeTree}}', {})).toBe('ENGINE = AggregatingMergeTree()');
	});

	it('renders ON CLUSTER and Replicated engines with the server macros on a cluster', () => {
		expect(renderDdl(sql, { cluster: 'alo' })).toBe(
			"CREATE TABLE IF NOT EXISTS t ON CLUSTER `alo` (a UInt8) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', received_at) ORDER BY a"
		);
		expect(renderDdl('ENGINE = {{ENGINE CollapsingMergeTree(sign)}}', { cluster: 'c1' })).toBe(
			"ENGINE = ReplicatedCollapsingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', sign)"
		);
	});

	it('refuses unknown template marks', () => {
		expect(() => renderDdl('CREATE TABLE x {{SHARDED}}', {})).toThrow(/Unknown template mark/);
	});

	it('gives every real migration statement ON CLUSTER and replicated engines on a cluster', () => {
		const statements = migrationStatements(readAnalyticsMigrations(), 'alo');
		expect(statements.length).toBeGreaterThan(6);
		for (const statement of statements) {
			if (statement.startsWith('INSERT')) continue;
			expect(statement).toMatch(/^(CREATE (TABLE|MATERIALIZED VIEW|VIEW) IF NOT EXISTS|DROP VIEW IF EXISTS|ALTER TABLE) \w+ ON CLUSTER `alo`/);
			expect(statement).not.toMatch(/\{\{/);
			const engine = statement.match(/ENGINE = (\w+)/)?.[1];
			if (engine) expect(engine).toMatch(/^Replicated\w*MergeTree$/);
		}
		const single = migrationStatements(readAnalyticsMigrations());
		for (const statement of single) expect(statement).not.toMatch(/ON CLUSTER|Replicated/);
	});

	it('splits files into statements and drops comment lines', () => {
		expect(splitStatements('-- note\nCREATE TABLE a (x UInt8) ENGINE = Log;\n\nCREATE VIEW b AS SELECT 1;\n')).toEqual([
			'CREATE TABLE a (x UInt8) ENGINE = Log',
			'CREATE VIEW b AS SELECT 1'
		]);
	});
});

describe('SQL that must stay in step', () => {
	const read = (file: string) => readFileSync(path.join(projectRoot(), 'analytics', file), 'utf8');
	/** The SELECT … FROM events part, comments and white space folded. */
	const selectList = (sql: string) =>
		sql
			.split('\n')
			.filter((line) => !line.trim().startsWith('--'))
			.join(' ')
			.replace(/\s+/g, ' ')
			.match(/SELECT (.*?) FROM events/)![1];

	it('derives call_state at recovery exactly as the view does during inserts', () => {
		const view = read('migrations/0008_views_with_redo.sql').split('CREATE MATERIALIZED VIEW IF NOT EXISTS booth_states_feed')[0];
		expect(selectList(read('queries/derive_call_state.sql'))).toBe(selectList(view));
	});

	it('derives booth_states at recovery exactly as the view does', () => {
		const view = read('migrations/0008_views_with_redo.sql').split('CREATE MATERIALIZED VIEW IF NOT EXISTS booth_states_feed')[1];
		expect(selectList(read('queries/derive_booth_states.sql'))).toBe(selectList(view));
	});

	it('rebuilds rollup hours with the view\'s expressions', () => {
		const body = (sql: string) => sql.replace(/\s+/g, ' ').match(/sum\(toInt64\(sign\)\).*?FROM call_facts/)![0].replace(/ AS \w+/g, '').replace(/call_facts\./g, '');
		// The view as migration 0010 recreated it (with the talk histogram).
		const migration = read('migrations/0010_trends.sql').split('INSERT INTO call_hourly')[0];
		expect(body(read('queries/rollup_rebuild_hours.sql'))).toBe(body(migration));
	});
});
