import { createHash } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { engineOf, type StageOutput } from '../../contracts/manifest';
import type { StageContext, StageDefinition, StageResult } from '../../contracts/stage';
import { curatedTables, streamTables } from '../../contracts/stream-tables';
import { warehouseTables } from '../../contracts/warehouse';
import { exportToLakehouse } from '../../engines/spark/lakehouse/lakehouse-export';
import { asNumber, lakePath, publishLake, sha256File, throwIfAborted } from '../etl-support';
import { sqlString } from '../sql-files';
import { loadAnalyticsWarehouse } from './load-analytics';
import { serveAcceptedEvents } from './serve-events';

/**
 * export: every warehouse table (pipeline/contracts/warehouse.ts) and the stream tables the ingest stage wrote
 * (pipeline/contracts/stream-tables.ts) as zstd Parquet in lake/curated/<table>.parquet,
 * and `<runDir>/warehouse.duckdb` for the browser. DuckDB-WASM 1.32 runs engine 1.4.x and cannot open a file in
 * a newer storage format, so the file is ATTACHed with STORAGE_VERSION 'v1.4.0' (docs/decisions/001). Both are
 * written under a temporary name and renamed, so a crash never leaves half a file where the browser looks.
 * On the services tier with CLICKHOUSE_URL set, the Parquet files are then loaded into ClickHouse as well, and
 * every accepted event is written to Cassandra's query-first serving table (serve-events.ts, docs/decisions/010).
 * On the Spark engine the curated tables are also written as Iceberg tables of the run's lakehouse
 * (lake/iceberg, docs/decisions/012).
 */
export const exportedTables = curatedTables.map((table) => table.name);
/** The batch engine's tables: the lakehouse holds these (the stream tables come from the speed layer). */
const lakehouseTables = warehouseTables.map((table) => table.name);
const clockColumnsOf = new Map(streamTables.map((table) => [table.name, table.clockColumns]));

export const exportStage: StageDefinition = {
  name: 'export',
  async run(context): Promise<StageResult> {
    const { warehouse } = context.services;
    const outputs: StageOutput[] = [];
    let rows = 0;
    // Scans keep each table's stored order (built with ORDER BY), so the files are byte-identical on every run.
    await warehouse.exec('SET preserve_insertion_order = true');
    for (const [index, table] of exportedTables.entries()) {
      throwIfAborted(context);
      const path = lakePath(context, `curated/${table}.parquet`);
      const partial = `${path}.partial`;
      await mkdir(join(path, '..'), { recursive: true });
      // zstd level 1, not DuckDB's default 3: on these tables it is about 15% faster to write and the files come out
      // no larger (fact_events for 1M events: 42.2 MB at level 1, 42.5 MB at level 3).
      await warehouse.exec(
        `COPY (SELECT * FROM ${table}) TO ${sqlString(partial)} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, ROW_GROUP_SIZE 122880)`,
      );
      await rename(partial, path);
      await publishLake(context, `curated/${table}.parquet`);
      const [count] = await warehouse.query(`SELECT count(*) AS n FROM ${table}`);
      const tableRows = asNumber(count?.n);
      rows += tableRows;
      const clockColumns = clockColumnsOf.get(table) ?? [];
      outputs.push({
        path: `lake/curated/${table}.parquet`,
        rows: tableRows,
        sha256:
          clockColumns.length > 0 ? await rowsDigest(warehouse, table, clockColumns) : await sha256File(path),
      });
      context.progress({ done: index + 1, total: exportedTables.length + 1, unit: 'tables' });
    }

    const iceberg =
      engineOf(context.config) === 'spark'
        ? await exportToLakehouse(context, lakehouseTables, (done) =>
            context.progress({ done, total: lakehouseTables.length, unit: 'Iceberg tables' }),
          )
        : null;
    const clickhouse = await loadAnalyticsWarehouse(context, exportedTables, outputs);
    const cassandra = await serveAcceptedEvents(context);

    const target = join(context.runDir, 'warehouse.duckdb');
    const partial = `${target}.partial`;
    await rm(partial, { force: true });
    await rm(`${partial}.wal`, { force: true });
    await warehouse.exec(`ATTACH ${sqlString(partial)} AS browser_db (STORAGE_VERSION 'v1.4.0')`);
    try {
      for (const table of exportedTables)
        await warehouse.exec(`CREATE TABLE browser_db.${table} AS SELECT * FROM ${table}`);
      await warehouse.exec('CHECKPOINT browser_db');
    } finally {
      await warehouse.exec('DETACH browser_db');
    }
    await rename(partial, target);
    // A DuckDB file's header carries a random database id, so its bytes differ on every write even when its tables
    // do not. Its manifest checksum is therefore a content digest: the sha256 of the tables' Parquet checksums (the
    // same SELECTs fill both), and the file's own hash is kept as a metric.
    const contentDigest = createHash('sha256')
      .update(outputs.map((output) => `${output.path} ${output.rows} ${output.sha256}`).join('\n'))
      .digest('hex');
    const fileSha256 = await sha256File(target);
    outputs.push({ path: 'warehouse.duckdb', rows, sha256: contentDigest });
    context.progress({ done: exportedTables.length + 1, total: exportedTables.length + 1, unit: 'tables' });
    const bytes = (await stat(target)).size;
    context.log
      .child('export')
      .log('info', 'exported', { tables: exportedTables.length, rows, warehouseBytes: bytes });
    return {
      inputRows: rows,
      outputRows: rows,
      rejectedRows: 0,
      rejectReasons: {},
      outputs,
      metrics: {
        tables: exportedTables.length,
        warehouseBytes: bytes,
        warehouseFileSha256: fileSha256,
        ...(iceberg ? { iceberg } : {}),
        ...(clickhouse ? { clickhouse } : {}),
        ...(cassandra ? { cassandra } : {}),
      },
    };
  },
};

/**
 * The checksum of a table with wall-clock columns (when a lag sample was taken): the sha256 of its rows without
 * them, in stored order, so a re-run of the same input has the same outputs while the file keeps the real times.
 */
async function rowsDigest(
  warehouse: StageContext['services']['warehouse'],
  table: string,
  clockColumns: readonly string[],
): Promise<string> {
  const rows = await warehouse.query(
    `SELECT * EXCLUDE (${clockColumns.map((name) => `"${name}"`).join(', ')}) FROM ${table}`,
  );
  const hash = createHash('sha256');
  for (const row of rows)
    hash.update(
      JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)) +
        '\n',
    );
  return hash.digest('hex');
}
