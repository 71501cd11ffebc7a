import { PipelineError } from '../../../contracts/errors';
import { icebergName, type RunLakehouse } from './iceberg-catalog';

/**
 * Reads a table as it was: `VERSION AS OF <snapshot id>` or `TIMESTAMP AS OF '<time>'` (the snapshot current at
 * that time). Only checked values reach the SQL: a snapshot id is digits, a time is a UTC timestamp, a user is an id.
 */
export type AsOf = { version: string } | { timestamp: string };

export function asOfClause(asOf: AsOf): string {
  if ('version' in asOf) {
    if (!/^-?\d{1,20}$/.test(asOf.version))
      throw new PipelineError(
        'INVALID_ARGUMENT',
        `--version must be a snapshot id (digits; got "${asOf.version}")`,
      );
    return `VERSION AS OF ${asOf.version}`;
  }
  if (!/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?$/.test(asOf.timestamp))
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `--timestamp must be a UTC time YYYY-MM-DD[ HH:MM[:SS[.fff]]] (got "${asOf.timestamp}")`,
    );
  return `TIMESTAMP AS OF '${asOf.timestamp}'`;
}

export interface TimeTravelAnswer {
  sql: string;
  rows: number;
  /** dim_user only: current rows at that snapshot. */
  currentRows: number | null;
  /** With a user id: that user's rows at that snapshot (dim_user: their versions). */
  userRows: Array<Record<string, unknown>>;
}

export async function readAsOf(
  lakehouse: RunLakehouse,
  table: string,
  asOf: AsOf,
  userId?: string,
): Promise<TimeTravelAnswer> {
  const source = `${icebergName(table)} ${asOfClause(asOf)}`;
  const isUsers = table === 'dim_user';
  const sql = `SELECT count(*) AS rows${isUsers ? ', count_if(is_current) AS current_rows' : ''} FROM ${source}`;
  const [counts] = await lakehouse.rows<{ rows: number; current_rows?: number }>(
    sql,
    `time travel on ${table}`,
  );
  let userRows: Array<Record<string, unknown>> = [];
  if (userId !== undefined) {
    if (!/^[0-9a-f-]{8,64}$/i.test(userId))
      throw new PipelineError(
        'INVALID_ARGUMENT',
        `--user must be a user id (hex and dashes; got "${userId}")`,
      );
    const columns = isUsers
      ? 'user_sk, version, loyalty_tier, city, marketing_opt_in, CAST(valid_from AS STRING) AS valid_from, CAST(valid_to AS STRING) AS valid_to, is_current'
      : '*';
    userRows = await lakehouse.rows(
      `SELECT ${columns} FROM ${source} WHERE user_id = '${userId}'${isUsers ? ' ORDER BY version' : ''}`,
      `time travel on ${table} for one user`,
      50,
    );
  }
  return {
    sql,
    rows: Number(counts?.rows ?? 0),
    currentRows: isUsers ? Number(counts?.current_rows ?? 0) : null,
    userRows,
  };
}
