import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '@/pipeline/cli';
import type { CliIo } from '@/pipeline/cli/types';
import { renderSummary, type RunSummary } from '@/pipeline/cli/run-summary';
import { stageCatalog } from '@/pipeline/contracts/stages';
import { systemClock } from '@/pipeline/core/clock';
import { tempDir } from './helpers';

const root = tempDir('cli');

function io(tty = false) {
  let stdout = '';
  let stderr = '';
  const value: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: tty },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    clock: systemClock,
    cwd: root,
  };
  return { io: value, out: () => stdout, err: () => stderr };
}

beforeAll(() => {
  process.env.PIPELINE_LAB_RUNS_DIR = join(root, 'runs');
});

describe('npm run pipeline -- run / step / status', () => {
  it('runs end to end and, off a TTY, prints the summary as one JSON line with the reconciliation and the outputs', async () => {
    const session = io();
    expect(
      await runCli(['run', '--events', '3000', '--faults', 'chaos', '--out', 'runs/small'], session.io),
    ).toBe(0);
    const lines = session.out().trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = (JSON.parse(lines[0]!) as { fields: RunSummary }).fields;
    expect(summary.status).toBe('succeeded');
    expect(summary.reconciliation?.every((entity) => entity.holds)).toBe(true);
    expect(Object.keys(summary.quarantine.byReason).length).toBeGreaterThan(3);
    expect(Object.keys(summary.rejectExamples).sort()).toEqual(
      summary.quarantine.rows.map((row) => `${row.stage}:${row.reason}`).sort(),
    );
    expect(summary.outputs.warehouse).toBe(join(root, 'runs', 'small', 'warehouse.duckdb'));
    // Logs went to stderr as JSON lines.
    for (const line of session.err().trim().split('\n'))
      expect(() => JSON.parse(line) as unknown).not.toThrow();

    const status = io(true);
    expect(await runCli(['status', '--run', 'runs/small'], status.io)).toBe(0);
    expect(status.out()).toContain(
      'Reconciliation: generated = dead-lettered + landed; landed = quarantined + duplicates removed + accepted',
    );
    expect(status.out()).toMatch(/dedupe\s+succeeded\s+[\d,]+\s+[\d,]+\s+removed as duplicates: [1-9]/);
    expect(status.out()).toContain('warehouse for the playground');
    expect(status.out()).toMatch(/validate\s+succeeded/);
  }, 120_000);

  it('refuses a step whose dependencies have not run, naming the stage to run first', async () => {
    const first = io();
    expect([
      await runCli(['run', '--events', '2000', '--until', 'produce', '--out', 'runs/partial'], first.io),
      first.err(),
    ]).toEqual([0, expect.any(String)]);
    const step = io();
    expect(await runCli(['step', 'validate', '--run', 'runs/partial'], step.io)).toBe(75);
    expect(step.err()).toContain('needs ingest to have succeeded first');
    const ok = io();
    expect(await runCli(['step', 'ingest', '--run', 'runs/partial'], ok.io)).toBe(0);
  }, 120_000);

  it('explains bad input: an unknown stage, a missing run, a bad tier', async () => {
    const unknown = io();
    expect(await runCli(['step', 'transform', '--run', 'runs/small'], unknown.io)).toBe(64);
    expect(unknown.err()).toContain('the first argument must be a stage');
    const missing = io();
    expect(await runCli(['status', '--run', 'runs/nothing-here'], missing.io)).toBe(66);
    const tier = io();
    expect(await runCli(['run', '--tier', 'cloud'], tier.io)).toBe(64);
    expect(tier.err()).toContain('--tier must be one of embedded, services');
  });
});

describe('npm run pipeline -- export-airflow', () => {
  it('writes a Python DAG with one task per stage and the same dependencies', async () => {
    const session = io();
    expect(await runCli(['export-airflow', '--out', 'airflow/dag.py', '--events', '5000'], session.io)).toBe(
      0,
    );
    const file = join(root, 'airflow', 'dag.py');
    const text = readFileSync(file, 'utf8');
    for (const stage of stageCatalog) {
      expect(text).toContain(`task_id="${stage.name}"`);
      for (const dependency of stage.dependsOn)
        expect(text).toContain(`${dependency}_task >> ${stage.name}_task`);
    }
    expect(text).toContain('"events": 5000');
    expect(text).toContain('"retry_exponential_backoff": True');
    let python = true;
    try {
      execFileSync('python3', ['--version']);
    } catch {
      python = false;
    }
    if (python) execFileSync('python3', ['-m', 'py_compile', file]);
  });
});

describe('the summary table', () => {
  it('shows stages, reconciliation, rejects by reason and where the outputs are', () => {
    const text = renderSummary({
      runId: 'demo',
      status: 'succeeded',
      runDir: '/runs/demo',
      stages: [
        {
          name: 'ingest',
          status: 'succeeded',
          inputRows: 1230,
          outputRows: 1200,
          rejectedRows: 30,
          durationMs: 500,
          attempts: 1,
          duplicatesRemoved: null,
        },
        {
          name: 'validate',
          status: 'succeeded',
          inputRows: 1200,
          outputRows: 1100,
          rejectedRows: 100,
          durationMs: 1500,
          attempts: 2,
          duplicatesRemoved: null,
        },
        {
          name: 'dedupe',
          status: 'succeeded',
          inputRows: 1100,
          outputRows: 1000,
          rejectedRows: 0,
          durationMs: 100,
          attempts: 1,
          duplicatesRemoved: 100,
        },
      ],
      reconciliation: [
        {
          entity: 'events',
          generated: 1230,
          deadLettered: 30,
          landed: 1200,
          quarantined: 100,
          duplicatesRemoved: 100,
          accepted: 1000,
          holds: true,
        },
      ],
      quarantine: {
        total: 130,
        rows: [
          { stage: 'validate', reason: 'ORPHAN_KEY', records: 60 },
          { stage: 'validate', reason: 'MISSING_FIELD', records: 40 },
          { stage: 'ingest', reason: 'TYPE_MISMATCH', records: 30 },
        ],
        byReason: { ORPHAN_KEY: 60, MISSING_FIELD: 40, TYPE_MISMATCH: 30 },
        byStage: { ingest: 30, validate: 100 },
      },
      rejectExamples: { 'validate:ORPHAN_KEY': 'events: field "user_id": no accepted user has id u-9' },
      recall: 1,
      precision: 0.995,
      outputs: {
        manifest: 'm',
        warehouse: '/runs/demo/warehouse.duckdb',
        parquet: 'p',
        quarantine: 'q',
        qualityReport: 'r',
      },
    });
    expect(text).toMatch(/validate\s+succeeded \(2 tries\)\s+1,200\s+1,100\s+100\s+1\.50 s/);
    expect(text).toMatch(/dedupe\s+succeeded\s+1,100\s+1,000\s+removed as duplicates: 100/);
    expect(text).toMatch(/events\s+1,230\s+30\s+1,200\s+100\s+100\s+1,000\s+yes/);
    expect(text).toContain('Quarantined records: 130 (ingest 30, validate 100)');
    expect(text).toMatch(/TYPE_MISMATCH\s+30\s+ingest/);
    expect(text.indexOf('ORPHAN_KEY')).toBeLessThan(text.indexOf('MISSING_FIELD'));
    expect(text).toContain('events: field "user_id": no accepted user has id u-9');
    expect(text).toContain('recall 100.00 %, precision 99.50 %');
    expect(text).toContain('/runs/demo/warehouse.duckdb');
  });
});
