import 'server-only';
import { PipelineError } from '@/pipeline/contracts/errors';
import { readOnlyQuery, sqlString } from './duckdb-read.server';
import type { Sample } from './inspect-types';
import { isSampleTable, samplePaths } from './sample-sources';
import { resolveInsideRun } from './run-path.server';
import { columnsOf, toSampleRow } from './sample-values';

export const sampleRowLimit = 5;

/**
 * `SELECT * FROM <table> LIMIT n` on a run's DuckDB file. The table must be on the allow-list (sample-sources.ts):
 * it is spliced into SQL, so anything else is refused before DuckDB sees it.
 */
export async function readTableSample(
  dbFile: string,
  table: string,
  label = table,
  limit = sampleRowLimit,
): Promise<Sample> {
  if (!isSampleTable(table))
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `Table "${table.slice(0, 80)}" is not one the console samples.`,
    );
  const source = `work/etl.duckdb · ${table}`;
  try {
    const result = await readOnlyQuery(
      dbFile,
      `SELECT * FROM "${table}" LIMIT ${Math.max(1, Math.min(limit, 20))}`,
    );
    const rows = result.rows.map(toSampleRow);
    return { label, source, columns: result.columns, rows };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unavailable = /does not exist|Catalog Error/i.test(message)
      ? 'Not written yet: run the stage that creates it.'
      : /lock|No such file|Cannot open/i.test(message)
        ? 'The run is using its working database right now; open this again when the stage has finished.'
        : `Could not read it: ${message.slice(0, 160)}`;
    return { label, source, columns: [], rows: [], unavailable };
  }
}

/** The first rows of an exported Parquet file (allow-listed path, inside the run, no symlinks). */
export async function readParquetSample(
  runDir: string,
  relativePath: string,
  label = relativePath,
  limit = sampleRowLimit,
): Promise<Sample> {
  if (!samplePaths.has(relativePath) || !relativePath.endsWith('.parquet')) {
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `"${relativePath.slice(0, 80)}" is not a file the console samples.`,
    );
  }
  const file = await resolveInsideRun(runDir, relativePath, 'file');
  if (!file)
    return {
      label,
      source: relativePath,
      columns: [],
      rows: [],
      unavailable: 'Not written yet: run the stage that creates it.',
    };
  const result = await readOnlyQuery(
    null,
    `SELECT * FROM read_parquet(${sqlString(file)}) LIMIT ${Math.max(1, Math.min(limit, 20))}`,
  );
  const rows = result.rows.map(toSampleRow);
  return {
    label,
    source: relativePath,
    columns: result.columns.length > 0 ? result.columns : columnsOf(rows),
    rows,
  };
}
