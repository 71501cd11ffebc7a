import 'server-only';
import { isPipelineError, PipelineError } from '@/pipeline/contracts/errors';
import type { StageName } from '@/pipeline/contracts/stages';
import type { StageDetails, StreamingState } from './inspect-types';
import { readWhenIdle } from './launcher.server';
import { readManifest, runDirectory } from './registry.server';
import { stageSampleSources } from './sample-sources';
import { collectStageDetails } from './stage-details.server';
import { withRunServices } from './run-services.server';
import { collectStreamingState, unavailableStreamingState } from './streaming-state.server';

/** Why a run's services cannot be read, in one line (the services tier's systems are down or unreachable). */
function unreachable(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `The run's services do not answer: ${message.slice(0, 300)}`;
}

/** The stage drawer's details of one stage of a run (GET /api/runs/{runId}/stages/{stage}). */
export async function stageDetailsForRun(runId: string, stage: StageName): Promise<StageDetails> {
  const manifest = await readManifest(runId);
  const record = manifest.stages.find((item) => item.name === stage);
  if (!record) throw new PipelineError('NOT_FOUND', `Run "${runId}" has no stage "${stage}".`);
  const runDir = runDirectory(runId);
  return readWhenIdle(runId, async (tablesReadable) => {
    // Only the topic samples need the services: a stage drawer without them still shows files and tables.
    if (!stageReadsTopics(stage))
      return collectStageDetails(runDir, record, {
        tablesReadable,
        log: 'No topic is sampled for this stage.',
      });
    try {
      return await withRunServices(runDir, manifest.config.tier, (reader) =>
        collectStageDetails(runDir, record, { tablesReadable, log: reader.log }),
      );
    } catch (error) {
      if (isPipelineError(error) && error.code !== 'SERVICE_UNAVAILABLE' && error.code !== 'TIMEOUT')
        throw error;
      return collectStageDetails(runDir, record, { tablesReadable, log: unreachable(error) });
    }
  });
}

function stageReadsTopics(stage: StageName): boolean {
  const sources = stageSampleSources[stage];
  return [...sources.inputs, ...sources.outputs].some((source) => source.kind === 'topic');
}

/** The streaming view of a run (GET /api/runs/{runId}/streaming), polled while the run is running. */
export async function streamingStateForRun(runId: string): Promise<StreamingState> {
  const manifest = await readManifest(runId);
  const runDir = runDirectory(runId);
  const tier = manifest.config.tier;
  return readWhenIdle(runId, async (tablesReadable) => {
    try {
      return await withRunServices(runDir, tier, (reader) =>
        collectStreamingState(reader, runDir, { tablesReadable }),
      );
    } catch (error) {
      if (tier === 'embedded') throw error;
      return unavailableStreamingState(tier, unreachable(error));
    }
  });
}
