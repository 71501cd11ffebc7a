import 'server-only';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PipelineError } from '@/pipeline/contracts/errors';
import {
  runSparkCell,
  sparkAvailability,
  type CellLake,
  type SparkCellAnswer,
  type SparkCellRequest,
} from '@/pipeline/spark';
import { listRuns, runDirectory } from '@/lib/runs/registry.server';

export type SparkCellResponse = SparkCellAnswer & { source: string };

/**
 * The lake a Spark cell reads: the curated Parquet of the learner's newest succeeded run, else the bundled sample
 * run (5,000 events), as the DuckDB cells do.
 */
export async function cellLake(): Promise<CellLake> {
  const { runs } = await listRuns();
  // The Iceberg catalog of the newest run that has one (a Spark-engine run, or one given `lakehouse init`).
  const iceberg = runs
    .map((run) => path.join(runDirectory(run.runId), 'lake', 'iceberg'))
    .find((warehouse) => existsSync(path.join(warehouse, 'curated', 'dim_user', 'metadata')));
  const icebergWarehouse = iceberg ? { icebergWarehouse: iceberg } : {};
  for (const run of runs) {
    if (run.status !== 'succeeded') continue;
    const curatedDir = path.join(runDirectory(run.runId), 'lake', 'curated');
    if (existsSync(path.join(curatedDir, 'fact_events.parquet')))
      return { curatedDir, label: `your run ${run.runId}`, ...icebergWarehouse };
  }
  const sample = path.join(process.cwd(), 'public', 'sample-run', 'lake', 'curated');
  if (existsSync(path.join(sample, 'fact_events.parquet')))
    return {
      curatedDir: sample,
      label: 'the bundled sample run (5,000 events): start a run to use your own',
    };
  throw new PipelineError(
    'NOT_FOUND',
    'No run with curated tables yet: start one in the console (/pipeline).',
  );
}

/** POST /api/spark/cells: Spark must be usable here without installing anything, then the cell runs. */
export async function runCell(request: SparkCellRequest): Promise<SparkCellResponse> {
  const availability = await sparkAvailability();
  if (!availability.available)
    throw new PipelineError('SERVICE_UNAVAILABLE', availability.reason ?? 'Spark is not available here.', {
      retriable: false,
    });
  const lake = await cellLake();
  return { ...(await runSparkCell(request, lake)), source: lake.label };
}
