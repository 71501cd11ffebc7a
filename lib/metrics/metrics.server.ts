import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { listRuns, readManifest, runDirectory } from '@/lib/runs/registry.server';
import { liveLagFileName, liveLagSchema, type ConsumerLagSample } from '@/pipeline/contracts/consumer-lag';
import type { Manifest } from '@/pipeline/contracts/manifest';
import { buildPipelineMetrics } from './pipeline-metrics';

/** The Prometheus text exposition of every run on disk (the compose Prometheus scrapes /api/metrics). */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { runs } = await listRuns();
  const manifests: Manifest[] = [];
  for (const run of runs) manifests.push(await readManifest(run.runId));
  const liveLag = new Map<string, ConsumerLagSample[]>();
  for (const manifest of manifests) {
    const samples = await ingestLagNow(manifest);
    if (samples) liveLag.set(manifest.runId, samples);
  }
  const registry = buildPipelineMetrics(manifests, liveLag);
  return { body: await registry.metrics(), contentType: registry.contentType };
}

/**
 * The lag a run's ingest reported last, while that ingest runs (its stage record says running). A file that is
 * missing or unreadable gives no figure rather than a failed scrape: the other metrics still matter.
 */
async function ingestLagNow(manifest: Manifest): Promise<ConsumerLagSample[] | null> {
  if (manifest.status !== 'running') return null;
  if (manifest.stages.find((stage) => stage.name === 'ingest')?.status !== 'running') return null;
  try {
    const text = await readFile(path.join(runDirectory(manifest.runId), liveLagFileName), 'utf8');
    const parsed = liveLagSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.samples : null;
  } catch {
    return null;
  }
}
