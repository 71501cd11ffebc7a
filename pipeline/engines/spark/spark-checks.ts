import type { SqlRow, SqlValue } from '../../contracts/services';
import type { StageContext } from '../../contracts/stage';
import { windowEndSql } from '../../stages/etl-support';
import { parseChecks } from '../../stages/quality/warehouse-checks';
import type { QualityCheck } from '../../contracts/quality-report';
import { fillSql } from '../../stages/sql-files';
import { sharedSparkDriver } from './spark-session';
import type { SparkResult } from './spark-driver';
import { readSparkSql } from './spark-sql-files';
import { sparkStageRecorder } from './spark-stage-record-file';

/**
 * The warehouse checks of the quality stage run by Spark (sql/quality/checks.sql, the same blocks as the DuckDB
 * engine's): the failing rows counted, and a sample of five in the order of all their columns.
 */
export async function sparkQueryChecks(context: StageContext, sampleSize = 5): Promise<QualityCheck[]> {
  const driver = await sharedSparkDriver(context.log.child('quality'));
  const sql = fillSql(readSparkSql('quality', 'checks.sql'), { window_end: windowEndSql(context.config) });
  const results: QualityCheck[] = [];
  const recorder = sparkStageRecorder(context, 'quality', driver);
  let index = 0;
  // Each statement is kept in the stage's Spark record (<runDir>/spark/quality.json) for the drawer.
  const run = async (statement: string, label: string, maxRows: number): Promise<SparkResult> => {
    const ran = { file: 'quality/checks.sql', index: ++index, sql: statement, table: null };
    recorder.started(ran);
    const result = await driver
      .sql(statement, { label, maxRows, onProgress: (progress) => recorder.progress(progress) })
      .catch(async (error: unknown) => {
        await recorder.failed(error instanceof Error ? error.message : String(error));
        throw error;
      });
    await recorder.finished(ran, result);
    return result;
  };
  for (const check of parseChecks(sql)) {
    const label = `in quality/checks.sql (check ${check.name})`;
    const [count] = (await run(`SELECT count(*) AS n FROM (${check.sql})`, label, 1)).rows;
    const failingRows = Number(count?.n ?? 0);
    let sample: SqlRow[] = [];
    if (failingRows > 0) {
      const { columns } = await run(`SELECT * FROM (${check.sql})`, label, 0);
      const orderBy = columns.map((_column, index) => `${index + 1} NULLS LAST`).join(', ');
      const { rows } = await run(
        `SELECT * FROM (${check.sql}) ORDER BY ${orderBy} LIMIT ${sampleSize}`,
        label,
        sampleSize,
      );
      sample = rows.map(toSqlRow);
    }
    results.push({
      name: check.name,
      table: check.table,
      column: check.column,
      kind: check.kind,
      passed: failingRows === 0,
      failingRows,
      sample,
    });
  }
  return results;
}

/** A Spark result row as a warehouse row: scalars kept, nested values (arrays, structs) as their JSON text. */
function toSqlRow(row: Record<string, unknown>): SqlRow {
  const converted: SqlRow = {};
  for (const [key, value] of Object.entries(row)) {
    converted[key] =
      value === null || ['string', 'number', 'boolean'].includes(typeof value)
        ? (value as SqlValue)
        : JSON.stringify(value);
  }
  return converted;
}
