import { PipelineError } from '../../contracts/errors';

/**
 * ClickHouse DDL for a curated table, from its DuckDB column types (information_schema of the ETL warehouse,
 * so the DDL follows the tables that were really built, not a copy of their spec). Money stays DECIMAL; DuckDB's
 * naive TIMESTAMP holds UTC in this pipeline and becomes DateTime64(6, 'UTC') (DuckDB keeps microseconds).
 */
export interface DuckDbColumn {
  name: string;
  type: string;
}

const scalarTypes: Record<string, string> = {
  BOOLEAN: 'Bool',
  TINYINT: 'Int8',
  SMALLINT: 'Int16',
  INTEGER: 'Int32',
  BIGINT: 'Int64',
  HUGEINT: 'Int128',
  UTINYINT: 'UInt8',
  USMALLINT: 'UInt16',
  UINTEGER: 'UInt32',
  UBIGINT: 'UInt64',
  FLOAT: 'Float32',
  DOUBLE: 'Float64',
  VARCHAR: 'String',
  // DuckDB writes JSON to Parquet as a string column; ClickHouse's own JSON type is not what a learner expects yet.
  JSON: 'String',
  BLOB: 'String',
  UUID: 'UUID',
  DATE: 'Date32',
  TIMESTAMP: "DateTime64(6, 'UTC')",
  'TIMESTAMP WITH TIME ZONE': "DateTime64(6, 'UTC')",
  TIMESTAMP_MS: "DateTime64(3, 'UTC')",
  TIMESTAMP_S: "DateTime64(0, 'UTC')",
};

/** The ClickHouse type of a DuckDB type, without nullability. */
export function clickHouseTypeOf(duckDbType: string): string {
  const type = duckDbType.trim().toUpperCase();
  const decimal = /^(?:DECIMAL|NUMERIC)\((\d+),\s*(\d+)\)$/.exec(type);
  if (decimal) return `Decimal(${decimal[1]}, ${decimal[2]})`;
  if (type.endsWith('[]')) return `Array(${clickHouseTypeOf(type.slice(0, -2))})`;
  const mapped = scalarTypes[type];
  if (!mapped)
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `No ClickHouse type for DuckDB type ${duckDbType}: add it to pipeline/services/clickhouse/clickhouse-ddl.ts.`,
    );
  return mapped;
}

/**
 * Sort keys: the columns queries filter and group by first (day, then the entity), so a day's or a user's rows
 * sit together on disk. A table not listed here (a new mart) sorts by nothing in particular: still loadable.
 */
export const sortKeyByTable: Readonly<Record<string, readonly string[]>> = {
  dim_date: ['date_key'],
  dim_user: ['user_id', 'version'],
  dim_product: ['product_id'],
  fact_events: ['date_key', 'event_type', 'user_id'],
  fact_orders: ['date_key', 'user_id', 'order_id'],
  fact_order_lines: ['date_key', 'order_id', 'line_no'],
  mart_daily_revenue: ['date'],
  mart_funnel: ['date', 'step_order'],
  mart_top_products: ['rank', 'product_id'],
  mart_cohort_retention: ['cohort_week', 'week_offset'],
  mart_cart_abandonment: ['date'],
  quarantine: ['entity', 'reason_code'],
  dedupe_removed: ['entity', 'record_id', 'copy_number'],
  stream_windows: ['window_start'],
  stream_rejects: ['reason'],
  stream_consumer_lag: ['consumer_group', 'sample_no', 'topic', 'partition'],
};

/** A ClickHouse identifier in backquotes (names come from our own specs, but a stray quote must not break the DDL). */
export function quoteIdentifier(name: string): string {
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

/**
 * CREATE TABLE for a MergeTree copy of the table. Sort-key columns are declared NOT NULL (ClickHouse refuses
 * nullable keys by default); every other column is Nullable, because DuckDB's Parquet marks all columns optional
 * and an outer join can leave any of them empty. Arrays cannot be Nullable in ClickHouse, so they are not.
 */
export function createTableSql(
  qualifiedName: string,
  table: string,
  columns: readonly DuckDbColumn[],
): string {
  if (columns.length === 0)
    throw new PipelineError('INVALID_ARGUMENT', `Table ${table} has no columns to create in ClickHouse.`);
  const sortKey = sortKeyByTable[table] ?? [];
  const missing = sortKey.filter((key) => !columns.some((column) => column.name === key));
  if (missing.length > 0)
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `The ClickHouse sort key of ${table} names missing columns: ${missing.join(', ')}.`,
    );
  const definitions = columns.map((column) => {
    const type = clickHouseTypeOf(column.type);
    const nullable = !sortKey.includes(column.name) && !type.startsWith('Array(');
    return `  ${quoteIdentifier(column.name)} ${nullable ? `Nullable(${type})` : type}`;
  });
  const orderBy = sortKey.length === 0 ? 'tuple()' : `(${sortKey.map(quoteIdentifier).join(', ')})`;
  return `CREATE OR REPLACE TABLE ${qualifiedName} (\n${definitions.join(',\n')}\n) ENGINE = MergeTree ORDER BY ${orderBy}`;
}

/** One ClickHouse database per run (`<base>_run_<runId>`), so a run's tables are dropped or compared as a unit. */
export function runDatabaseName(baseDatabase: string, runId: string): string {
  return `${baseDatabase}_run_${runId.replace(/[^A-Za-z0-9_]/g, '_')}`;
}
