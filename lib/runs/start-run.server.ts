import 'server-only';
import { randomBytes } from 'node:crypto';
import { PipelineError } from '@/pipeline/contracts/errors';
import { defaultStartDate, type RunConfig } from '@/pipeline/contracts/manifest';
import { assertTierReachable } from '@/pipeline/services/create-services';
import { env } from '@/lib/env';
import { sparkAvailability } from '@/pipeline/spark';
import { launch } from './launcher.server';
import { readManifest } from './registry.server';
import type { RunRequest } from './run-request';
import { stepTargetSchema } from './step-target';

/**
 * A readable, unique run id: web-<seed>-<profile>-<base36 time>-<4 hex>. The random tail keeps two starts in the
 * same millisecond apart.
 */
function newRunId(request: RunRequest): string {
  return `web-${request.seed}-${request.faults}-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
}

/**
 * A services-tier run is only queued when its services answer: otherwise the request fails at once (503) with
 * the doctor's one-line reason, instead of a run that waits out the clients' retries with nothing on the page.
 */
function ensureReachable(config: RunConfig): Promise<void> {
  return assertTierReachable(config.tier);
}

export async function startRun(request: RunRequest): Promise<{ runId: string; position: number }> {
  const config: RunConfig = {
    seed: request.seed,
    events: request.events,
    days: request.days,
    faults: request.faults,
    tier: request.tier ?? env().tier,
    startDate: defaultStartDate,
    partitions: 4,
    engine: request.engine,
  };
  await ensureReachable(config);
  if (request.engine === 'spark') {
    const spark = await sparkAvailability();
    if (!spark.available)
      throw new PipelineError('SERVICE_UNAVAILABLE', spark.reason ?? 'Spark cannot run here.');
  }
  const runId = newRunId(request);
  const position = await launch({ runId, config, until: request.stepMode ? 'generate' : undefined });
  return { runId, position };
}

/** Step mode and retry: run one stage of an existing run (its dependencies must have succeeded). */
export async function startStage(runId: string, stage: string): Promise<{ position: number }> {
  const parsed = stepTargetSchema.safeParse(stage);
  if (!parsed.success) throw new PipelineError('INVALID_ARGUMENT', `Unknown stage "${stage.slice(0, 40)}".`);
  const manifest = await readManifest(runId);
  await ensureReachable(manifest.config);
  const position = await launch({ runId, config: manifest.config, only: parsed.data });
  return { position };
}

/** Resume after a restart or a failure: run every stage that has not succeeded, in order. */
export async function resumeRun(runId: string): Promise<{ position: number }> {
  const manifest = await readManifest(runId);
  await ensureReachable(manifest.config);
  return { position: await launch({ runId, config: manifest.config }) };
}
