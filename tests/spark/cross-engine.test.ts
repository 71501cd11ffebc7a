import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { faultKinds } from '@/pipeline/contracts/faults';
import type { Manifest } from '@/pipeline/contracts/manifest';
import { streamTables } from '@/pipeline/contracts/stream-tables';
import { warehouseTables } from '@/pipeline/contracts/warehouse';
import { icebergName, RunLakehouse } from '@/pipeline/engines/spark/lakehouse/iceberg-catalog';
import { sharedSparkDriver } from '@/pipeline/engines/spark/spark-session';
import { sparkVersion } from '@/pipeline/engines/spark/version';
import type { QualityReport } from '@/pipeline/contracts/quality-report';
import { suiteRuns } from './suite-runs';
import { parquetChecksum, rowsOnlyIn, withoutColumnsOnlyIn } from './table-checksum';

/**
 * The same seed through both batch engines on real Spark (local mode, one SparkSession for the suite): every curated
 * table must be the same multiset of rows, compared by an order-independent checksum of canonical values. The runs
 * are the suite's (suite-runs.ts: seed 2 at 30,000 chaos events, every fault kind injected, asserted here), so every
 * reject path of validate runs on both engines.
 */
describe('the Spark engine builds the warehouse the DuckDB engine builds', () => {
  let duckDir: string;
  let sparkDir: string;
  let duck: Manifest;
  let spark: Manifest;

  beforeAll(async () => {
    ({ duckDir, sparkDir, duck, spark } = await suiteRuns());
  }, 45 * 60_000);

  it('runs every stage on both engines and records the engine in the manifest', () => {
    expect(duck.status).toBe('succeeded');
    expect(spark.status, JSON.stringify(spark.stages.find((stage) => stage.error)?.error)).toBe('succeeded');
    expect(duck.engine).toBe('duckdb');
    expect(spark.engine).toBe('spark');
    expect(spark.sparkVersion).toBe(sparkVersion);
    const validate = spark.stages.find((stage) => stage.name === 'validate');
    expect(validate?.metrics.spark).toMatchObject({ sparkVersion, master: expect.stringMatching(/^local/) });
  });

  it('injects every fault kind, so every reject path is compared', () => {
    const ledger = readFileSync(join(duckDir, 'ground-truth.json'), 'utf8');
    const kinds = new Set([...ledger.matchAll(/"kind":"([a-z_]+)"/g)].map((match) => match[1]));
    expect([...kinds].sort()).toEqual([...faultKinds].sort());
  });

  it.each(warehouseTables.map((table) => table.name))(
    '%s: the same rows from both engines',
    async (table) => {
      const duckPath = join(duckDir, 'lake', 'curated', `${table}.parquet`);
      const sparkPath = join(sparkDir, 'lake', 'curated', `${table}.parquet`);
      const [fromDuckDb, fromSpark] = await Promise.all([
        parquetChecksum(duckPath),
        parquetChecksum(sparkPath),
      ]);
      expect(fromSpark.columns).toBe(fromDuckDb.columns);
      expect(fromDuckDb.rows).toBeGreaterThan(0);
      if (fromSpark.checksum !== fromDuckDb.checksum || fromSpark.rows !== fromDuckDb.rows) {
        const onlyDuckDb = await rowsOnlyIn(duckPath, sparkPath);
        const onlySpark = await rowsOnlyIn(sparkPath, duckPath);
        expect({ rows: fromSpark.rows, onlySpark }).toEqual({ rows: fromDuckDb.rows, onlyDuckDb });
      }
      expect(fromSpark).toEqual(fromDuckDb);
    },
  );

  // The stream tables come from the speed layer, which runs in the ingest stage before either batch engine: both runs
  // export them, and they are the same but for the wall clock of the lag samples.
  it.each(streamTables.map((table) => [table.name, table.clockColumns] as const))(
    "%s: the speed layer's table, exported the same by both engines",
    async (table, clockColumns) => {
      const duckPath = join(duckDir, 'lake', 'curated', `${table}.parquet`);
      const sparkPath = join(sparkDir, 'lake', 'curated', `${table}.parquet`);
      const [fromDuckDb, fromSpark] = await Promise.all([
        parquetChecksum(duckPath),
        parquetChecksum(sparkPath),
      ]);
      expect(fromSpark.columns).toBe(fromDuckDb.columns);
      expect(fromDuckDb.rows).toBeGreaterThan(0);
      expect(fromSpark.rows).toBe(fromDuckDb.rows);
      expect({
        onlyDuckDb: await withoutColumnsOnlyIn(duckPath, sparkPath, clockColumns),
        onlySpark: await withoutColumnsOnlyIn(sparkPath, duckPath, clockColumns),
      }).toEqual({ onlyDuckDb: 0, onlySpark: 0 });
    },
  );

  it('writes every curated table of the Spark run as an Iceberg table with the curated Parquet row count', async () => {
    const lakehouse = new RunLakehouse(await sharedSparkDriver(), sparkDir);
    const exported = spark.stages.find((stage) => stage.name === 'export');
    const written = (exported?.metrics.iceberg as { tables: Record<string, { rows: number }> }).tables;
    for (const { name } of warehouseTables) {
      const [iceberg] = await lakehouse.rows<{ n: number }>(
        `SELECT count(*) AS n FROM ${icebergName(name)}`,
        name,
      );
      const { rows } = await parquetChecksum(join(sparkDir, 'lake', 'curated', `${name}.parquet`));
      expect({ name, rows: Number(iceberg?.n) }).toEqual({ name, rows });
      expect(written[name]?.rows).toBe(rows);
    }
    // Nothing of the lakehouse on the DuckDB engine.
    expect(existsSync(join(duckDir, 'lake', 'iceberg'))).toBe(false);
  });

  it('gives the same reject reasons, reconciliation, recall and precision', () => {
    const report = (dir: string) =>
      JSON.parse(readFileSync(join(dir, 'quality', 'report.json'), 'utf8')) as QualityReport;
    const [fromDuckDb, fromSpark] = [report(duckDir), report(sparkDir)];
    expect(fromSpark.reconciliation).toEqual(fromDuckDb.reconciliation);
    expect(fromSpark.faults).toEqual(fromDuckDb.faults);
    expect(fromSpark.summary).toEqual(fromDuckDb.summary);
    const reasons = (manifest: Manifest) =>
      manifest.stages.find((stage) => stage.name === 'validate')?.rejectReasons;
    expect(reasons(spark)).toEqual(reasons(duck));
    expect(fromSpark.faults?.overallRecall).toBe(1);
  });

  it('answers a failing statement with the Spark error class in one line, and keeps the session usable', async () => {
    const driver = await sharedSparkDriver();
    const failure = await driver
      .sql('SELECT no_such_column FROM fact_events', { label: 'in a test' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toMatch(/^Spark failed in a test: \[UNRESOLVED_COLUMN\.WITH_SUGGESTION\] /);
    expect(message).not.toContain('\n');
    expect(message).not.toMatch(/\bat org\.apache\.spark/);
    const progress: number[] = [];
    const answer = await driver.sql(
      'SELECT event_type, count(*) AS n FROM fact_events GROUP BY event_type ORDER BY event_type',
      {
        maxRows: 10,
        plan: true,
        onProgress: (update) => progress.push(update.tasksDone),
      },
    );
    expect(answer.rows.map((row) => row.event_type)).toContain('page_view');
    expect(answer.plan).toContain('== Physical Plan ==');
    expect(answer.metrics.jobs).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(0);
  });
});
