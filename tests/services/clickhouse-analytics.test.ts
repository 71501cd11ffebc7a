import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AnalyticsWarehouse, CuratedTable } from '../../pipeline/contracts/services';
import { runDatabaseName } from '../../pipeline/services/clickhouse/clickhouse-ddl';
import { openClickHouseAnalytics } from '../../pipeline/services/clickhouse/clickhouse-analytics';
import { openDuckDbWarehouse, type DuckDbWarehouse } from '../../pipeline/services/shared/duckdb-warehouse';

// ClickHouse cannot be installed on this machine: the suite runs only when CLICKHOUSE_URL points at a server
// (docker compose --profile analytics up -d) and is reported as skipped otherwise, never as passed.
describe.runIf(Boolean(process.env.CLICKHOUSE_URL))('ClickHouse analytics warehouse (real server)', () => {
  const root = mkdtempSync(join(tmpdir(), 'clickhouse-load-'));
  const runId = `contract-${process.pid}-${Date.now()}`;
  let duck: DuckDbWarehouse;
  let clickhouse: ClickHouseClient;
  let analytics: AnalyticsWarehouse;
  let database: string;

  const columns = async (table: string) =>
    duck.query<{ name: string; type: string }>(
      'SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position',
      [table],
    );
  const exportTable = async (table: string, select: string): Promise<CuratedTable> => {
    await duck.exec(`CREATE OR REPLACE TABLE ${table} AS ${select}`);
    const parquetPath = join(root, `${table}.parquet`);
    await duck.exec(`COPY ${table} TO '${parquetPath}' (FORMAT parquet, COMPRESSION zstd)`);
    return { name: table, parquetPath, columns: await columns(table) };
  };
  const rows = async <T>(query: string) =>
    (await clickhouse.query({ query, format: 'JSONEachRow' })).json<T>();

  beforeAll(async () => {
    duck = await openDuckDbWarehouse({ path: join(root, 'etl.duckdb') });
    clickhouse = createClient({ url: inject('clickhouseUrl') });
    analytics = await openClickHouseAnalytics(inject('clickhouseUrl'), runId);
    const [current] = await rows<{ name: string }>('SELECT currentDatabase() AS name');
    database = runDatabaseName(current!.name, runId);
  });
  afterAll(async () => {
    await clickhouse?.command({ query: `DROP DATABASE IF EXISTS \`${database}\`` });
    await analytics?.close();
    await clickhouse?.close();
    await duck?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const orders = () =>
    exportTable(
      'fact_orders',
      `SELECT 'o' || i AS order_id, 'u' || (i % 7) AS user_id, 20250824 + (i % 3) AS date_key,
              TIMESTAMP '2025-08-24 10:00:00.123456' + INTERVAL (i) MINUTE AS order_ts,
              CAST(0.10 AS DECIMAL(12,2)) AS total, CASE WHEN i % 2 = 0 THEN NULL ELSE 'SAVE10' END AS coupon_code
       FROM range(30000) AS t(i)`,
    );

  it('streams the Parquet files into MergeTree tables with DECIMAL money, exact sums and microsecond timestamps', async () => {
    const tables = [
      await orders(),
      await exportTable(
        'mart_daily_revenue',
        `SELECT DATE '2025-08-24' AS date, CAST(1234567.89 AS DECIMAL(14,2)) AS revenue, 42::BIGINT AS orders`,
      ),
    ];
    expect(await analytics.loadCurated(tables)).toEqual([
      { table: 'fact_orders', rows: 30_000 },
      { table: 'mart_daily_revenue', rows: 1 },
    ]);
    // 30 000 × 0.10 is 3000.00 exactly in DECIMAL; a float column would give 2999.9999999999...
    expect(
      await rows(
        `SELECT toString(sum(total)) AS total, toString(countIf(coupon_code IS NULL)) AS without_coupon, toString(min(order_ts)) AS first FROM \`${database}\`.fact_orders`,
      ),
    ).toEqual([{ total: '3000', without_coupon: '15000', first: '2025-08-24 10:00:00.123456' }]);
    expect(await rows(`SELECT toString(revenue) AS revenue FROM \`${database}\`.mart_daily_revenue`)).toEqual(
      [{ revenue: '1234567.89' }],
    );
    const types = await rows<{ name: string; type: string }>(
      `SELECT name, type FROM system.columns WHERE database = '${database}' AND table = 'fact_orders' ORDER BY position`,
    );
    expect(types).toEqual([
      { name: 'order_id', type: 'String' },
      { name: 'user_id', type: 'String' },
      { name: 'date_key', type: 'Int32' },
      { name: 'order_ts', type: "Nullable(DateTime64(6, 'UTC'))" },
      { name: 'total', type: 'Nullable(Decimal(12, 2))' },
      { name: 'coupon_code', type: 'Nullable(String)' },
    ]);
    expect(
      await rows(
        `SELECT engine, sorting_key FROM system.tables WHERE database = '${database}' AND name = 'fact_orders'`,
      ),
    ).toEqual([{ engine: 'MergeTree', sorting_key: 'date_key, user_id, order_id' }]);
  });

  it('a re-load replaces the run’s table instead of appending, and leaves no staging table behind', async () => {
    await analytics.loadCurated([await orders()]);
    expect(await analytics.loadCurated([await orders()])).toEqual([{ table: 'fact_orders', rows: 30_000 }]);
    const smaller = await exportTable('fact_orders', `SELECT * FROM fact_orders WHERE date_key = 20250824`);
    expect(await analytics.loadCurated([smaller])).toEqual([{ table: 'fact_orders', rows: 10_000 }]);
    expect(
      await rows(`SELECT name FROM system.tables WHERE database = '${database}' AND name LIKE '%__loading'`),
    ).toEqual([]);
  });
});
