import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playgroundExamples } from '@/content/playground-examples';
import { warehouseTables } from '@/pipeline/contracts/warehouse';
import { buildFixtureRun } from '@/scripts/fixtures/build-fixture-run';

// Every example query of the playground must run against a warehouse with the contract's tables.
let dir: string;
let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'examples-'));
  await buildFixtureRun({ runId: 'examples', outDir: dir, events: 5000 });
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run(`ATTACH '${path.join(dir, 'warehouse.duckdb')}' AS run (READ_ONLY)`);
  await connection.run('USE run');
});

afterAll(async () => {
  connection.closeSync();
  instance.closeSync();
  await rm(dir, { recursive: true, force: true });
});

describe('playground examples', () => {
  it('name only tables of the warehouse contract, with unique ids', () => {
    const names = new Set(warehouseTables.map((t) => t.name));
    expect(playgroundExamples.filter((e) => !names.has(e.table))).toEqual([]);
    expect(new Set(playgroundExamples.map((e) => e.id)).size).toBe(playgroundExamples.length);
    const marts = warehouseTables.filter((t) => t.name.startsWith('mart_')).map((t) => t.name);
    expect(marts.filter((mart) => !playgroundExamples.some((e) => e.table === mart))).toEqual([]);
  });

  it.each(playgroundExamples.map((e) => [e.id, e.sql] as const))(
    '%s runs and returns rows',
    async (_id, sql) => {
      const reader = await connection.runAndReadAll(sql);
      expect(reader.currentRowCount).toBeGreaterThan(0);
    },
  );

  it('the revenue mart reconciles with the facts it was built from', async () => {
    const sql = playgroundExamples.find((e) => e.id === 'revenue-check')!.sql;
    const reader = await connection.runAndReadAll(sql);
    expect(Number(reader.getRows()[0]?.[0])).toBe(0);
  });
});
