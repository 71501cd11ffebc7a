import { Gauge, type Registry } from 'prom-client';
import type { Manifest } from '@/pipeline/contracts/manifest';
import { entityReconciliation, quarantineFigures } from '@/pipeline/contracts/run-figures';
import { stageNames } from '@/pipeline/contracts/stages';

const finished = new Set<Manifest['status']>(['succeeded', 'failed']);

/**
 * Gauges describing the newest finished run, the series the alert rules (infra/prometheus/alerts.yml) watch.
 * They carry `run_id`, so a new run starts a new series and an alert's `for:` counts from that run. A run still in
 * progress is left out: its figures are partial.
 */
export function registerLatestRunMetrics(registry: Registry, manifests: readonly Manifest[]): void {
  const rejectRatio = new Gauge({
    name: 'pipeline_latest_run_reject_ratio',
    help: 'Share of the newest finished run’s generated records that a stage rejected (dead-lettered or quarantined).',
    labelNames: ['run_id', 'faults', 'tier'] as const,
    registers: [registry],
  });
  const stageFailed = new Gauge({
    name: 'pipeline_latest_run_stage_failed',
    help: '1 when the stage failed in the newest finished run, else 0.',
    labelNames: ['run_id', 'stage', 'tier'] as const,
    registers: [registry],
  });
  const reconciliationHolds = new Gauge({
    name: 'pipeline_latest_reconciliation_holds',
    help: '1 when every generated record of the entity ended in exactly one place in the newest reconciled run, else 0.',
    labelNames: ['run_id', 'entity'] as const,
    registers: [registry],
  });
  const lastIngest = new Gauge({
    name: 'pipeline_last_ingest_timestamp_seconds',
    help: 'When the ingest stage last finished landing records (Unix seconds), over every run on disk.',
    registers: [registry],
  });

  const newestFirst = [...manifests].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const latest = newestFirst.find((manifest) => finished.has(manifest.status));
  if (latest) {
    const generated = latest.stages.find((stage) => stage.name === 'generate');
    if (generated?.status === 'succeeded' && generated.outputRows > 0) {
      rejectRatio.set(
        { run_id: latest.runId, faults: latest.config.faults, tier: latest.tier },
        quarantineFigures(latest).total / generated.outputRows,
      );
    }
    for (const stage of stageNames) {
      const record = latest.stages.find((candidate) => candidate.name === stage);
      stageFailed.set(
        { run_id: latest.runId, stage, tier: latest.tier },
        record?.status === 'failed' ? 1 : 0,
      );
    }
  }
  for (const manifest of newestFirst) {
    const rows = entityReconciliation(manifest);
    if (!rows) continue;
    for (const row of rows)
      reconciliationHolds.set({ run_id: manifest.runId, entity: row.entity }, row.holds ? 1 : 0);
    break;
  }
  const ingestTimes = manifests.flatMap((manifest) =>
    manifest.stages
      .filter((stage) => stage.name === 'ingest' && stage.status === 'succeeded' && stage.finishedAt)
      .map((stage) => Date.parse(stage.finishedAt ?? '')),
  );
  const newestIngest = Math.max(...ingestTimes.filter(Number.isFinite));
  if (Number.isFinite(newestIngest)) lastIngest.set(newestIngest / 1000);
}
