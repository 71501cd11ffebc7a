import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { runConfigSchema, type Manifest, type RunConfig } from '@/pipeline/contracts/manifest';
import type { RunStore, Services } from '@/pipeline/contracts/services';
import type { StageContext, StageDefinition, StageResult } from '@/pipeline/contracts/stage';
import { systemClock } from '@/pipeline/core/clock';
import { createLogger } from '@/pipeline/core/logger';
import { createRandom } from '@/pipeline/core/random';
import { runPipeline, type RunPipelineOptions } from '@/pipeline/run';
import { createServices } from '@/pipeline/services/create-services';
import { openPgliteRunStore } from '@/pipeline/services/embedded/pglite-run-store';

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `etl-${label}-`));
}

export function config(overrides: Partial<RunConfig> = {}): RunConfig {
  return runConfigSchema.parse({
    seed: 42,
    events: 10_000,
    days: 14,
    faults: 'realistic',
    tier: 'embedded',
    startDate: '2025-08-24',
    partitions: 4,
    ...overrides,
  });
}

export const quietLog = createLogger({ sink: { write: () => true }, clock: systemClock, level: 'error' });

/** One PGlite run store per test file (opening one costs about half a second; creating one a few seconds). */
export async function openTestRunStore(): Promise<RunStore> {
  return openPgliteRunStore({ dir: join(tempDir('runstore'), 'runstore') });
}

export async function servicesFor(runDir: string, runs: RunStore): Promise<Services> {
  return createServices({ tier: 'embedded', runDir, runStoreDir: '', clock: systemClock, runStore: runs });
}

export async function runInDir(
  runDir: string,
  runs: RunStore,
  runConfig: RunConfig,
  options: Partial<RunPipelineOptions> = {},
): Promise<Manifest> {
  const services = await servicesFor(runDir, runs);
  try {
    return await runPipeline({
      runId: basename(runDir)
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, '-'),
      runDir,
      config: runConfig,
      services,
      clock: systemClock,
      log: quietLog,
      ...options,
    });
  } finally {
    await services.close();
  }
}

/** Runs stage definitions directly on a run directory (fixtures written by hand, no generator). */
export async function runStages(
  runDir: string,
  runs: RunStore,
  runConfig: RunConfig,
  stages: StageDefinition[],
): Promise<StageResult[]> {
  const services = await servicesFor(runDir, runs);
  const results: StageResult[] = [];
  try {
    for (const stage of stages) {
      const context: StageContext = {
        runId: 'fixture',
        runDir,
        config: runConfig,
        services,
        clock: systemClock,
        random: createRandom(runConfig.seed).fork(stage.name),
        log: quietLog,
        signal: new AbortController().signal,
        progress: () => undefined,
      };
      results.push(await stage.run(context));
    }
  } finally {
    await services.close();
  }
  return results;
}

/** Rows of a query on a DuckDB file, opened read-only like the browser does. */
export async function queryFile<T = Record<string, unknown>>(path: string, sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as T[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
