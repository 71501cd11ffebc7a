import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { Manifest } from '@/pipeline/contracts/manifest';
import { config, openTestRunStore, runInDir } from '../pipeline/etl/helpers';

/**
 * The Spark suite's two runs of one seed, built once for all its files (one worker, isolate off, one Spark driver):
 * a DuckDB-engine and a Spark-engine run. Seed 2 at 30,000 chaos events injects every fault kind, so every reject
 * path of validate runs on both engines. A second Spark run would cost minutes of planning (validate's wide CASE),
 * so every Spark test reads this one.
 */
export interface SuiteRuns {
  duckDir: string;
  sparkDir: string;
  duck: Manifest;
  spark: Manifest;
}

export const suiteRunConfig = config({ seed: 2, events: 30_000, faults: 'chaos' });

let building: Promise<SuiteRuns> | null = null;

export function suiteRuns(): Promise<SuiteRuns> {
  building ??= build();
  return building;
}

async function build(): Promise<SuiteRuns> {
  const root = inject('sparkSuiteRoot');
  const [duckDir, sparkDir] = [join(root, 'engine-duckdb'), join(root, 'engine-spark')];
  mkdirSync(duckDir, { recursive: true });
  mkdirSync(sparkDir, { recursive: true });
  const runs = await openTestRunStore();
  try {
    // A guard, not a target: on an idle 2-core machine both runs take a few minutes; under a load average of 30
    // planning alone can take ten times longer.
    const duck = await runInDir(duckDir, runs, { ...suiteRunConfig, engine: 'duckdb' });
    const spark = await runInDir(sparkDir, runs, { ...suiteRunConfig, engine: 'spark' });
    return { duckDir, sparkDir, duck, spark };
  } finally {
    await runs.close();
  }
}
