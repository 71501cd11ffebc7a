import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedOutcome, groundTruthSchema, type GroundTruth } from '@/pipeline/contracts/faults';
import { entities, type Entity } from '@/pipeline/contracts/records';
import type { Manifest } from '@/pipeline/contracts/manifest';
import type { RunStore } from '@/pipeline/contracts/services';
import { warehouseTables } from '@/pipeline/contracts/warehouse';
import type { QualityReport } from '@/pipeline/contracts/quality-report';
import { config, openTestRunStore, queryFile, runInDir, tempDir } from './helpers';

/** Lines in every file below a directory whose name ends in .ndjson (an independent count of the lake). */
function countLines(directory: string): number {
  let lines = 0;
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const child = join(path, name);
      if (statSync(child).isDirectory()) walk(child);
      else if (name.endsWith('.ndjson'))
        lines += readFileSync(child, 'utf8')
          .split('\n')
          .filter((line) => line.length > 0).length;
    }
  };
  try {
    walk(directory);
  } catch {
    return 0;
  }
  return lines;
}

const finalTable: Record<Entity, string> = {
  users: 'dim_user',
  products: 'dim_product',
  events: 'fact_events',
  orders: 'fact_orders',
};

let runs: RunStore;
const realisticDir = tempDir('realistic');
const realisticAgainDir = tempDir('realistic-again');
const chaosDir = tempDir('chaos');
let realistic: Manifest;
let realisticAgain: Manifest;
let chaos: Manifest;

beforeAll(async () => {
  runs = await openTestRunStore();
  realistic = await runInDir(realisticDir, runs, config({ events: 20_000, faults: 'realistic' }));
  realisticAgain = await runInDir(realisticAgainDir, runs, config({ events: 20_000, faults: 'realistic' }));
  chaos = await runInDir(chaosDir, runs, config({ events: 10_000, faults: 'chaos', seed: 7 }));
}, 180_000);

afterAll(async () => {
  await runs.close();
});

const readReport = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'quality', 'report.json'), 'utf8')) as QualityReport;
const readTruth = (dir: string): GroundTruth =>
  groundTruthSchema.parse(JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')));

describe.each([
  ['realistic', () => realisticDir, () => realistic],
  ['chaos', () => chaosDir, () => chaos],
])('a %s run', (_profile, dir, manifest) => {
  it('succeeds in every stage', () => {
    expect(manifest().status).toBe('succeeded');
    expect(manifest().stages.map((stage) => stage.status)).toEqual(Array(9).fill('succeeded'));
  });

  it('reconciles every entity, counted independently: generated = landed = accepted + quarantined + duplicates removed', async () => {
    const truth = readTruth(dir());
    const warehouse = join(dir(), 'warehouse.duckdb');
    for (const entity of entities) {
      const generated =
        countLines(join(dir(), 'generated', `${entity}.ndjson`).replace(/\/[^/]+$/, '')) &&
        readFileSync(join(dir(), 'generated', `${entity}.ndjson`), 'utf8')
          .split('\n')
          .filter(Boolean).length;
      const landed =
        countLines(join(dir(), 'lake', 'raw', entity)) +
        countLines(join(dir(), 'lake', 'quarantine', entity, 'ingest'));
      const [accepted] = await queryFile<{ n: bigint }>(
        warehouse,
        `SELECT count(*) AS n FROM ${finalTable[entity]}`,
      );
      const [quarantined] = await queryFile<{ n: bigint }>(
        warehouse,
        `SELECT count(*) AS n FROM quarantine WHERE entity = '${entity}'`,
      );
      const duplicates = truth.faults.filter(
        (fault) => fault.entity === entity && expectedOutcome[fault.kind] === 'dedupe',
      ).length;
      expect(generated).toBe(truth.emitted[entity]);
      expect(landed).toBe(generated);
      expect(Number(accepted!.n) + Number(quarantined!.n) + duplicates).toBe(landed);
    }
    const report = readReport(dir());
    expect(report.reconciliation.every((entity) => entity.holds)).toBe(true);
    expect(report.reconciliation.map((entity) => entity.generated)).toEqual(
      entities.map((entity) => truth.emitted[entity]),
    );
  });

  it('quarantines only records that carry a fault the contract says to quarantine (no clean record rejected)', async () => {
    const truth = readTruth(dir());
    const quarantineFaults = new Set(
      truth.faults
        .filter((fault) => expectedOutcome[fault.kind] === 'quarantine')
        .map((fault) => `${fault.entity}:${fault.recordId}`),
    );
    const rows = await queryFile<{ entity: string; record_id: string | null }>(
      join(dir(), 'warehouse.duckdb'),
      'SELECT entity, record_id FROM quarantine',
    );
    expect(rows.length).toBeGreaterThan(0);
    const unexplained = rows.filter((row) => !quarantineFaults.has(`${row.entity}:${row.record_id}`));
    expect(unexplained).toEqual([]);
    expect(readReport(dir()).faults?.cleanRejected).toBe(0);
  });

  it('writes every contract table with its columns and types into a warehouse.duckdb the browser engine can attach', async () => {
    const warehouse = join(dir(), 'warehouse.duckdb');
    for (const table of warehouseTables) {
      const columns = await queryFile<{ column_name: string; data_type: string }>(
        warehouse,
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${table.name}' ORDER BY ordinal_position`,
      );
      const actual = new Map(columns.map((column) => [column.column_name, column.data_type]));
      for (const column of table.columns)
        expect([table.name, column.name, actual.get(column.name)]).toEqual([
          table.name,
          column.name,
          column.type,
        ]);
    }
    const header = readFileSync(warehouse).subarray(0, 64);
    // DuckDB's storage header: "DUCK" magic at byte 8, then the storage version number: 67 is STORAGE_VERSION
    // 'v1.4.0' (DuckDB-WASM 1.32's engine reads it); the node engine's own v1.5.0 format would be 68.
    expect(header.subarray(8, 12).toString('latin1')).toBe('DUCK');
    expect(header.readBigUInt64LE(12)).toBe(67n);
  });
});

describe('fault detection against ground-truth.json', () => {
  it('catches every realistic fault of every kind (recall 100 %) with precision 100 %', () => {
    const report = readReport(realisticDir);
    expect(report.faults).not.toBeNull();
    for (const kind of report.faults!.byKind) expect([kind.kind, kind.recall]).toEqual([kind.kind, 1]);
    expect(report.faults!.overallPrecision).toBe(1);
  });

  it('catches at least 99 % of every chaos fault kind, never rejecting a clean record', () => {
    const report = readReport(chaosDir);
    expect(report.faults!.byKind.length).toBeGreaterThanOrEqual(14);
    for (const kind of report.faults!.byKind) expect(kind.recall!).toBeGreaterThanOrEqual(0.99);
    for (const action of report.faults!.precision)
      expect([action.action, action.precision]).toEqual([action.action, 1]);
  });

  it('gives quarantined faults the reason code the contract expects', () => {
    for (const dir of [realisticDir, chaosDir]) {
      const report = readReport(dir);
      for (const kind of report.faults!.byKind.filter((entry) => entry.expected === 'quarantine')) {
        expect([kind.kind, kind.reasonMatches]).toEqual([kind.kind, kind.injected]);
      }
    }
  });
});

describe('idempotent re-runs', () => {
  it('gives identical outputs and checksums for the same inputs in every stage', () => {
    const outputs = (manifest: Manifest) =>
      manifest.stages.flatMap((stage) => [
        `${stage.name} rows ${stage.inputRows}/${stage.outputRows}/${stage.rejectedRows}`,
        ...stage.outputs.map((output) => `${output.path} ${output.rows} ${output.sha256}`),
      ]);
    expect(outputs(realisticAgain)).toEqual(outputs(realistic));
    const checksummed = realistic.stages.flatMap((stage) => stage.outputs);
    expect(checksummed.map((output) => output.path)).toEqual(
      expect.arrayContaining(['warehouse.duckdb', 'quality/report.json', 'lake/curated/fact_events.parquet']),
    );
    expect(readFileSync(join(realisticDir, 'quality', 'report.json'), 'utf8')).toBe(
      readFileSync(join(realisticAgainDir, 'quality', 'report.json'), 'utf8'),
    );
  });

  it('gives the same checksums when a finished stage is run again in step mode', async () => {
    const rerun = await runInDir(realisticAgainDir, runs, config({ events: 20_000, faults: 'realistic' }), {
      only: 'validate',
    });
    const before = realistic.stages.find((stage) => stage.name === 'validate')!;
    const after = rerun.stages.find((stage) => stage.name === 'validate')!;
    expect(after.outputs).toEqual(before.outputs);
    expect(rerun.stages.every((stage) => stage.status === 'succeeded')).toBe(true);
  });
});
