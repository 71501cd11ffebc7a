import { Counter, Gauge, Registry } from 'prom-client';
import type { Manifest } from '@/pipeline/contracts/manifest';
import { registerLatestRunMetrics } from './latest-run-metrics';

/**
 * Prometheus metrics derived from run manifests. Rebuilt on every scrape from what is on disk, so the figures
 * survive a server restart and a run started from the CLI shows up as well as one started from the browser.
 * Metric names are the ones infra/grafana/dashboards/pipeline-lab.json and infra/prometheus/alerts.yml query.
 */
export function buildPipelineMetrics(manifests: readonly Manifest[]): Registry {
  const registry = new Registry();
  const records = new Counter({
    name: 'pipeline_stage_records_total',
    help: 'Rows that entered (in), left (out) or were rejected by a stage, summed over runs.',
    labelNames: ['stage', 'direction', 'tier'] as const,
    registers: [registry],
  });
  const rejects = new Counter({
    name: 'pipeline_rejects_total',
    help: 'Rejected records by stage and reason code, summed over runs.',
    labelNames: ['stage', 'reason', 'tier'] as const,
    registers: [registry],
  });
  const duration = new Gauge({
    name: 'pipeline_stage_duration_seconds',
    help: 'Duration of each stage in the latest run that ran it.',
    labelNames: ['stage', 'tier'] as const,
    registers: [registry],
  });
  const runs = new Gauge({
    name: 'pipeline_runs_total',
    help: 'Runs on disk by status.',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const lag = new Gauge({
    name: 'pipeline_consumer_lag',
    help: 'Consumer lag per partition at the end of the latest run that recorded it.',
    labelNames: ['group', 'topic', 'partition'] as const,
    registers: [registry],
  });

  const byStatus = new Map<string, number>();
  const newestFirst = [...manifests].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const durationSeen = new Set<string>();
  let lagRecorded = false;
  for (const manifest of newestFirst) {
    byStatus.set(manifest.status, (byStatus.get(manifest.status) ?? 0) + 1);
    for (const stage of manifest.stages) {
      const labels = { stage: stage.name, tier: manifest.tier };
      records.inc({ ...labels, direction: 'in' }, stage.inputRows);
      records.inc({ ...labels, direction: 'out' }, stage.outputRows);
      records.inc({ ...labels, direction: 'rejected' }, stage.rejectedRows);
      for (const [reason, count] of Object.entries(stage.rejectReasons))
        rejects.inc({ ...labels, reason }, count);
      const key = `${stage.name}/${manifest.tier}`;
      if (stage.status === 'succeeded' && !durationSeen.has(key)) {
        durationSeen.add(key);
        duration.set(labels, stage.durationMs / 1000);
      }
      if (!lagRecorded) lagRecorded = recordLag(lag, stage.metrics);
    }
  }
  for (const [status, count] of byStatus) runs.set({ status }, count);
  registerLatestRunMetrics(registry, manifests);
  return registry;
}

interface LagSample {
  group: string;
  topic: string;
  partition: number;
  lag: number;
}

function isLagSample(value: unknown): value is LagSample {
  if (typeof value !== 'object' || value === null) return false;
  const sample = value as Record<string, unknown>;
  return (
    typeof sample.group === 'string' &&
    typeof sample.topic === 'string' &&
    typeof sample.partition === 'number' &&
    typeof sample.lag === 'number'
  );
}

/** The ingest stage may record `finalLag: [{group, topic, partition, lag}]` in its metrics. */
function recordLag(lag: Gauge<'group' | 'topic' | 'partition'>, metrics: Record<string, unknown>): boolean {
  const samples = metrics.finalLag;
  if (!Array.isArray(samples)) return false;
  const valid = samples.filter(isLagSample);
  for (const sample of valid)
    lag.set({ group: sample.group, topic: sample.topic, partition: String(sample.partition) }, sample.lag);
  return valid.length > 0;
}
