import { z } from 'zod';
import { stageNames } from './stages';

/**
 * What a batch stage ran on the Spark engine, kept in `<runDir>/spark/<stage>.json` while it runs and after: every
 * Spark SQL statement in order, the executed plan (EXPLAIN FORMATTED) of each statement that wrote a table, the
 * figures Spark measured, and the statement running now with its tasks done. Written by the Spark engine
 * (pipeline/engines/spark/spark-stage-record-file.ts), read and validated by the console's stage drawer.
 */
export const sparkRecordDirectory = 'spark';

const figuresSchema = z.object({
  jobs: z.number().int().nonnegative(),
  stages: z.number().int().nonnegative(),
  tasks: z.number().int().nonnegative(),
  shuffleReadBytes: z.number().nonnegative(),
  shuffleWriteBytes: z.number().nonnegative(),
  spillBytes: z.number().nonnegative(),
});
export type SparkStageFigures = z.infer<typeof figuresSchema>;

export const sparkStatementSchema = z.object({
  /** The SQL file and the statement's place in it ("validate/events.sql", 2). */
  file: z.string(),
  index: z.number().int().positive(),
  /** The table the statement wrote (CREATE OR REPLACE TABLE), else null. */
  table: z.string().nullable(),
  sql: z.string(),
  durationMs: z.number().nonnegative(),
  /** EXPLAIN FORMATTED of the plan as executed (adaptive plans final), for statements that wrote a table. */
  plan: z.string().nullable(),
  rows: z.number().nonnegative().nullable(),
  figures: figuresSchema,
});
export type SparkStatementRecord = z.infer<typeof sparkStatementSchema>;

export const sparkStageRecordSchema = z.object({
  stage: z.enum(stageNames),
  sparkVersion: z.string(),
  master: z.string(),
  /** The live Spark UI of the driver that ran the stage; it answers only while that driver's JVM runs. */
  uiUrl: z.string().nullable(),
  driverPid: z.number().int().positive().nullable(),
  statements: z.array(sparkStatementSchema),
  totals: figuresSchema,
  /** The statement running now, with the newest progress line; null between statements and after the stage. */
  current: z
    .object({
      file: z.string(),
      index: z.number().int().positive(),
      sql: z.string(),
      jobId: z.number().int(),
      stageId: z.number().int(),
      tasksDone: z.number().int().nonnegative(),
      tasksTotal: z.number().int().nonnegative(),
    })
    .nullable(),
  /** Spark's summarised error when a statement failed. */
  error: z.string().nullable(),
});
export type SparkStageRecord = z.infer<typeof sparkStageRecordSchema>;
