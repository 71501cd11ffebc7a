import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRewrite, nestedLoops, parsePlan, peakRows, planHas, type PlanNode } from './plan';

let connection: DuckDBConnection;

async function plan(sql: string, analyze = true): Promise<PlanNode> {
  const reader = await connection.runAndReadAll(`EXPLAIN (${analyze ? 'ANALYZE, ' : ''}FORMAT JSON) ${sql}`);
  return parsePlan(String(reader.getRows()[0]?.[1]));
}

beforeAll(async () => {
  connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run(`CREATE TABLE big AS SELECT i AS id, i % 10 AS small_id, i % 3 = 0 AS flag FROM range(5000) t(i);
    CREATE TABLE small AS SELECT i AS small_id, 'name ' || i AS name, i < 5 AS active FROM range(10) t(i)`);
});

afterAll(() => connection.closeSync());

const join = `SELECT s.name, COUNT(*) FROM big b JOIN small s ON s.small_id = b.small_id WHERE s.active AND b.flag GROUP BY s.name`;

describe('DuckDB plans', () => {
  it('finds the build side of a hash join (the smaller input), not the probe side', async () => {
    for (const analyzed of [await plan(join), await plan(join, false)]) {
      expect(planHas(analyzed, { kind: 'build-side', table: 'small' })).toBe(true);
      expect(planHas(analyzed, { kind: 'build-side', table: 'big' })).toBe(false);
    }
  });

  it('tells a filter pushed into a scan from one applied above it', async () => {
    const pushed = await plan(join);
    expect(planHas(pushed, { kind: 'scan-filter', table: 'small', column: 'active' })).toBe(true);
    expect(planHas(pushed, { kind: 'no-scan-filter', table: 'small', column: 'active' })).toBe(false);
    const windowed = await plan(
      `SELECT * FROM (SELECT id, flag, ROW_NUMBER() OVER (PARTITION BY small_id ORDER BY id) AS n FROM big) WHERE n = 1 AND flag`,
    );
    expect(planHas(windowed, { kind: 'no-scan-filter', table: 'big', column: 'flag' })).toBe(true);
    expect(planHas(windowed, { kind: 'scan-filter', table: 'big', column: 'flag' })).toBe(false);
    // A column name inside another name is not a mention.
    expect(planHas(pushed, { kind: 'scan-filter', table: 'small', column: 'activ' })).toBe(false);
  });

  it('reads row counts from an ANALYZE plan and names the operator that emitted the most', async () => {
    const fanOut = await plan(
      `SELECT a.id, COUNT(*) FROM big a JOIN big b ON b.small_id = a.small_id AND b.id <= a.id GROUP BY a.id`,
    );
    expect(peakRows(fanOut)).toBeGreaterThan(5000 * 10);
    expect(planHas(fanOut, { kind: 'peak-operator', operator: 'HASH_JOIN' })).toBe(true);
    expect(planHas(fanOut, { kind: 'peak-operator', operator: 'HASH_GROUP_BY' })).toBe(false);
    const window = await plan(`SELECT id, COUNT(*) OVER (PARTITION BY small_id ORDER BY id) FROM big`);
    expect(peakRows(window)).toBe(5000);
    const rule = { forbidOperators: [], maxPeakRowsShare: 0.1 };
    expect(checkRewrite(fanOut, window, rule)).toMatchObject({ passed: true, problems: [] });
    const failed = checkRewrite(fanOut, fanOut, rule);
    expect(failed.passed).toBe(false);
    expect(failed.problems[0]).toMatch(/still emits/);
  });

  it('sees a nested-loop join where an OR leaves no join key', async () => {
    const orJoin = await plan(
      `SELECT COUNT(*) FROM big b JOIN small s ON s.small_id = b.small_id OR s.name = 'name ' || b.id`,
    );
    expect(nestedLoops(orJoin).length).toBeGreaterThan(0);
    const rule = { forbidOperators: ['BLOCKWISE_NL_JOIN', 'NESTED_LOOP_JOIN'] };
    expect(checkRewrite(orJoin, orJoin, rule).problems.join(' ')).toMatch(/NL_JOIN|NESTED_LOOP/);
    expect(checkRewrite(orJoin, await plan(join), rule).passed).toBe(true);
  });

  it('rejects what is not a plan', () => {
    expect(() => parsePlan('42')).toThrow(/plan node/);
  });
});
