import { Counter, Gauge, Registry } from 'prom-client';
import { consumerLagSampleSchema, type ConsumerLagSample } from '@/pipeline/contracts/consumer-lag';
import type { Manifest } from '@/pipeline/contracts/manifest';
import { registerLatestRunMetrics } from './latest-run-metrics';

/**
 * Prometheus metrics derived from run manifests. Rebuilt on every scrape from what is on disk, so the figures
 * survive a server restart and a run started from the CLI shows up as well as one started from the browser.
 * Metric names are the ones infra/grafana/dashboards/pipeline-lab.json and infra/prometheus/alerts.yml query.
 * `liveLag` holds, per run id, the consumer lag a run's ingest is reporting now (its consumer-lag.json), for runs
 * whose ingest is running.
 */
export function buildPipelineMetrics(
  manifests: readonly Manifest[],
  liveLag: ReadonlyMap<string, readonly ConsumerLagSample[]> = new Map(),
): Registry {
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
    help: 'Consumer lag per partition: live for each run whose ingest is running, else at the end of the latest run that recorded it.',
    labelNames: ['run_id', 'group', 'topic', 'partition'] as const,
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
      if (!lagRecorded && stage.status === 'succeeded')
        lagRecorded = recordLag(lag, manifest.runId, stage.metrics.finalLag);
    }
  }
  for (const [runId, samples] of liveLag) recordLag(lag, runId, samples);
  for (const [status, count] of byStatus) runs.set({ status }, count);
  registerLatestRunMetrics(registry, manifests);
  return registry;
}

/** Sets the gauge from `samples` (an ingest stage's `finalLag`, or a running ingest's live lag). */
function recordLag(
  lag: Gauge<'run_id' | 'group' | 'topic' | 'partition'>,
  runId: string,
  samples: unknown,
): boolean {
  if (!Array.isArray(samples)) return false;
  let recorded = false;
  for (const candidate of samples) {
    const sample = consumerLagSampleSchema.safeParse(candidate);
    if (!sample.success) continue;
    const { group, topic, partition } = sample.data;
    lag.set({ run_id: runId, group, topic, partition: String(partition) }, sample.data.lag);
    recorded = true;
  }
  return recorded;
}
