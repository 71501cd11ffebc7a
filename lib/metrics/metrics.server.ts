import 'server-only';
import { listRuns, readManifest } from '@/lib/runs/registry.server';
import type { Manifest } from '@/pipeline/contracts/manifest';
import { buildPipelineMetrics } from './pipeline-metrics';

/** The Prometheus text exposition of every run on disk (the compose Prometheus scrapes /api/metrics). */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { runs } = await listRuns();
  const manifests: Manifest[] = [];
  for (const run of runs) manifests.push(await readManifest(run.runId));
  const registry = buildPipelineMetrics(manifests);
  return { body: await registry.metrics(), contentType: registry.contentType };
}
