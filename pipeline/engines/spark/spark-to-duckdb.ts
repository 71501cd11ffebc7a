import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PipelineError } from '../../contracts/errors';
import type { Warehouse } from '../../contracts/services';
import { sqlString } from '../../stages/sql-files';

/**
 * Loads tables Spark wrote (Parquet in <runDir>/work/spark/<table>) into the working DuckDB under the same names, so
 * export writes the curated Parquet and warehouse.duckdb the browser reads exactly as for the DuckDB engine.
 *
 * This is the one place where the two engines' outputs are normalised, and there is one difference left to remove:
 * Spark has no JSON column type, so `extra` (the unknown fields of schema drift, as JSON text) arrives as a string
 * and becomes DuckDB's JSON here. Everything else already has the DuckDB engine's types because the Spark SQL says
 * them (DECIMAL(12,2)/(14,2) money, INT/BIGINT, TIMESTAMP_NTZ for DuckDB's TIMESTAMP, DATE, arrays and structs).
 */
const jsonColumns = new Set(['extra']);

export async function loadSparkTables(
  warehouse: Warehouse,
  runDir: string,
  tables: readonly string[],
): Promise<void> {
  for (const table of tables) {
    const directory = join(runDir, 'work', 'spark', table);
    if (!existsSync(join(directory, '_SUCCESS'))) {
      throw new PipelineError(
        'CONFLICT',
        `Spark did not write the table ${table} (${directory}); run the stage that builds it first.`,
      );
    }
    const source = `read_parquet(${sqlString(join(directory, '*.parquet'))})`;
    const columns = await warehouse.query<{ column_name: string }>(
      `SELECT column_name FROM (DESCRIBE SELECT * FROM ${source})`,
    );
    const select = columns
      .map(({ column_name: name }) => (jsonColumns.has(name) ? `"${name}"::JSON AS "${name}"` : `"${name}"`))
      .join(', ');
    const [view] = await warehouse.query(
      `SELECT 1 AS found FROM duckdb_views() WHERE view_name = $1 AND schema_name = 'main' AND NOT temporary`,
      [table],
    );
    if (view) await warehouse.exec(`DROP VIEW ${table}`);
    await warehouse.exec(`CREATE OR REPLACE TABLE ${table} AS SELECT ${select} FROM ${source}`);
  }
}
