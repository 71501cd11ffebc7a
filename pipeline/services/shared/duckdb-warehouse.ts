import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { PipelineError } from '../../contracts/errors';
import type { SqlRow, SqlValue, Warehouse } from '../../contracts/services';
import { explainFsError } from '../../core/fs-errors';

/**
 * The embedded tier's warehouse: one DuckDB database file per run (`<runDir>/work/etl.duckdb`), so every stage's
 * tables survive a crash and a resumed run picks up where the last finished stage left them. Threads and memory
 * are capped because the whole pipeline shares a small machine; DuckDB spills to `tempDirectory` beyond the cap.
 */
export interface DuckDbWarehouseOptions {
  /** Database file, or ':memory:'. */
  path: string;
  threads?: number;
  /** DuckDB memory_limit, e.g. '1GB'. */
  memoryLimit?: string;
  tempDirectory?: string;
}

export interface DuckDbWarehouse extends Warehouse {
  readonly path: string;
}

function toSqlValue(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint'
  )
    return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'bigint' ? inner.toString() : inner,
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function openDuckDbWarehouse(options: DuckDbWarehouseOptions): Promise<DuckDbWarehouse> {
  const config: Record<string, string> = {
    threads: String(options.threads ?? 2),
    memory_limit: options.memoryLimit ?? '1GB',
    // Off: reading thousands of small raw files in order holds a buffer per file (out of memory at 1 GB). Tables
    // whose order matters are built with ORDER BY, and the export stage turns it back on for its copies.
    preserve_insertion_order: 'false',
  };
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  try {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    instance = await DuckDBInstance.create(options.path, config);
    connection = await instance.connect();
  } catch (error) {
    const reason = explainFsError(error, options.path) ?? `${describe(error)}. Is another process using it?`;
    throw new PipelineError('IO_ERROR', `Cannot open the DuckDB warehouse at ${options.path}: ${reason}`, {
      cause: error,
      details: { path: options.path },
    });
  }
  let closed = false;
  const fail = (sql: string, error: unknown): PipelineError =>
    new PipelineError(
      'INTERNAL',
      `DuckDB failed: ${describe(error)}\nStatement: ${sql.trim().slice(0, 400)}`,
      { cause: error, details: { sql } },
    );
  return {
    path: options.path,
    // One call may hold a whole .sql file: DuckDB runs the statements in order.
    async exec(sql) {
      try {
        await connection.run(sql);
      } catch (error) {
        throw fail(sql, error);
      }
    },
    async query<T extends SqlRow = SqlRow>(sql: string, params: SqlValue[] = []): Promise<T[]> {
      try {
        const reader = await connection.runAndReadAll(
          sql,
          params.length > 0 ? (params as DuckDBValue[]) : undefined,
        );
        return reader.getRowObjectsJS().map((row) => {
          const out: SqlRow = {};
          for (const [key, value] of Object.entries(row)) out[key] = toSqlValue(value);
          return out as T;
        });
      } catch (error) {
        throw fail(sql, error);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      connection.closeSync();
      instance.closeSync();
    },
  };
}
