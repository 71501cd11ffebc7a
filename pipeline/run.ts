import { mkdir } from 'node:fs/promises';
import { isPipelineError, PipelineError } from './contracts/errors';
import { engineOf, type Manifest, type RunConfig, type StageRecord } from './contracts/manifest';
import type { Services } from './contracts/services';
import type { Logger, StageDefinition, StageProgress, StageResult } from './contracts/stage';
import { stageCatalog, stageNames, type StageName } from './contracts/stages';
import type { Clock } from './core/clock';
import { collectGarbage } from './core/collect-garbage';
import { errnoCode, explainFsError } from './core/fs-errors';
import { readManifest, writeManifest } from './core/manifest-file';
import { removeStaleTemporaries } from './core/stale-temporaries';
import { createRandom } from './core/random';
import { lockRun } from './core/run-lock';
import { sparkVersion } from './engines/spark/version';

/** Stops what a run started beside the process (the Spark driver's JVM), for a caller about to exit. */
export { closeSharedSparkDriver as closeBatchEngines } from './engines/spark/spark-session';
import { stageDefinitions } from './stages/index';

/**
 * The DAG runner. Runs the stages in dependency order, each with a timeout and, for retriable PipelineErrors
 * (SERVICE_UNAVAILABLE, TIMEOUT…), retries with exponential back-off. Every transition is persisted to the run store
 * and to manifest.json, so a run killed mid-stage resumes from the last succeeded stage: succeeded stages are
 * skipped, the interrupted one starts again (stages are idempotent: they replace their outputs). `until` stops
 * after a stage; `only` is step mode (one stage, its dependencies must have succeeded).
 */
export const toolVersion = 'pipeline-lab 0.1.0';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RunPipelineOptions {
  runId: string;
  runDir: string;
  config: RunConfig;
  services: Services;
  clock: Clock;
  log: Logger;
  signal?: AbortSignal;
  stages?: readonly StageDefinition[];
  until?: StageName;
  only?: StageName;
  retry?: Partial<RetryPolicy>;
  /** Per-stage time limit (ms); default 30 minutes. */
  stageTimeoutMs?: number | Partial<Record<StageName, number>>;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  onProgress?: (stage: StageName, progress: StageProgress) => void;
  onStage?: (record: StageRecord, manifest: Manifest) => void;
}

const defaultRetry: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 10_000 };

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new PipelineError('CANCELLED', 'Run cancelled while waiting to retry.'));
      },
      { once: true },
    );
  });
}

export function emptyStageRecord(name: StageName): StageRecord {
  return {
    name,
    status: 'pending',
    attempts: 0,
    inputRows: 0,
    outputRows: 0,
    rejectedRows: 0,
    rejectReasons: {},
    durationMs: 0,
    startedAt: null,
    finishedAt: null,
    error: null,
    outputs: [],
    metrics: {},
  };
}

async function loadState(options: RunPipelineOptions): Promise<Manifest> {
  const existing = await readManifest(options.runDir);
  const iso = new Date(options.clock.now()).toISOString();
  if (existing) {
    if (JSON.stringify(existing.config) !== JSON.stringify(options.config)) {
      throw new PipelineError(
        'CONFLICT',
        `${options.runDir} holds a run with another config (${JSON.stringify(existing.config)}). Use a new --out directory.`,
      );
    }
    // Trust the run store only for this very run (a run id is a directory name; another directory may reuse it).
    const storedRun = await options.services.runs.getRun(existing.runId);
    const trusted = storedRun !== null && storedRun.createdAt === Date.parse(existing.startedAt);
    const stored = trusted ? await options.services.runs.getStages(existing.runId) : [];
    const stages = stageNames.map((name) => {
      const fromStore = stored.find((state) => state.stage === name)?.result as
        StageRecord | null | undefined;
      const record =
        fromStore ?? existing.stages.find((stage) => stage.name === name) ?? emptyStageRecord(name);
      // A stage still "running" in a manifest nobody holds the lock for was interrupted (crash, kill): run it again.
      return record.status === 'running'
        ? {
            ...record,
            status: 'failed' as const,
            error: { code: 'INTERRUPTED', message: 'the process stopped during this stage' },
          }
        : record;
    });
    // `step --engine` may run a stage on the other engine: the manifest says which engine ran last.
    const engine = engineOf(options.config);
    const { sparkVersion: _previous, ...rest } = existing;
    return {
      ...rest,
      config: { ...existing.config, engine },
      engine,
      ...(engine === 'spark' ? { sparkVersion } : {}),
      stages,
      status: 'running',
      finishedAt: null,
    };
  }
  // A new run: forget whatever an earlier run with the same id left in the store.
  await options.services.runs.deleteRun(options.runId);
  return {
    runId: options.runId,
    seed: options.config.seed,
    config: options.config,
    tier: options.config.tier,
    engine: engineOf(options.config),
    ...(engineOf(options.config) === 'spark' ? { sparkVersion } : {}),
    toolVersion,
    startedAt: iso,
    finishedAt: null,
    status: 'running',
    stages: stageNames.map(emptyStageRecord),
  };
}

export async function runPipeline(options: RunPipelineOptions): Promise<Manifest> {
  await mkdir(options.runDir, { recursive: true });
  const unlock = await lockRun(options.runDir);
  const signal = options.signal ?? new AbortController().signal;
  const definitions = options.stages ?? stageDefinitions;
  const retry = { ...defaultRetry, ...options.retry };
  const sleep = options.sleep ?? defaultSleep;
  const { services, clock } = options;
  try {
    const manifest = await loadState(options);
    // The run store is the record of truth (written first); manifest.json is its readable projection.
    const persist = async (record?: StageRecord) => {
      try {
        await services.runs.upsertRun({
          runId: manifest.runId,
          status: manifest.status,
          config: manifest.config,
          createdAt: Date.parse(manifest.startedAt),
          updatedAt: clock.now(),
        });
        if (record) {
          await services.runs.upsertStage({
            runId: manifest.runId,
            stage: record.name,
            status: record.status,
            attempts: record.attempts,
            startedAt: record.startedAt ? Date.parse(record.startedAt) : null,
            finishedAt: record.finishedAt ? Date.parse(record.finishedAt) : null,
            error: record.error ? `${record.error.code}: ${record.error.message}` : null,
            result: record as unknown as Record<string, unknown>,
          });
        }
        await writeManifest(options.runDir, manifest);
      } finally {
        // Watchers see the transition even when it could not be saved (a full disk): the state in memory is right.
        if (record) options.onStage?.(record, manifest);
      }
    };
    const recordOf = (name: StageName) => manifest.stages.find((stage) => stage.name === name)!;
    const missingFor = (name: StageName) =>
      stageCatalog
        .find((stage) => stage.name === name)!
        .dependsOn.filter((dependency) => recordOf(dependency).status !== 'succeeded');
    const refuse = (name: StageName, missing: StageName[]) =>
      new PipelineError(
        'CONFLICT',
        `Stage ${name} needs ${missing.join(', ')} to have succeeded first. Run: npm run pipeline -- step ${missing[0]} --run ${options.runDir}`,
      );
    // A step that cannot run is refused before anything is written: the run stays as it was.
    if (options.only && missingFor(options.only).length > 0)
      throw refuse(options.only, missingFor(options.only));
    // Temporary files of a process that was killed mid-write are nobody's now (this process holds the run lock).
    await removeStaleTemporaries(options.runDir);
    await persist();
    const targets = options.only
      ? [options.only]
      : stageNames.slice(0, stageNames.indexOf(options.until ?? 'quality') + 1);

    for (const name of targets) {
      const record = recordOf(name);
      if (record.status === 'succeeded' && !options.only) {
        options.log.log('info', `${name}: already succeeded, skipped (resume)`, { stage: name });
        continue;
      }
      const missing = missingFor(name);
      if (missing.length > 0) throw refuse(name, missing);
      const definition = definitions.find((stage) => stage.name === name);
      if (!definition) throw new PipelineError('INTERNAL', `No implementation registered for stage ${name}.`);
      const previousOutputs = JSON.stringify(record.outputs);
      await runStage(definition, record, manifest, { ...options, signal }, retry, sleep, persist);
      if (options.only && previousOutputs !== JSON.stringify(record.outputs)) {
        // Step mode changed this stage's outputs: whatever was built from the old ones is stale.
        for (const later of stageNames.slice(stageNames.indexOf(name) + 1)) {
          const downstream = recordOf(later);
          if (downstream.status === 'succeeded') Object.assign(downstream, { status: 'pending' as const });
        }
      }
    }
    const done = manifest.stages.every((stage) => stage.status === 'succeeded');
    manifest.status = done ? 'succeeded' : 'pending';
    manifest.finishedAt = done ? new Date(clock.now()).toISOString() : null;
    await persist();
    return manifest;
  } finally {
    await unlock();
  }
}

async function runStage(
  definition: StageDefinition,
  record: StageRecord,
  manifest: Manifest,
  options: RunPipelineOptions & { signal: AbortSignal },
  retry: RetryPolicy,
  sleep: (ms: number, signal: AbortSignal) => Promise<void>,
  persist: (record?: StageRecord) => Promise<void>,
): Promise<void> {
  const { clock } = options;
  const name = definition.name;
  const log = options.log.child(name);
  const limit =
    typeof options.stageTimeoutMs === 'number'
      ? options.stageTimeoutMs
      : (options.stageTimeoutMs?.[name] ?? 30 * 60_000);
  for (let attempt = 1; ; attempt++) {
    const started = clock.monotonic();
    Object.assign(record, {
      status: 'running',
      attempts: record.attempts + 1,
      startedAt: new Date(clock.now()).toISOString(),
      finishedAt: null,
      error: null,
    });
    const controller = new AbortController();
    // Cancelling settles the stage at once: a stage waiting on a client (kafkajs retrying a broker that is gone)
    // would otherwise hold Ctrl+C for as long as those retries last. What it still runs stops with the services.
    let cancelStage: (error: PipelineError) => void = () => undefined;
    const cancelled = new Promise<never>((_resolve, reject) => (cancelStage = reject));
    cancelled.catch(() => undefined);
    const abort = () => {
      controller.abort();
      cancelStage(new PipelineError('CANCELLED', `Run cancelled during stage ${name}.`));
    };
    options.signal.addEventListener('abort', abort, { once: true });
    if (options.signal.aborted) abort();
    let timer: NodeJS.Timeout | undefined;
    try {
      await persist(record);
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(
            new PipelineError('TIMEOUT', `Stage ${name} took longer than its limit of ${limit} ms.`, {
              retriable: true,
            }),
          );
        }, limit);
      });
      const result: StageResult = await Promise.race([
        definition.run({
          runId: manifest.runId,
          runDir: options.runDir,
          config: manifest.config,
          services: options.services,
          clock,
          random: createRandom(manifest.config.seed).fork(name),
          log: options.log,
          signal: controller.signal,
          progress: (progress) => options.onProgress?.(name, progress),
        }),
        timeout,
        cancelled,
      ]);
      Object.assign(record, {
        ...result,
        status: 'succeeded',
        durationMs: Math.round(clock.monotonic() - started),
        finishedAt: new Date(clock.now()).toISOString(),
        error: null,
      });
      // Free what the stage left behind before the next one allocates (see collect-garbage.ts); not timed.
      collectGarbage();
      await persist(record);
      log.log('info', `${name} succeeded`, {
        attempt,
        durationMs: record.durationMs,
        outputRows: result.outputRows,
        rejectedRows: result.rejectedRows,
      });
      return;
    } catch (error) {
      const failure = isPipelineError(error)
        ? error
        : (fileSystemFailure(name, error, options.runDir) ??
          new PipelineError(
            'INTERNAL',
            `Stage ${name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          ));
      const cancelled = options.signal.aborted;
      const finalError = cancelled
        ? new PipelineError('CANCELLED', `Run cancelled during stage ${name}.`, { cause: error })
        : failure;
      Object.assign(record, {
        status: 'failed',
        durationMs: Math.round(clock.monotonic() - started),
        finishedAt: new Date(clock.now()).toISOString(),
        error: { code: finalError.code, message: finalError.message },
      });
      if (!cancelled && failure.retriable && attempt < retry.maxAttempts) {
        const delay = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
        log.log(
          'warn',
          `${name} failed (attempt ${attempt} of ${retry.maxAttempts}), retrying in ${delay} ms`,
          { code: failure.code, message: failure.message },
        );
        const unsaved = await persistFailure(persist, record);
        if (!unsaved) {
          await sleep(delay, options.signal);
          continue;
        }
        // Without a saved state a retry would run blind: stop here, with the stage's error first.
        manifest.status = 'failed';
        manifest.finishedAt = new Date(clock.now()).toISOString();
        throw withUnsavedState(finalError, unsaved);
      }
      manifest.status = cancelled ? 'cancelled' : 'failed';
      manifest.finishedAt = new Date(clock.now()).toISOString();
      const unsaved = await persistFailure(persist, record);
      log.log('error', `${name} failed`, {
        code: finalError.code,
        message: finalError.message,
        attempts: record.attempts,
      });
      throw withUnsavedState(finalError, unsaved);
    } finally {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', abort);
    }
  }
}

/** A file-system error a stage did not wrap (a full disk under the event log) is the machine's, not a bug. */
const machineErrnoCodes = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EMFILE', 'ENFILE']);
function fileSystemFailure(name: StageName, error: unknown, runDir: string): PipelineError | null {
  if (!machineErrnoCodes.has(errnoCode(error) ?? '')) return null;
  const path = (error as NodeJS.ErrnoException | null)?.path;
  const explained = explainFsError(error, typeof path === 'string' ? path : runDir);
  return explained
    ? new PipelineError('IO_ERROR', `Stage ${name} failed: ${explained}.`, { cause: error })
    : null;
}

/** Saves a failed stage; returns the error that kept it from being saved instead of throwing it over the stage's own. */
async function persistFailure(
  persist: (record?: StageRecord) => Promise<void>,
  record: StageRecord,
): Promise<PipelineError | null> {
  try {
    await persist(record);
    return null;
  } catch (error) {
    return isPipelineError(error)
      ? error
      : new PipelineError(
          'IO_ERROR',
          `Could not save the run's state: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
  }
}

/** The stage's error, telling also that its failure could not be saved (unless that is the same error). */
function withUnsavedState(error: PipelineError, unsaved: PipelineError | null): PipelineError {
  if (!unsaved || unsaved.message === error.message) return error;
  return new PipelineError(
    error.code,
    `${error.message} The failure could not be saved either: ${unsaved.message}`,
    { cause: error, details: error.details },
  );
}
