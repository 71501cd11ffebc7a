import { createReadStream } from 'node:fs';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { PipelineError } from '../../contracts/errors';
import type { AnalyticsWarehouse, CuratedTable } from '../../contracts/services';
import { createTableSql, quoteIdentifier, runDatabaseName } from './clickhouse-ddl';

/**
 * ClickHouse as the services tier's analytics warehouse: each curated Parquet file of a run is streamed into a
 * MergeTree table (INSERT ... FORMAT Parquet, the file never held in memory) in the run's own database. The
 * marts arrive as the tables DuckDB built, so ClickHouse serves exactly the figures of the other outputs.
 */
export async function openClickHouseAnalytics(url: string, runId: string): Promise<AnalyticsWarehouse> {
  const client = createClient({
    url,
    request_timeout: 300_000,
    // A 1M-event fact table takes a while to insert: progress headers keep the HTTP connection from idling out.
    clickhouse_settings: {
      wait_end_of_query: 1,
      send_progress_in_http_headers: 1,
      http_headers_progress_interval_ms: '20000',
    },
    // Failures reach the caller as PipelineErrors with a fix; the client's own log would only repeat them.
    log: { level: ClickHouseLogLevel.OFF },
  });
  let baseDatabase: string;
  try {
    const result = await client.query({ query: 'SELECT currentDatabase() AS name', format: 'JSONEachRow' });
    const [row] = await result.json<{ name: string }>();
    baseDatabase = row?.name ?? 'default';
  } catch (cause) {
    await client.close();
    throw new PipelineError(
      'SERVICE_UNAVAILABLE',
      `Cannot reach ClickHouse at ${redact(url)}: ${(cause as Error).message}. Try \`npm run doctor\`.`,
      { cause, retriable: true },
    );
  }
  const database = quoteIdentifier(runDatabaseName(baseDatabase, runId));
  return {
    async loadCurated(tables) {
      await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
      const loaded: Array<{ table: string; rows: number }> = [];
      for (const table of tables)
        loaded.push({ table: table.name, rows: await loadTable(client, database, table) });
      return loaded;
    },
    close: () => client.close(),
  };
}

/**
 * Loads into a staging table and swaps it in with EXCHANGE TABLES (atomic in ClickHouse's Atomic database
 * engine), so a reader sees the previous load or the whole new one, and a re-run replaces instead of appending.
 */
async function loadTable(client: ClickHouseClient, database: string, table: CuratedTable): Promise<number> {
  const target = `${database}.${quoteIdentifier(table.name)}`;
  const staging = `${database}.${quoteIdentifier(`${table.name}__loading`)}`;
  try {
    await client.command({ query: createTableSql(staging, table.name, table.columns) });
    await client.insert({ table: staging, values: createReadStream(table.parquetPath), format: 'Parquet' });
    await client.command({ query: `CREATE TABLE IF NOT EXISTS ${target} AS ${staging}` });
    await client.command({ query: `EXCHANGE TABLES ${staging} AND ${target}` });
    await client.command({ query: `DROP TABLE IF EXISTS ${staging}` });
    const result = await client.query({
      query: `SELECT count() AS rows FROM ${target}`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ rows: string | number }>();
    return Number(row?.rows ?? 0);
  } catch (cause) {
    if (cause instanceof PipelineError) throw cause;
    throw new PipelineError(
      'SERVICE_UNAVAILABLE',
      `Loading ${table.name} into ClickHouse failed: ${(cause as Error).message}`,
      { cause, retriable: true },
    );
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable CLICKHOUSE_URL>';
  }
}
