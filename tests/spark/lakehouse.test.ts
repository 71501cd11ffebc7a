import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '@/pipeline/contracts/manifest';
import type { RunStore } from '@/pipeline/contracts/services';
import { icebergName, RunLakehouse } from '@/pipeline/engines/spark/lakehouse/iceberg-catalog';
import {
  runIncrementalDay,
  type IncrementalReport,
} from '@/pipeline/engines/spark/lakehouse/iceberg-incremental';
import { snapshots, tableFiles } from '@/pipeline/engines/spark/lakehouse/iceberg-inspect';
import { compactDataFiles, expireSnapshots } from '@/pipeline/engines/spark/lakehouse/iceberg-maintenance';
import { writeIcebergTables } from '@/pipeline/engines/spark/lakehouse/iceberg-tables';
import { readAsOf } from '@/pipeline/engines/spark/lakehouse/iceberg-time-travel';
import { runSparkCell } from '@/pipeline/engines/spark/spark-cells';
import { sharedSparkDriver } from '@/pipeline/engines/spark/spark-session';
import { config, openTestRunStore, runInDir, tempDir } from '../pipeline/etl/helpers';

/**
 * The Iceberg lakehouse on real Spark and Iceberg (local mode, one SparkSession for the file): a small run's curated
 * tables written as Iceberg tables (the step the Spark engine's export runs; the base run uses the DuckDB engine so
 * this file pays for Spark only where the lakehouse needs it), an incremental day merged into dim_user as SCD2, time
 * travel to the first snapshot, compaction and snapshot expiry, each checked on the table's own metadata and files.
 */
const runConfig = config({ seed: 11, events: 3_000, faults: 'realistic', engine: 'duckdb' });

describe('the Iceberg lakehouse of a run', () => {
  let runs: RunStore;
  const runDir = tempDir('lakehouse');
  let manifest: Manifest;
  let lakehouse: RunLakehouse;
  let firstSnapshot: string;
  let incremental: IncrementalReport;

  beforeAll(async () => {
    runs = await openTestRunStore();
    manifest = await runInDir(runDir, runs, runConfig);
    lakehouse = new RunLakehouse(await sharedSparkDriver(), runDir);
  }, 10 * 60_000);

  // The suite's files share one Spark driver (isolate off): it stays open for the next file.
  afterAll(async () => {
    await runs?.close();
    rmSync(runDir, { recursive: true, force: true });
  });

  it('writes curated tables as Iceberg tables with the Parquet files’ rows', async () => {
    expect(manifest.status).toBe('succeeded');
    // Three tables, not all thirteen: cross-engine.test.ts checks every table of a Spark-engine run's export.
    const reports = await writeIcebergTables(lakehouse, ['dim_user', 'fact_events', 'mart_daily_revenue']);
    const exported = manifest.stages.find((stage) => stage.name === 'export')?.outputs ?? [];
    for (const report of reports) {
      const parquet = exported.find((output) => output.path === `lake/curated/${report.table}.parquet`);
      expect({ table: report.table, rows: report.rows }).toEqual({
        table: report.table,
        rows: parquet?.rows,
      });
      expect(report.dataFiles).toBeGreaterThan(0);
      expect(existsSync(join(runDir, 'lake', 'iceberg', 'curated', report.table, 'metadata'))).toBe(true);
    }
    // fact_events is partitioned by day (hidden partitioning on event_ts): a data file per day of the window.
    const events = reports.find((report) => report.table === 'fact_events');
    expect(events?.dataFiles).toBe(runConfig.days);
    const history = await snapshots(lakehouse, 'dim_user');
    expect(history).toHaveLength(1);
    firstSnapshot = history[0]!.snapshotId;
  });

  it('merges a later day into dim_user as SCD2: a new snapshot, the changed user’s row closed and a new current row', async () => {
    incremental = await runIncrementalDay(lakehouse, manifest, '2025-09-07');
    expect(incremental.changedUsers).toBeGreaterThanOrEqual(5);
    expect(incremental.rowsAfter).toBe(incremental.rowsBefore + incremental.changedUsers);
    expect(incremental.snapshot.parentId).toBe(firstSnapshot);
    expect(incremental.snapshot.snapshotId).not.toBe(firstSnapshot);
    expect(await snapshots(lakehouse, 'dim_user')).toHaveLength(2);
    // Merge-on-read: the closed rows are a delete file, the new and closed versions a new data file.
    expect(incremental.filesAfter.deleteFiles).toBeGreaterThan(0);
    const raw = readFileSync(incremental.rawFile, 'utf8').trim().split('\n');
    expect(raw).toHaveLength(incremental.changedUsers);

    const user = incremental.example.userId;
    const versions = await lakehouse.rows<{
      version: number;
      is_current: boolean;
      valid_to: string;
      valid_from: string;
    }>(
      `SELECT version, is_current, CAST(valid_from AS STRING) AS valid_from, CAST(valid_to AS STRING) AS valid_to
       FROM ${icebergName('dim_user')} WHERE user_id = '${user}' ORDER BY version`,
      'one user',
    );
    const closed = versions.find((row) => row.version === incremental.example.fromVersion);
    const current = versions.find((row) => row.version === incremental.example.toVersion);
    expect(closed?.is_current).toBe(false);
    expect(closed?.valid_to.slice(0, 10)).toBe('2025-09-07');
    expect(current).toMatchObject({ is_current: true, valid_to: '9999-12-31 00:00:00' });
    expect(current?.valid_from).toBe(closed?.valid_to);
    const [integrity] = await lakehouse.rows<{ users: number; current: number; keys: number; rows: number }>(
      `SELECT count(DISTINCT user_id) AS users, count_if(is_current) AS current, count(DISTINCT user_sk) AS keys,
              count(*) AS rows FROM ${icebergName('dim_user')}`,
      'SCD2 integrity',
    );
    expect(integrity?.current).toBe(integrity?.users);
    expect(integrity?.keys).toBe(integrity?.rows);
    // Each day loads once.
    await expect(runIncrementalDay(lakehouse, manifest, '2025-09-07')).rejects.toThrow(/must come after/);
    await expect(runIncrementalDay(lakehouse, manifest, '2025-08-30')).rejects.toThrow(
      /inside the run's window/,
    );
  });

  it('reads the first snapshot with VERSION AS OF and TIMESTAMP AS OF: the earlier version', async () => {
    const user = incremental.example.userId;
    const before = await readAsOf(lakehouse, 'dim_user', { version: firstSnapshot }, user);
    expect(before.rows).toBe(incremental.rowsBefore);
    expect(before.userRows.map((row) => [row.version, row.is_current])).toEqual([
      [incremental.example.fromVersion, true],
    ]);
    const [first] = await snapshots(lakehouse, 'dim_user');
    const byTime = await readAsOf(lakehouse, 'dim_user', { timestamp: first!.committedAt }, user);
    expect(byTime.rows).toBe(incremental.rowsBefore);
    const now = await readAsOf(lakehouse, 'dim_user', { version: incremental.snapshot.snapshotId }, user);
    expect(now.userRows).toHaveLength(2);
    await expect(readAsOf(lakehouse, 'dim_user', { version: '1; DROP TABLE x' })).rejects.toThrow(
      /snapshot id/,
    );
  });

  it('answers lesson cells on the run’s catalog: metadata tables and VERSION AS OF, and refuses a CALL', async () => {
    const lake = {
      curatedDir: join(runDir, 'lake', 'curated'),
      label: 'the test run',
      icebergWarehouse: join(runDir, 'lake', 'iceberg'),
    };
    const listed = await runSparkCell(
      {
        sql: 'SELECT CAST(snapshot_id AS STRING) AS id, operation FROM lake.curated.dim_user.snapshots ORDER BY committed_at',
      },
      lake,
    );
    expect(listed.rows.map((row) => row.id)).toEqual([firstSnapshot, incremental.snapshot.snapshotId]);
    const travelled = await runSparkCell(
      { sql: `SELECT count(*) AS n FROM lake.curated.dim_user VERSION AS OF ${firstSnapshot}` },
      lake,
    );
    expect(Number(travelled.rows[0]?.n)).toBe(incremental.rowsBefore);
    await expect(
      runSparkCell({ sql: "CALL lake.system.expire_snapshots(table => 'curated.dim_user')" }, lake),
    ).rejects.toThrow();
    await expect(
      runSparkCell({ sql: 'SELECT * FROM lake.curated.dim_user' }, { ...lake, icebergWarehouse: undefined }),
    ).rejects.toThrow(/No run has Iceberg tables yet/);
  });

  it('compacts dim_user’s small files into fewer, in a new snapshot', async () => {
    const second = await runIncrementalDay(lakehouse, manifest, '2025-09-08');
    const report = await compactDataFiles(lakehouse, 'dim_user', { minInputFiles: 2 });
    expect(report.before.dataFiles).toBeGreaterThanOrEqual(3);
    expect(report.after.dataFiles).toBeLessThan(report.before.dataFiles);
    expect(report.snapshotsAfter).toBe(report.snapshotsBefore + 1);
    expect(Number(report.result.rewritten_data_files_count)).toBe(report.before.dataFiles);
    // The old files stay on disk for time travel until the snapshots that read them expire.
    expect(report.after.filesOnDisk).toBeGreaterThan(report.before.filesOnDisk);
    const [rows] = await lakehouse.rows<{ n: number }>(
      `SELECT count(*) AS n FROM ${icebergName('dim_user')}`,
      'count',
    );
    expect(Number(rows?.n)).toBe(second.rowsAfter);
  });

  it('expires old snapshots: fewer snapshots, the unread files deleted, the current table unchanged', async () => {
    const rowsBefore = await lakehouse.rows<{ n: number }>(
      `SELECT count(*) AS n FROM ${icebergName('dim_user')}`,
      'count',
    );
    const report = await expireSnapshots(lakehouse, 'dim_user', {
      olderThan: 'now',
      retainLast: 1,
      nowMs: Date.now(),
    });
    expect(report.snapshotsBefore).toBe(4);
    expect(report.snapshotsAfter).toBe(1);
    expect(report.after.filesOnDisk).toBeLessThan(report.before.filesOnDisk);
    expect(report.after.filesOnDisk).toBe(report.after.dataFiles + report.after.deleteFiles);
    expect(Number(report.result.deleted_data_files_count)).toBeGreaterThan(0);
    const rowsAfter = await lakehouse.rows<{ n: number }>(
      `SELECT count(*) AS n FROM ${icebergName('dim_user')}`,
      'count',
    );
    expect(rowsAfter).toEqual(rowsBefore);
    // Time travel to an expired snapshot now fails with Spark's own message.
    await expect(readAsOf(lakehouse, 'dim_user', { version: firstSnapshot })).rejects.toThrow(
      /Cannot find snapshot|snapshot/i,
    );
    expect((await tableFiles(lakehouse, 'dim_user')).dataFiles).toBe(report.after.dataFiles);
  });
});
