import 'server-only';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PipelineError } from '@/pipeline/contracts/errors';

/** A check runs at most this long on one run, and returns at most this many rows. */
export const checkTimeoutMs = 5_000;
export const maxCheckRows = 100_000;

/**
 * Opens a run's warehouse for a learner's SQL: read-only, one thread, 256 MB, no spilling, no file system, no
 * extension loading, and the configuration locked so the query cannot undo any of it (SET is not a SELECT anyway).
 */
async function openLockedDown(
  warehouse: string,
): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(warehouse, {
    access_mode: 'READ_ONLY',
    threads: '1',
    memory_limit: '256MB',
    max_temp_directory_size: '0B',
    enable_external_access: 'false',
    autoload_known_extensions: 'false',
    autoinstall_known_extensions: 'false',
  });
  const connection = await instance.connect();
  await connection.run('SET lock_configuration = true');
  return { instance, connection };
}

/** DuckDB's parser on the text: one SELECT statement, or the parser's message. */
async function assertSingleSelect(connection: DuckDBConnection, sql: string): Promise<void> {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
  const parsed = JSON.parse(String(reader.getRowsJson()[0]?.[0])) as {
    error: boolean;
    error_message?: string;
    statements?: unknown[];
  };
  if (parsed.error)
    throw new PipelineError(
      'INVALID_ARGUMENT',
      /only select/i.test(parsed.error_message ?? '')
        ? 'A check must be a SELECT query: it reads the warehouse, it never changes it.'
        : `The check does not parse: ${parsed.error_message ?? 'syntax error'}.`,
    );
  if ((parsed.statements?.length ?? 0) !== 1)
    throw new PipelineError('INVALID_ARGUMENT', 'A check is exactly one SELECT query.');
}

/**
 * Runs a check (already through prepareCheckSql) on a warehouse file and returns the first column's non-null
 * values as text: the record ids it flags. Refused when it runs past the time limit or returns too many rows.
 */
export async function runCheck(warehouse: string, sql: string): Promise<string[]> {
  const { instance, connection } = await openLockedDown(warehouse);
  const timer = setTimeout(() => connection.interrupt(), checkTimeoutMs);
  try {
    await assertSingleSelect(connection, sql);
    // The newline keeps a trailing -- comment from swallowing the closing parenthesis.
    const reader = await connection
      .runAndReadAll(`SELECT * FROM (\n${sql}\n) AS learner_check LIMIT ${maxCheckRows + 1}`)
      .catch((cause: unknown) => {
        const message = cause instanceof Error ? cause.message : String(cause);
        if (/interrupt/i.test(message))
          throw new PipelineError(
            'INVALID_ARGUMENT',
            `The check ran for more than ${checkTimeoutMs / 1000} s and was stopped; a check should scan each table once.`,
          );
        throw new PipelineError(
          'INVALID_ARGUMENT',
          `The check failed: ${message.split('\n')[0]!.slice(0, 300)}`,
        );
      });
    const rows = reader.getRowsJson();
    if (rows.length > maxCheckRows)
      throw new PipelineError(
        'INVALID_ARGUMENT',
        `The check returned more than ${maxCheckRows.toLocaleString('en-US')} rows; a check returns the affected records only.`,
      );
    if (reader.columnCount === 0) throw new PipelineError('INVALID_ARGUMENT', 'The check returns no column.');
    const ids: string[] = [];
    for (const row of rows) {
      const value = row[0];
      if (value !== null && value !== undefined)
        ids.push(typeof value === 'string' ? value : JSON.stringify(value));
    }
    return ids;
  } finally {
    clearTimeout(timer);
    connection.closeSync();
    instance.closeSync();
  }
}
