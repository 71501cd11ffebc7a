import 'server-only';
import { newestSucceededRun } from '@/lib/runs/newest-run.server';
import { buildEvidence, type Evidence } from './evidence';

/** Evidence from the learner's newest succeeded run, with its id; null before the first run. */
export async function latestEvidence(): Promise<{ runId: string; evidence: Evidence } | null> {
  const manifest = await newestSucceededRun();
  return manifest ? { runId: manifest.runId, evidence: buildEvidence(manifest) } : null;
}
