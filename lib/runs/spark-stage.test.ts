import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '@/pipeline/contracts/manifest';
import type { SparkStageRecord } from '@/pipeline/contracts/spark-stage-record';
import { stageNames } from '@/pipeline/contracts/stages';
import type { StageDetails } from './inspect-types';
import { readSparkStage } from './spark-stage.server';

/**
 * The stage drawer's Spark record: `<runDir>/spark/<stage>.json` read and validated, the Spark UI linked only while
 * the driver that serves it runs (a process whose command line is the driver's) and only on a loopback address, and
 * the record served by GET /api/runs/{runId}/stages/{stage}.
 */
const root = mkdtempSync(join(tmpdir(), 'spark-stage-'));
const runsDir = join(root, 'runs');
const runId = 'spark-stage-run';
const runDir = join(runsDir, runId);
let driverLike: ChildProcess;

const record = (overrides: Partial<SparkStageRecord> = {}): SparkStageRecord => ({
  stage: 'aggregate',
  sparkVersion: '4.0.1',
  master: 'local[*]',
  uiUrl: 'http://127.0.0.1:4040',
  driverPid: driverLike.pid!,
  statements: [
    {
      file: 'aggregate/marts.sql',
      index: 1,
      table: 'mart_funnel',
      sql: 'SELECT event_type, count(*) FROM fact_events GROUP BY event_type',
      durationMs: 812,
      plan: '== Physical Plan ==\nAdaptiveSparkPlan (5)\n+- HashAggregate (4)\n   +- Exchange (3)',
      rows: 6,
      figures: { jobs: 2, stages: 3, tasks: 9, shuffleReadBytes: 361, shuffleWriteBytes: 361, spillBytes: 0 },
    },
  ],
  totals: { jobs: 2, stages: 3, tasks: 9, shuffleReadBytes: 361, shuffleWriteBytes: 361, spillBytes: 0 },
  current: null,
  error: null,
  ...overrides,
});

function writeRecord(stage: string, content: unknown): void {
  mkdirSync(join(runDir, 'spark'), { recursive: true });
  writeFileSync(
    join(runDir, 'spark', `${stage}.json`),
    typeof content === 'string' ? content : JSON.stringify(content),
  );
}

const savedEnv = { ...process.env };

beforeAll(() => {
  // A stand-in for the driver's JVM: a process whose command line names the driver's class.
  driverLike = spawn('sh', ['-c', 'sleep 60', 'PipelineLabSparkDriver'], { stdio: 'ignore' });
  mkdirSync(runDir, { recursive: true });
  const manifest: Manifest = {
    runId,
    seed: 1,
    config: {
      seed: 1,
      events: 1000,
      days: 2,
      faults: 'none',
      tier: 'embedded',
      startDate: '2025-08-24',
      partitions: 4,
      engine: 'spark',
    },
    tier: 'embedded',
    toolVersion: 'test',
    startedAt: '2025-08-24T00:00:00.000Z',
    finishedAt: '2025-08-24T00:01:00.000Z',
    status: 'succeeded',
    stages: stageNames.map((name) => ({
      name,
      status: 'succeeded',
      attempts: 1,
      inputRows: 0,
      outputRows: 0,
      rejectedRows: 0,
      rejectReasons: {},
      durationMs: 1,
      startedAt: null,
      finishedAt: null,
      error: null,
      outputs: [],
      metrics: {},
    })),
  };
  writeFileSync(join(runDir, 'manifest.json'), JSON.stringify(manifest));
  process.env.PIPELINE_LAB_RUNS_DIR = runsDir;
});

afterAll(() => {
  driverLike.kill();
  process.env = savedEnv;
  rmSync(root, { recursive: true, force: true });
});

describe('readSparkStage', () => {
  it('is null for a stage without a record (the DuckDB engine)', async () => {
    expect(await readSparkStage(runDir, 'dedupe')).toEqual({ spark: null });
  });

  it('links the Spark UI while the driver process lives', async () => {
    writeRecord('aggregate', record());
    const { spark } = await readSparkStage(runDir, 'aggregate');
    expect(spark?.uiLive).toBe(true);
    expect(spark?.statements[0]?.plan).toContain('HashAggregate');
    expect(spark?.totals.shuffleWriteBytes).toBe(361);
  });

  it('says the UI closed when the driver is gone, or when the pid is now another program', async () => {
    const gone = spawn('true');
    await new Promise((resolve) => gone.once('exit', resolve));
    writeRecord('aggregate', record({ driverPid: gone.pid! }));
    const dead = await readSparkStage(runDir, 'aggregate');
    expect(dead.spark?.uiLive).toBe(false);
    expect(dead.spark?.uiNote).toMatch(/closed with its driver/);
    writeRecord('aggregate', record({ driverPid: process.pid }));
    expect((await readSparkStage(runDir, 'aggregate')).spark?.uiLive).toBe(false);
  });

  it('never links a UI that is not on a loopback address', async () => {
    writeRecord('aggregate', record({ uiUrl: 'http://192.0.2.10:4040' }));
    const { spark } = await readSparkStage(runDir, 'aggregate');
    expect(spark?.uiLive).toBe(false);
    expect(spark?.uiNote).toMatch(/not on this machine's loopback address/);
  });

  it('reports a record that does not validate instead of showing part of it', async () => {
    writeRecord('model', '{"stage":"model",');
    expect(await readSparkStage(runDir, 'model')).toEqual({
      spark: null,
      sparkUnavailable: 'spark/model.json is not JSON.',
    });
    writeRecord('model', { ...record(), stage: 'model', totals: { jobs: -1 } });
    const invalid = await readSparkStage(runDir, 'model');
    expect(invalid.spark).toBeNull();
    expect(invalid.sparkUnavailable).toMatch(
      /^spark\/model\.json is not a Spark stage record of model: totals/,
    );
    writeRecord('quality', record());
    expect((await readSparkStage(runDir, 'quality')).sparkUnavailable).toMatch(/it is aggregate's/);
  });
});

describe('GET /api/runs/{runId}/stages/{stage}', () => {
  it("serves the stage's Spark record with the drawer's other details", async () => {
    writeRecord('aggregate', record());
    const { GET } = await import('@/app/api/runs/[runId]/stages/[stage]/route');
    const response = await GET(new Request(`http://127.0.0.1/api/runs/${runId}/stages/aggregate`), {
      params: Promise.resolve({ runId, stage: 'aggregate' }),
    });
    expect(response.status).toBe(200);
    const details = (await response.json()) as StageDetails;
    expect(details.spark?.statements.map((statement) => statement.table)).toEqual(['mart_funnel']);
    expect(details.spark?.uiLive).toBe(true);
    expect(details.spark?.uiUrl).toBe('http://127.0.0.1:4040');
  });
});
