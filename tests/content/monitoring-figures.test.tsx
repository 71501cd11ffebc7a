import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import { AlertRules } from '@/components/mdx/alert-rules';
import type { Manifest, StageRecord } from '@/pipeline/contracts/manifest';

const runsDir = mkdtempSync(join(tmpdir(), 'monitoring-lesson-'));
process.env.PIPELINE_LAB_RUNS_DIR = runsDir;
afterAll(() => rmSync(runsDir, { recursive: true, force: true }));

function stage(name: StageRecord['name'], overrides: Partial<StageRecord> = {}): StageRecord {
  return {
    name,
    status: 'succeeded',
    attempts: 1,
    inputRows: 1000,
    outputRows: 1000,
    rejectedRows: 0,
    rejectReasons: {},
    durationMs: 100,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    error: null,
    outputs: [],
    metrics: {},
    ...overrides,
  };
}

function writeRun(runId: string, startedAt: string, status: Manifest['status'], stages: StageRecord[]): void {
  const manifest: Manifest = {
    runId,
    seed: 42,
    config: {
      seed: 42,
      events: 1000,
      days: 1,
      faults: 'chaos',
      tier: 'embedded',
      startDate: '2025-08-24',
      partitions: 2,
    },
    tier: 'embedded',
    toolVersion: 'test',
    startedAt,
    finishedAt: null,
    status,
    stages,
  };
  mkdirSync(join(runsDir, runId));
  writeFileSync(join(runsDir, runId, 'manifest.json'), JSON.stringify(manifest));
}

describe('the monitoring lesson’s figures', () => {
  it('say so when there is no finished run yet', () => {
    const html = renderToStaticMarkup(<AlertRules run={null} />);
    expect(html).toContain('PipelineRejectRateHigh');
    expect(html).toContain('appear here after your first finished run');
    expect(html).toContain('docker compose --profile monitoring up -d');
  });

  it('judge the newest finished run by the alert rules, from the lines /api/metrics serves', async () => {
    writeRun('chaos-run', '2026-01-01T00:00:00.000Z', 'failed', [
      stage('generate', { inputRows: 0 }),
      stage('ingest', { rejectedRows: 40, rejectReasons: { MALFORMED: 40 } }),
      stage('validate', { status: 'failed', error: { code: 'INTERNAL', message: 'boom' } }),
    ]);
    writeRun('live-run', '2026-01-02T00:00:00.000Z', 'running', [stage('generate', { status: 'running' })]);
    const { latestMonitoring } = await import('@/lib/content/monitoring.server');
    const figures = await latestMonitoring();
    expect(figures).toMatchObject({
      runId: 'chaos-run',
      rejectRatio: 0.04,
      failedStages: ['validate'],
      brokenReconciliation: null,
    });
    expect(figures?.exposition).toContain(
      'pipeline_latest_run_reject_ratio{run_id="chaos-run",faults="chaos",tier="embedded"} 0.04',
    );
    const html = renderToStaticMarkup(<AlertRules run={figures ?? null} />);
    expect(html).toContain('4.00 %');
    expect(html).toContain('PipelineStageFailed (validate); PipelineRejectRateHigh');
  });
});
