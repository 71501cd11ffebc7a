import 'server-only';
import { PipelineError } from '@/pipeline/contracts/errors';
import type { StageName } from '@/pipeline/contracts/stages';
import type { StageDetails, StreamingState } from './inspect-types';
import { readWhenIdle } from './launcher.server';
import { readManifest, runDirectory } from './registry.server';
import { collectStageDetails } from './stage-details.server';
import { collectStreamingState } from './streaming-state.server';

/** The stage drawer's details of one stage of a run (GET /api/runs/{runId}/stages/{stage}). */
export async function stageDetailsForRun(runId: string, stage: StageName): Promise<StageDetails> {
  const manifest = await readManifest(runId);
  const record = manifest.stages.find((item) => item.name === stage);
  if (!record) throw new PipelineError('NOT_FOUND', `Run "${runId}" has no stage "${stage}".`);
  const runDir = runDirectory(runId);
  return readWhenIdle(runId, (tablesReadable) => collectStageDetails(runDir, record, { tablesReadable }));
}

/** The streaming view of a run (GET /api/runs/{runId}/streaming), polled while the run is running. */
export async function streamingStateForRun(runId: string): Promise<StreamingState> {
  await readManifest(runId);
  const runDir = runDirectory(runId);
  return readWhenIdle(runId, (tablesReadable) => collectStreamingState(runDir, { tablesReadable }));
}
