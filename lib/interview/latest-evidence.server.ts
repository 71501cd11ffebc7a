import 'server-only';
import { listRuns, readManifest } from '@/lib/runs/registry.server';
import { buildEvidence, type Evidence } from './evidence';

/** Evidence from the learner's newest succeeded run, with its id; null before the first run. */
export async function latestEvidence(): Promise<{ runId: string; evidence: Evidence } | null> {
  const { runs } = await listRuns();
  const newest = runs.find((run) => run.status === 'succeeded');
  if (!newest) return null;
  return { runId: newest.runId, evidence: buildEvidence(await readManifest(newest.runId)) };
}
