import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import {
  BOOLEAN,
  DuckDBInstance,
  INTEGER,
  LIST,
  listValue,
  SMALLINT,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { PipelineError } from '../../contracts/errors';
import type { OperationalDatabase, OperationalTables } from '../../contracts/services';
import { describeFsError } from '../../core/fs-errors';
import {
  columnChunks,
  operationalColumns,
  operationalSchemaName,
  operationalTables,
  writeOperationalRecords,
  type OperationalCell,
  type OperationalTable,
} from '../shared/operational-rows';

/**
 * The embedded tier's operational database: the shop's tables (the same schema, columns and keys as on
 * PostgreSQL) in a DuckDB file of the run, `<runDir>/oltp/shop.duckdb`. DuckDB rather than PGlite because the
 * pipeline already loads it, and opening a file costs milliseconds, where a PGlite database costs about 5 s of
 * initdb and 700–800 MiB of memory on this machine (measured): too much for a table the pipeline only writes.
 *
 * A replacement is built in a new file and renamed over the old one, so a failure half-way leaves the previous
 * rows, and the file is open only while it is written or counted: the console (another process) reads it beside
 * a running pipeline.
 */
export function openDuckDbOperationalDb(file: string, runId: string): OperationalDatabase {
  let writing: Promise<unknown> = Promise.resolve();
  return {
    replaceRun(records) {
      // Two replacements in one process one after the other, as PostgreSQL's per-run lock does on the services tier.
      const replaced = writing.then(() => replaceFile(file, runId, records));
      writing = replaced.catch(() => undefined);
      return replaced;
    },
    tables: () => countRows(file),
    close: async () => {
      await writing;
    },
  };
}

async function replaceFile(
  file: string,
  runId: string,
  records: Parameters<OperationalDatabase['replaceRun']>[0],
) {
  const partial = `${file}.partial`;
  await mkdir(dirname(file), { recursive: true });
  await rm(partial, { force: true });
  await rm(`${partial}.wal`, { force: true });
  const instance = await open(partial, 'READ_WRITE');
  let counts;
  try {
    const connection = await instance.connect();
    try {
      await connection.run(schemaSql);
      await connection.run('BEGIN TRANSACTION');
      counts = await writeOperationalRecords(runId, records, {
        insert: (table, rows) => insert(connection, table, rows),
      });
      await connection.run('COMMIT');
      // Everything into the database file itself, so the rename moves one complete file and no write-ahead log.
      await connection.run('CHECKPOINT');
    } finally {
      connection.closeSync();
    }
  } catch (error) {
    instance.closeSync();
    await rm(partial, { force: true });
    await rm(`${partial}.wal`, { force: true });
    throw error;
  }
  instance.closeSync();
  try {
    await rename(partial, file);
  } catch (error) {
    throw new PipelineError('IO_ERROR', describeFsError(error, file), { cause: error });
  }
  return counts;
}

async function insert(
  connection: DuckDBConnection,
  table: OperationalTable,
  rows: OperationalCell[][],
): Promise<number> {
  const columns = operationalColumns[table];
  const names = columns.map(([name]) => name).join(', ');
  // Lists of the same length unnest side by side: one bind parameter per column, whatever the row count.
  const selected = columns.map(([name, type], index) => `unnest($${index + 1}::${type}[]) AS ${name}`);
  const sql = `INSERT INTO ${operationalSchemaName}.${table} (${names}) SELECT ${names} FROM (SELECT ${selected.join(', ')}) ON CONFLICT DO NOTHING`;
  let inserted = 0;
  for (const chunk of columnChunks(table, rows)) {
    const result = await connection.run(
      sql,
      chunk.values.map((column) =>
        listValue(column.map((cell): DuckDBValue => (isList(cell) ? listValue([...cell]) : cell))),
      ),
      columns.map(([, type]) => LIST(boundType[type] ?? VARCHAR)),
    );
    inserted += Number(result.rowsChanged);
  }
  return inserted;
}

async function countRows(file: string): Promise<OperationalTables> {
  const location = `DuckDB ${relative(dirname(dirname(dirname(file))), file)} in the runs folder · schema ${operationalSchemaName}`;
  if (!existsSync(file))
    return { location, tables: operationalTables.map((table) => ({ table: qualified(table), rows: 0 })) };
  const instance = await open(file, 'READ_ONLY');
  try {
    const connection = await instance.connect();
    try {
      const tables = [];
      for (const table of operationalTables) {
        const reader = await connection.runAndReadAll(`SELECT count(*) AS n FROM ${qualified(table)}`);
        tables.push({ table: qualified(table), rows: Number(reader.getRows()[0]?.[0] ?? 0) });
      }
      return { location, tables };
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/**
 * How each column's values are bound (an empty list has no element type to infer). Timestamps and money travel as
 * text and are cast by the statement, so neither passes through a float.
 */
const boundType: Record<string, DuckDBType> = {
  int: INTEGER,
  smallint: SMALLINT,
  bool: BOOLEAN,
  'text[]': LIST(VARCHAR),
};

const isList = (cell: OperationalCell): cell is readonly string[] =>
  typeof cell === 'object' && cell !== null;

const qualified = (table: OperationalTable) => `${operationalSchemaName}.${table}`;

async function open(path: string, mode: 'READ_WRITE' | 'READ_ONLY'): Promise<DuckDBInstance> {
  try {
    // One thread and a small cap: a few thousand rows per run, beside a pipeline that has the machine's cores.
    return await DuckDBInstance.create(path, { access_mode: mode, threads: '1', memory_limit: '256MB' });
  } catch (error) {
    throw new PipelineError(
      'IO_ERROR',
      `Cannot open the operational database ${path}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * The PostgreSQL schema's tables in DuckDB's dialect. DuckDB has no ON DELETE CASCADE, and a replacement is a new
 * file, so order_lines names its order by key without a foreign key.
 */
const schemaSql = `
CREATE SCHEMA IF NOT EXISTS ${operationalSchemaName};
CREATE TABLE IF NOT EXISTS ${operationalSchemaName}.users (
  run_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  email TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  birth_year SMALLINT NOT NULL,
  country TEXT NOT NULL CHECK (length(country) = 2),
  city TEXT NOT NULL,
  segment TEXT NOT NULL,
  loyalty_tier TEXT NOT NULL,
  preferred_categories TEXT[] NOT NULL,
  marketing_opt_in BOOLEAN NOT NULL,
  signup_ts TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (run_id, user_id, version)
);
CREATE TABLE IF NOT EXISTS ${operationalSchemaName}.orders (
  run_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  order_ts TIMESTAMPTZ NOT NULL,
  status TEXT NOT NULL,
  payment_method TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  subtotal NUMERIC(12,2) NOT NULL,
  discount NUMERIC(12,2) NOT NULL,
  shipping NUMERIC(12,2) NOT NULL,
  total NUMERIC(12,2) NOT NULL CHECK (total >= 0),
  coupon_code TEXT,
  shipping_country TEXT NOT NULL CHECK (length(shipping_country) = 2),
  PRIMARY KEY (run_id, order_id)
);
CREATE TABLE IF NOT EXISTS ${operationalSchemaName}.order_lines (
  run_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  line_no INTEGER NOT NULL,
  product_id TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price NUMERIC(12,2) NOT NULL,
  line_total NUMERIC(12,2) NOT NULL,
  PRIMARY KEY (run_id, order_id, line_no)
);
`;

/** Where a run keeps its operational database on the embedded tier. */
export function embeddedOperationalFile(runDir: string): string {
  return join(runDir, 'oltp', 'shop.duckdb');
}
