import 'server-only';
import { DuckDBInstance } from '@duckdb/node-api';

export interface ReadResult {
  columns: string[];
  rows: Array<Record<string, unknown>>;
}

/**
 * Runs one query on a DuckDB file opened read-only (or in memory when `file` is null), then closes it at once:
 * a run's child process needs the write lock on work/etl.duckdb for its next stage. Values come back as JSON
 * (DECIMAL and BIGINT as exact text, dates as ISO strings), never as floats.
 */
export async function readOnlyQuery(file: string | null, sql: string): Promise<ReadResult> {
  const instance = await DuckDBInstance.create(
    file ?? ':memory:',
    file ? { access_mode: 'READ_ONLY', threads: '1' } : { threads: '1' },
  );
  try {
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(sql);
      return { columns: reader.columnNames(), rows: reader.getRowObjectsJson() };
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** A single-quoted SQL string literal. Only ever given paths the server built, never request text. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
