import { z } from 'zod';
import { faultProfiles } from './faults';
import { incidentTypes } from './incidents';
import { batchEngines, type BatchEngine } from './batch-engines';
import { stageNames } from './stages';

export { batchEngines, type BatchEngine } from './batch-engines';

/** The engine a run's batch stages use (runs made before the choice existed used DuckDB). */
export const engineOf = (config: { engine?: BatchEngine }): BatchEngine => config.engine ?? 'duckdb';

/** manifest.json at the root of every run directory. Written after every stage transition. */
export const runConfigSchema = z.object({
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  events: z.number().int().min(1).max(20_000_000),
  days: z.number().int().min(1).max(365),
  faults: z.enum(faultProfiles),
  tier: z.enum(['embedded', 'services']),
  /** ISO date (YYYY-MM-DD) of the first generated day: fixed so the same seed gives the same data. */
  startDate: z.iso.date(),
  partitions: z.number().int().min(1).max(64),
  /** The batch engine of validate … quality: DuckDB in-process (the default, also when absent) or Apache Spark. */
  engine: z.enum(batchEngines).optional(),
  /** An incident round's run: only this incident's faults are injected, into events, and `faults` is ignored. */
  incident: z.enum(incidentTypes).optional(),
});
export type RunConfig = z.infer<typeof runConfigSchema>;

/** The first generated day when none is asked for: any fixed date works, the data never reads the wall clock. */
export const defaultStartDate = '2025-08-24';

export const stageOutputSchema = z.object({
  path: z.string(),
  rows: z.number().int().nonnegative(),
  sha256: z.string(),
});
export type StageOutput = z.infer<typeof stageOutputSchema>;

export const stageRecordSchema = z.object({
  name: z.enum(stageNames),
  status: z.enum(['pending', 'running', 'succeeded', 'failed', 'skipped']),
  attempts: z.number().int().nonnegative(),
  inputRows: z.number().int().nonnegative(),
  outputRows: z.number().int().nonnegative(),
  rejectedRows: z.number().int().nonnegative(),
  rejectReasons: z.record(z.string(), z.number().int().nonnegative()),
  durationMs: z.number().nonnegative(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  outputs: z.array(stageOutputSchema),
  /** Stage-specific figures (per-entity counts, throughput, lag). */
  metrics: z.record(z.string(), z.unknown()),
});
export type StageRecord = z.infer<typeof stageRecordSchema>;

export const manifestSchema = z.object({
  runId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  seed: z.number().int(),
  config: runConfigSchema,
  tier: z.enum(['embedded', 'services']),
  /** Absent in runs made before the Spark engine: those used DuckDB. */
  engine: z.enum(batchEngines).optional(),
  /** The Spark version of a Spark-engine run (the jars it resolves). */
  sparkVersion: z.string().optional(),
  toolVersion: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.enum(['pending', 'running', 'succeeded', 'failed', 'cancelled']),
  stages: z.array(stageRecordSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;
