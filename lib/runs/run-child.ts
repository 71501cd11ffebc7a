/**
 * The process a web-console run executes in (spawned by launcher.server.ts with `node --import tsx`), so DuckDB
 * and the stages never block the Next server's event loop. It loads the pipeline first and then waits for one job
 * on stdin (the launcher keeps one such warm child ready, so a run starts without paying the import cost), runs it
 * with the DAG runner and writes JSON lines to stdout: log records, throttled progress, stage transitions, done.
 *
 * An embedded run's store lives in the child's memory (openMemoryRunStore) and ends with the job: its durable record
 * is its manifest.json, written at every stage transition; the runner resumes from it when the store does not know
 * the run. A services run keeps its state in the services' PostgreSQL, as the CLI's does.
 */
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { runConfigSchema } from '../../pipeline/contracts/manifest';
import { stageNames, type StageName } from '../../pipeline/contracts/stages';
import { systemClock } from '../../pipeline/core/clock';
import { createLogger } from '../../pipeline/core/logger';
import { runPipeline, closeBatchEngines } from '../../pipeline/run';
import { createServices, openMemoryRunStore } from '../../pipeline/services/create-services';
import type { RunStore } from '../../pipeline/contracts/services';

const jobSchema = z.object({
  runId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  runDir: z.string().min(1),
  runStoreDir: z.string().min(1),
  config: runConfigSchema,
  until: z.enum(stageNames).optional(),
  only: z.enum(stageNames).optional(),
});

function emit(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function runJob(line: string, memoryStore: RunStore): Promise<number> {
  const job = jobSchema.parse(JSON.parse(line));
  const started = systemClock.monotonic();
  emit({ type: 'status', status: 'started', pid: process.pid });
  const log = createLogger({
    sink: { write: () => undefined },
    clock: systemClock,
    format: 'json',
    onRecord: (record) => emit({ type: 'log', record }),
  });
  const embedded = job.config.tier === 'embedded';
  if (!embedded) await memoryStore.close();
  let services: Awaited<ReturnType<typeof createServices>>;
  try {
    services = await createServices({
      tier: job.config.tier,
      runDir: job.runDir,
      runStoreDir: job.runStoreDir,
      clock: systemClock,
      ...(embedded ? { runStore: memoryStore } : {}),
    });
  } catch (error) {
    if (embedded) await memoryStore.close();
    throw error;
  }
  const lastSent = new Map<StageName, number>();
  let outcome: Record<string, unknown>;
  try {
    const manifest = await runPipeline({
      runId: job.runId,
      runDir: job.runDir,
      config: job.config,
      services,
      clock: systemClock,
      log,
      until: job.until,
      only: job.only,
      onProgress: (stage, progress) => {
        const now = systemClock.monotonic();
        // At most ten progress lines a second per stage; the last one of a stage comes with its stage record.
        if (now - (lastSent.get(stage) ?? -Infinity) < 100) return;
        lastSent.set(stage, now);
        emit({ type: 'progress', stage, ...progress, elapsedMs: Math.round(now - started) });
      },
      onStage: (record) => {
        emit({ type: 'stage', record });
        // A stage's first progress point (nothing done yet) as it starts, so the page moves before the first batch.
        if (record.status === 'running')
          emit({
            type: 'progress',
            stage: record.name,
            done: 0,
            elapsedMs: Math.round(systemClock.monotonic() - started),
          });
      },
    });
    outcome = { status: manifest.status };
  } catch (error) {
    outcome = { status: 'failed', error: error instanceof Error ? error.message : String(error) };
  } finally {
    await services.close();
    await closeBatchEngines();
    if (embedded) await memoryStore.close();
  }
  // `done` only once the run store is closed: the launcher may start this run's next job as soon as it reads it.
  emit({ type: 'done', ...outcome, elapsedMs: Math.round(systemClock.monotonic() - started) });
  return outcome.status === 'failed' ? 1 : 0;
}

function fail(error: unknown): never {
  emit({ type: 'done', status: 'failed', error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

const storeReady = openMemoryRunStore();
storeReady.catch(fail);
const lines = createInterface({ input: process.stdin });
lines.once('line', (line) => {
  lines.close();
  storeReady.then((store) => runJob(line, store)).then((code) => process.exit(code), fail);
});
void storeReady.then(() => emit({ type: 'status', status: 'ready', pid: process.pid }));
