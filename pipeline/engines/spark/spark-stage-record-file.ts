import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageContext } from '../../contracts/stage';
import type { StageName } from '../../contracts/stages';
import {
  sparkRecordDirectory,
  type SparkStageFigures,
  type SparkStageRecord,
  type SparkStatementRecord,
} from '../../contracts/spark-stage-record';
import type { SparkDriver, SparkMetrics, SparkProgress } from './spark-driver';

/** A plan beyond this is cut: the validate CASE of about 40 checks would otherwise make a drawer of megabytes. */
const maxPlanChars = 30_000;
/** Progress is rewritten at most this often; statements and the end of the stage are written at once. */
const progressIntervalMs = 1_000;

/**
 * Keeps `<runDir>/spark/<stage>.json` (pipeline/contracts/spark-stage-record.ts) as a Spark stage runs: one record
 * per stage run, shared by every part of the stage (quality runs its checks, then its fault evaluation), rewritten
 * atomically after each statement and at most once a second with progress. A write that fails is logged and
 * skipped: the record is for the learner to look at, and the stage must not fail for it.
 */
export interface SparkStageRecorder {
  started(statement: { file: string; index: number; sql: string }): void;
  progress(progress: SparkProgress): void;
  finished(
    statement: { file: string; index: number; sql: string; table: string | null },
    result: { durationMs: number; plan?: string; metrics: SparkMetrics },
  ): Promise<void>;
  failed(message: string): Promise<void>;
}

const recorders = new WeakMap<StageContext, SparkStageRecorder>();

export function sparkStageRecorder(
  context: StageContext,
  stage: StageName,
  driver: SparkDriver,
): SparkStageRecorder {
  const existing = recorders.get(context);
  if (existing) return existing;
  const recorder = createRecorder(context, stage, driver);
  recorders.set(context, recorder);
  return recorder;
}

const zeroFigures = (): SparkStageFigures => ({
  jobs: 0,
  stages: 0,
  tasks: 0,
  shuffleReadBytes: 0,
  shuffleWriteBytes: 0,
  spillBytes: 0,
});

function createRecorder(context: StageContext, stage: StageName, driver: SparkDriver): SparkStageRecorder {
  const directory = join(context.runDir, sparkRecordDirectory);
  const path = join(directory, `${stage}.json`);
  const record: SparkStageRecord = {
    stage,
    sparkVersion: driver.ready.sparkVersion,
    master: driver.ready.master,
    uiUrl: driver.ready.uiUrl,
    driverPid: driver.pid,
    statements: [],
    totals: zeroFigures(),
    current: null,
    error: null,
  };
  let writing: Promise<void> = Promise.resolve();
  let counter = 0;
  let lastProgressWrite = Number.NEGATIVE_INFINITY;
  const log = context.log.child(stage);

  const write = (): Promise<void> => {
    const text = JSON.stringify(record);
    writing = writing.then(async () => {
      const temporary = `${path}.tmp-${process.pid}-${++counter}`;
      try {
        await mkdir(directory, { recursive: true });
        await writeFile(temporary, text);
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true }).catch(() => undefined);
        log.log('warn', 'could not write the Spark stage record', { path, error: (error as Error).message });
      }
    });
    return writing;
  };

  return {
    started(statement) {
      record.current = { ...statement, jobId: -1, stageId: -1, tasksDone: 0, tasksTotal: 0 };
      lastProgressWrite = context.clock.monotonic();
      void write();
    },
    progress(progress) {
      if (!record.current) return;
      record.current = {
        ...record.current,
        jobId: progress.jobId,
        stageId: progress.stageId,
        tasksDone: progress.tasksDone,
        tasksTotal: progress.tasksTotal,
      };
      if (context.clock.monotonic() - lastProgressWrite < progressIntervalMs) return;
      lastProgressWrite = context.clock.monotonic();
      void write();
    },
    async finished(statement, result) {
      const figures: SparkStageFigures = {
        jobs: result.metrics.jobs,
        stages: result.metrics.stages,
        tasks: result.metrics.tasks,
        shuffleReadBytes: result.metrics.shuffleReadBytes,
        shuffleWriteBytes: result.metrics.shuffleWriteBytes,
        spillBytes: result.metrics.spillBytes,
      };
      const plan = result.plan ?? null;
      const entry: SparkStatementRecord = {
        ...statement,
        durationMs: result.durationMs,
        plan:
          plan && plan.length > maxPlanChars
            ? `${plan.slice(0, maxPlanChars)}\n… (cut at ${maxPlanChars.toLocaleString('en-US')} characters)`
            : plan,
        rows: statement.table ? result.metrics.recordsWritten : null,
        figures,
      };
      record.statements.push(entry);
      for (const key of Object.keys(figures) as Array<keyof SparkStageFigures>)
        record.totals[key] += figures[key];
      record.current = null;
      await write();
    },
    async failed(message) {
      record.current = null;
      record.error = message;
      await write();
    },
  };
}
