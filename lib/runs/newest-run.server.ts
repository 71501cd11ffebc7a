import 'server-only';
import type { Manifest } from '@/pipeline/contracts/manifest';
import { listRuns, readManifest } from './registry.server';

/** The learner's newest succeeded run: the one the home page and model answers quote. Null before the first. */
export async function newestSucceededRun(): Promise<Manifest | null> {
  const { runs } = await listRuns();
  const newest = runs.find((run) => run.status === 'succeeded');
  return newest ? readManifest(newest.runId) : null;
}
