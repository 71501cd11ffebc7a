import { describe, expect, it } from 'vitest';
import type { Manifest, StageRecord } from '@/pipeline/contracts/manifest';
import { buildPipelineMetrics } from './pipeline-metrics';

function stage(name: StageRecord['name'], overrides: Partial<StageRecord> = {}): StageRecord {
  return {
    name,
    status: 'succeeded',
    attempts: 1,
    inputRows: 100,
    outputRows: 90,
    rejectedRows: 10,
    rejectReasons: { ORPHAN_KEY: 6, OUT_OF_RANGE: 4 },
    durationMs: 1500,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.500Z',
    error: null,
    outputs: [],
    metrics: {},
    ...overrides,
  };
}

function manifest(runId: string, startedAt: string, stages: StageRecord[]): Manifest {
  return {
    runId,
    seed: 1,
    config: {
      seed: 1,
      events: 100,
      days: 1,
      faults: 'realistic',
      tier: 'embedded',
      startDate: '2025-08-24',
      partitions: 3,
    },
    tier: 'embedded',
    toolVersion: '0.1.0',
    startedAt,
    finishedAt: null,
    status: 'succeeded',
    stages,
  };
}

describe('Prometheus metrics from manifests', () => {
  it('sums records and rejects over runs and keeps the latest duration', async () => {
    const older = manifest('a', '2026-01-01T00:00:00.000Z', [stage('validate', { durationMs: 9000 })]);
    const newer = manifest('b', '2026-01-02T00:00:00.000Z', [
      stage('validate', { durationMs: 2000 }),
      stage('ingest', {
        rejectedRows: 0,
        rejectReasons: {},
        metrics: { finalLag: [{ group: 'ingest-raw', topic: 'events', partition: 2, lag: 7 }] },
      }),
    ]);
    const text = await buildPipelineMetrics([older, newer]).metrics();
    expect(text).toContain(
      'pipeline_stage_records_total{stage="validate",tier="embedded",direction="in"} 200',
    );
    expect(text).toContain('pipeline_rejects_total{stage="validate",tier="embedded",reason="ORPHAN_KEY"} 12');
    expect(text).toContain('pipeline_stage_duration_seconds{stage="validate",tier="embedded"} 2');
    expect(text).toContain('pipeline_runs_total{status="succeeded"} 2');
    expect(text).toContain(
      'pipeline_consumer_lag{run_id="b",group="ingest-raw",topic="events",partition="2"} 7',
    );
  });

  it('exports a running ingest’s live lag beside the final lag of the newest finished run', async () => {
    const finished = manifest('done', '2026-01-01T00:00:00.000Z', [
      stage('ingest', {
        metrics: { finalLag: [{ group: 'ingest-raw', topic: 'events', partition: 0, lag: 0 }] },
      }),
    ]);
    const running = {
      ...manifest('live', '2026-01-02T00:00:00.000Z', [stage('ingest', { status: 'running' })]),
      status: 'running' as const,
    };
    const live = new Map([
      [
        'live',
        [
          { group: 'ingest-raw', topic: 'events', partition: 0, lag: 1200 },
          { group: 'ingest-raw', topic: 'events', partition: 1, lag: 0 },
        ],
      ],
    ]);
    const text = await buildPipelineMetrics([finished, running], live).metrics();
    expect(text).toContain(
      'pipeline_consumer_lag{run_id="live",group="ingest-raw",topic="events",partition="0"} 1200',
    );
    expect(text).toContain(
      'pipeline_consumer_lag{run_id="live",group="ingest-raw",topic="events",partition="1"} 0',
    );
    expect(text).toContain(
      'pipeline_consumer_lag{run_id="done",group="ingest-raw",topic="events",partition="0"} 0',
    );
    // Without a live figure the running run has no lag series (its manifest has no final lag yet).
    expect(await buildPipelineMetrics([finished, running]).metrics()).not.toContain('run_id="live"');
  });

  it('exposes valid, empty metrics when there are no runs', async () => {
    const text = await buildPipelineMetrics([]).metrics();
    expect(text).toContain('# TYPE pipeline_stage_records_total counter');
    expect(text).not.toMatch(/pipeline_runs_total\{/);
  });

  it('describes the newest finished run for the alert rules, skipping one still running', async () => {
    const failedAt = '2026-01-02T00:00:05.000Z';
    const older = manifest('old', '2026-01-01T00:00:00.000Z', [
      stage('generate', { inputRows: 0, outputRows: 1000, rejectedRows: 0, rejectReasons: {} }),
      stage('ingest', { finishedAt: '2026-01-01T00:00:03.000Z', rejectedRows: 0, rejectReasons: {} }),
      stage('quality', {
        metrics: {
          reconciliation: [
            {
              entity: 'events',
              generated: 10,
              deadLettered: 0,
              landed: 9,
              quarantined: 0,
              duplicatesRemoved: 0,
              accepted: 9,
              holds: false,
            },
          ],
        },
      }),
    ]);
    const newest = manifest('new', '2026-01-02T00:00:00.000Z', [
      stage('generate', { inputRows: 0, outputRows: 1000, rejectedRows: 0, rejectReasons: {} }),
      stage('ingest', { finishedAt: failedAt, rejectedRows: 30, rejectReasons: { MALFORMED: 30 } }),
      stage('validate', { status: 'failed', rejectedRows: 0, rejectReasons: {} }),
    ]);
    newest.status = 'failed';
    const running = {
      ...manifest('live', '2026-01-03T00:00:00.000Z', [stage('generate')]),
      status: 'running' as const,
    };
    const text = await buildPipelineMetrics([older, newest, running]).metrics();
    expect(text).toContain(
      'pipeline_latest_run_reject_ratio{run_id="new",faults="realistic",tier="embedded"} 0.03',
    );
    expect(text).toContain(
      'pipeline_latest_run_stage_failed{run_id="new",stage="validate",tier="embedded"} 1',
    );
    expect(text).toContain('pipeline_latest_run_stage_failed{run_id="new",stage="ingest",tier="embedded"} 0');
    expect(text).not.toContain('run_id="live"');
    expect(text).toContain('pipeline_latest_reconciliation_holds{run_id="old",entity="events"} 0');
    expect(text).toContain(`pipeline_last_ingest_timestamp_seconds ${Date.parse(failedAt) / 1000}`);
  });
});
