import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PipelineError } from '../../contracts/errors';
import {
  checkExperimentParams,
  isSparkExperiment,
  sparkExperiments,
} from '../../contracts/spark-experiments';
import { warehouseTables } from '../../contracts/warehouse';
import { checkCellSql } from './cell-sql';
import type { SparkDriver, SparkFigures, SparkVariant } from './spark-driver';
import { sharedSparkDriver } from './spark-session';

/**
 * The Spark lessons' runnable cells, run on the server in the shared Spark driver's cells session
 * (docs/decisions/013-spark-lesson-cells.md): a checked query, or one of the fixed experiments with the learner's
 * parameters, over the curated Parquet of a run's lake registered as views. One cell at a time; a time limit
 * (the driver cancels the cell's jobs) and a row limit.
 */
export const cellLimits = {
  sqlTimeoutMs: 30_000,
  experimentTimeoutMs: 120_000,
  defaultRows: 100,
  maxRows: 500,
} as const;

export type SparkCellRequest =
  { sql: string; maxRows?: number } | { experiment: string; params?: Record<string, unknown> };

export interface SparkCellAnswer {
  columns: Array<{ name: string; type: string }>;
  rows: Array<Record<string, unknown>>;
  truncated: boolean;
  /** EXPLAIN FORMATTED of the query (SQL cells); experiments carry a plan per variant. */
  plan: string | null;
  explainOnly: boolean;
  /** What Spark measured while the cell's query ran (SQL cells). */
  figures: SparkFigures | null;
  variants: SparkVariant[];
  durationMs: number;
}

/** The lake a cell reads: the curated Parquet files of one run, named for the answer. */
export interface CellLake {
  curatedDir: string;
  label: string;
  /** The Iceberg warehouse (<runDir>/lake/iceberg) the catalog `lake` means in cells, if a run has one. */
  icebergWarehouse?: string;
}

let busy = false;
const registered = new WeakMap<SparkDriver, string>();

/** The run's curated tables as views of the cells session (once per lake and driver). */
async function registerLake(driver: SparkDriver, lake: CellLake): Promise<void> {
  if (registered.get(driver) === lake.curatedDir) return;
  registered.delete(driver);
  for (const table of warehouseTables) {
    const file = join(lake.curatedDir, `${table.name}.parquet`);
    if (existsSync(file)) await driver.register(table.name, file, 'cells');
  }
  registered.set(driver, lake.curatedDir);
}

export interface CellOptions {
  driver?: () => Promise<SparkDriver>;
  /** Shorter limits (a test of the time limit). */
  limits?: { sqlTimeoutMs?: number; experimentTimeoutMs?: number };
}

export async function runSparkCell(
  request: SparkCellRequest,
  lake: CellLake,
  options: CellOptions = {},
): Promise<SparkCellAnswer> {
  const limits = { ...cellLimits, ...options.limits };
  // Checked before the busy flag: a refused cell answers at once, even while another runs.
  const work =
    'sql' in request
      ? { kind: 'sql' as const, ...checkCellSql(request.sql) }
      : { kind: 'experiment' as const, ...checkedExperiment(request.experiment, request.params ?? {}) };
  const maxRows = 'sql' in request ? (request.maxRows ?? cellLimits.defaultRows) : cellLimits.maxRows;
  if (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > cellLimits.maxRows)
    throw new PipelineError('INVALID_ARGUMENT', `maxRows must be from 1 to ${cellLimits.maxRows}.`);
  if ('sql' in request && !lake.icebergWarehouse && /\blake\s*\./i.test(request.sql))
    throw new PipelineError(
      'NOT_FOUND',
      'No run has Iceberg tables yet: make one with --engine spark, or write them for a run with npm run pipeline -- lakehouse init --run <id>.',
    );
  if (busy)
    throw new PipelineError(
      'CONFLICT',
      'Another Spark cell is running: Spark cells run one at a time. Run this one when it has finished.',
    );
  busy = true;
  try {
    const driver = await (options.driver ?? (() => sharedSparkDriver()))();
    await registerLake(driver, lake);
    const started = performance.now();
    const result =
      work.kind === 'sql'
        ? await driver.cell(work.sql, {
            maxRows,
            lake: lake.icebergWarehouse,
            timeoutMs: limits.sqlTimeoutMs,
            explainOnly: work.explainOnly,
          })
        : await driver.experiment(work.name, work.params, { timeoutMs: limits.experimentTimeoutMs });
    return {
      columns: result.columns,
      rows: result.rows,
      truncated: result.truncated,
      plan: result.plan ?? null,
      explainOnly: work.kind === 'sql' && work.explainOnly,
      figures: result.figures ?? null,
      variants: result.variants ?? [],
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    busy = false;
  }
}

function checkedExperiment(
  name: string,
  given: Record<string, unknown>,
): { name: string; params: Record<string, string | number> } {
  if (!isSparkExperiment(name))
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `Unknown experiment "${name}": the Spark cells know ${Object.keys(sparkExperiments).join(', ')}.`,
    );
  const checked = checkExperimentParams(name, given);
  if ('error' in checked) throw new PipelineError('INVALID_ARGUMENT', checked.error);
  return { name, params: checked.params };
}
