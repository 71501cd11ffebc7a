import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvidence } from '@/lib/interview/evidence';
import { collectStageDetails } from '@/lib/runs/stage-details.server';
import { renderSummary, summarize } from '@/pipeline/cli/run-summary';
import { expectedOutcome, groundTruthSchema, type GroundTruth } from '@/pipeline/contracts/faults';
import type { Manifest, StageRecord } from '@/pipeline/contracts/manifest';
import { entities } from '@/pipeline/contracts/records';
import { duplicatesRemoved, quarantineFigures, runReconciliation } from '@/pipeline/contracts/run-figures';
import type { RunStore } from '@/pipeline/contracts/services';
import type { StageName } from '@/pipeline/contracts/stages';
import { expectedReason } from '@/pipeline/stages/quality/fault-scores';
import type { QualityReport } from '@/pipeline/contracts/quality-report';
import { config, openTestRunStore, queryFile, runInDir, tempDir } from './helpers';

/**
 * One faulty run, every surface that shows its totals, one ground truth: the generator's ledger. Each rejected
 * record must be counted once, under one reason, by the stage that rejected it, and every surface (the drawers'
 * API, the quality report, the manifest through the CLI summary, the model answers' evidence, the warehouse's
 * quarantine table) must give the same total and the same breakdown.
 */
const runDir = join(tempDir('figures'), 'figures-run');
let runs: RunStore;
let manifest: Manifest;
let truth: GroundTruth;
let report: QualityReport;
/** From the ledger: quarantine faults per reason code, duplicate copies, lines emitted. */
let expected: { byReason: Record<string, number>; total: number; duplicates: number; generated: number };

const record = (name: StageName): StageRecord => manifest.stages.find((stage) => stage.name === name)!;
const sumOf = (counts: Record<string, number>) =>
  Object.values(counts).reduce((total, value) => total + value, 0);
const sorted = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));

beforeAll(async () => {
  runs = await openTestRunStore();
  manifest = await runInDir(runDir, runs, config({ seed: 42, events: 3_000, faults: 'chaos' }));
  truth = groundTruthSchema.parse(JSON.parse(readFileSync(join(runDir, 'ground-truth.json'), 'utf8')));
  report = JSON.parse(readFileSync(join(runDir, 'quality', 'report.json'), 'utf8')) as QualityReport;
  const byReason: Record<string, number> = {};
  for (const fault of truth.faults) {
    if (expectedOutcome[fault.kind] !== 'quarantine') continue;
    const reason = expectedReason[fault.kind]!;
    byReason[reason] = (byReason[reason] ?? 0) + 1;
  }
  expected = {
    byReason: sorted(byReason),
    total: sumOf(byReason),
    duplicates: truth.faults.filter((fault) => expectedOutcome[fault.kind] === 'dedupe').length,
    generated: entities.reduce((total, entity) => total + truth.emitted[entity], 0),
  };
}, 120_000);

afterAll(async () => {
  await runs.close();
});

describe('a chaos run: every surface gives the ground truth', () => {
  it('ran, with faults of every quarantine reason and duplicates to count', () => {
    expect(manifest.status).toBe('succeeded');
    expect(Object.keys(expected.byReason).length).toBeGreaterThanOrEqual(6);
    expect(expected.duplicates).toBeGreaterThan(0);
    expect(record('ingest').rejectedRows).toBeGreaterThan(0);
  });

  it('manifest: the stages reject disjoint records whose sum is the ledger, under the ledger reasons', () => {
    const quarantine = quarantineFigures(manifest);
    expect(quarantine.total).toBe(expected.total);
    expect(sorted(quarantine.byReason)).toEqual(expected.byReason);
    expect(sumOf(quarantine.byReason)).toBe(quarantine.total);
    expect(quarantine.byStage).toEqual({
      ingest: record('ingest').rejectedRows,
      validate: record('validate').rejectedRows,
    });
    // validate reads what ingest landed: nothing ingest rejected comes in again.
    expect(record('validate').inputRows).toBe(record('ingest').outputRows);
    expect(record('validate').inputRows).toBe(
      record('validate').outputRows + record('validate').rejectedRows,
    );
    expect(duplicatesRemoved(record('dedupe'))).toBe(expected.duplicates);
    expect(record('generate').outputRows).toBe(expected.generated);
  });

  it('warehouse: the quarantine table holds each record once, with the stage that rejected it', async () => {
    const rows = await queryFile<{ stage: string; reason_code: string; n: bigint }>(
      join(runDir, 'warehouse.duckdb'),
      'SELECT stage, reason_code, count(*) AS n FROM quarantine GROUP BY ALL ORDER BY ALL',
    );
    const byReason: Record<string, number> = {};
    for (const row of rows) byReason[row.reason_code] = (byReason[row.reason_code] ?? 0) + Number(row.n);
    expect(sorted(byReason)).toEqual(expected.byReason);
    for (const stage of ['ingest', 'validate'] as const) {
      const own = Object.fromEntries(
        rows.filter((row) => row.stage === stage).map((row) => [row.reason_code, Number(row.n)]),
      );
      expect(sorted(own)).toEqual(sorted(record(stage).rejectReasons));
    }
    const [distinct] = await queryFile<{ records: bigint; ids: bigint }>(
      join(runDir, 'warehouse.duckdb'),
      "SELECT count(*) AS records, count(DISTINCT entity || ':' || coalesce(record_id, source)) AS ids FROM quarantine",
    );
    expect(Number(distinct!.ids)).toBe(Number(distinct!.records));
  });

  it("drawers' API: the ingest and validate drawers list disjoint rejects adding up to the run's", async () => {
    const groups = [];
    for (const stage of ['ingest', 'validate'] as const) {
      const details = await collectStageDetails(runDir, record(stage), {
        tablesReadable: true,
        log: 'unused',
      });
      expect(sumOf(Object.fromEntries(details.rejects.map((group) => [group.reason, group.count])))).toBe(
        record(stage).rejectedRows,
      );
      for (const group of details.rejects) expect(group.examples.length).toBeGreaterThan(0);
      groups.push(...details.rejects);
    }
    const byReason: Record<string, number> = {};
    for (const group of groups) byReason[group.reason] = (byReason[group.reason] ?? 0) + group.count;
    expect(sorted(byReason)).toEqual(expected.byReason);
  });

  it('quality report: the caught checks add up to the total, the reconciliation to the ledger', () => {
    const catching = report.checks.filter((check) => check.kind === 'quarantine');
    expect(catching.every((check) => check.passed && check.failingRows === 0)).toBe(true);
    expect(report.summary.caught).toEqual({ checks: catching.length, records: expected.total });
    const byReason: Record<string, number> = {};
    for (const check of catching) {
      const reason = check.name.split('_').slice(2).join('_').toUpperCase();
      byReason[reason] = (byReason[reason] ?? 0) + check.caught!;
    }
    expect(sorted(byReason)).toEqual(expected.byReason);
    expect(report.summary.checks).toBe(report.checks.length - catching.length);
    expect(report.summary.passed + report.summary.failed).toBe(report.summary.checks);

    const run = runReconciliation(manifest)!;
    expect(run.holds).toBe(true);
    expect(run.generated).toBe(expected.generated);
    expect(run.deadLettered + run.quarantined).toBe(expected.total);
    expect(run.duplicatesRemoved).toBe(expected.duplicates);
    expect(run.deadLettered).toBe(record('ingest').rejectedRows);
    expect(run.landed).toBe(record('ingest').outputRows);
    expect(run.accepted).toBe(record('dedupe').outputRows);
  });

  it('model answers: run.rejected is the total and run.rejectReasons adds up to it', () => {
    const evidence = buildEvidence(manifest);
    expect(evidence['run.rejected']).toBe(expected.total.toLocaleString('en-US'));
    const reasons = Object.fromEntries(
      evidence['run.rejectReasons'].split(', ').map((part) => {
        const [code, count] = part.split(' ');
        return [code!, Number(count!.replace(/,/g, ''))];
      }),
    );
    expect(sorted(reasons)).toEqual(expected.byReason);
    expect(evidence['run.duplicatesRemoved']).toBe(expected.duplicates.toLocaleString('en-US'));
  });

  it('CLI summary: the same total, the same breakdown per stage, duplicates named', () => {
    const summary = summarize(manifest, runDir);
    expect(summary.quarantine.total).toBe(expected.total);
    const text = renderSummary(summary);
    const byStage = `ingest ${record('ingest').rejectedRows.toLocaleString('en-US')}, validate ${record('validate').rejectedRows.toLocaleString('en-US')}`;
    expect(text).toContain(`Quarantined records: ${expected.total.toLocaleString('en-US')} (${byStage})`);
    expect(text).toContain(`removed as duplicates: ${expected.duplicates.toLocaleString('en-US')}`);
    const listed: Record<string, number> = {};
    for (const match of text.matchAll(/^ {2}([A-Z_]+)\s+([\d,]+)\s+(ingest|validate)\b/gm))
      listed[match[1]!] = (listed[match[1]!] ?? 0) + Number(match[2]!.replace(/,/g, ''));
    expect(sorted(listed)).toEqual(expected.byReason);
  });
});
