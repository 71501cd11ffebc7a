import { DuckDBInstance } from '@duckdb/node-api';
import type { Entity } from '../../contracts/records';
import { csvColumns, schemaFields } from './record-format';

/**
 * Parquet is written by DuckDB from the CSV the generator streamed (constant memory on our side; DuckDB
 * streams CSV to Parquet in row groups). One thread, so the same input gives the same bytes.
 *
 * With faults, columns stay VARCHAR: a raw landing file must hold a wrong-typed value (`"12.34 USD"` in
 * `total`) rather than lose it; a malformed (truncated) row keeps its first cells and NULLs after them. With
 * the `none` profile every value fits its type, so the columns are typed (TIMESTAMP, DECIMAL(12,2), BIGINT…).
 */
const typeOfField: Record<string, string> = {
  version: 'INTEGER',
  birth_year: 'INTEGER',
  marketing_opt_in: 'BOOLEAN',
  signup_ts: 'TIMESTAMP',
  updated_at: 'TIMESTAMP',
  created_at: 'TIMESTAMP',
  price: 'DECIMAL(12,2)',
  cost: 'DECIMAL(12,2)',
  stock_qty: 'INTEGER',
  is_active: 'BOOLEAN',
  event_ts: 'TIMESTAMP',
  ingested_at: 'TIMESTAMP',
  quantity: 'INTEGER',
  schema_version: 'INTEGER',
  order_ts: 'TIMESTAMP',
  subtotal: 'DECIMAL(12,2)',
  discount: 'DECIMAL(12,2)',
  shipping: 'DECIMAL(12,2)',
  total: 'DECIMAL(12,2)',
  preferred_categories: 'JSON',
  lines: 'JSON',
};

const quoteLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;
const quoteIdentifier = (value: string): string => `"${value.replace(/"/g, '""')}"`;

export async function convertCsvToParquet(
  entity: Entity,
  csvPath: string,
  parquetPath: string,
  typed: boolean,
): Promise<void> {
  // One thread for deterministic bytes; a memory cap so a 10M-row CSV streams instead of filling RAM.
  const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '512MB' });
  try {
    const connection = await instance.connect();
    try {
      const columns = csvColumns(entity);
      const columnSpec = columns.map((column) => `${quoteLiteral(column)}: 'VARCHAR'`).join(', ');
      const source = `read_csv(${quoteLiteral(csvPath)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columnSpec}}, null_padding = true, strict_mode = false)`;
      const select = typed
        ? schemaFields(entity)
            .map((field) => {
              const type = typeOfField[field];
              return type
                ? `CAST(${quoteIdentifier(field)} AS ${type}) AS ${quoteIdentifier(field)}`
                : quoteIdentifier(field);
            })
            .join(', ')
        : '*';
      await connection.run(
        `COPY (SELECT ${select} FROM ${source}) TO ${quoteLiteral(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`,
      );
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
