import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPipelineError } from '../../../pipeline/contracts/errors';
import type { CuratedTable } from '../../../pipeline/contracts/services';
import { curatedTables } from '../../../pipeline/contracts/stream-tables';
import { systemClock } from '../../../pipeline/core/clock';
import { openClickHouseAnalytics } from '../../../pipeline/services/clickhouse/clickhouse-analytics';
import {
  clickHouseTypeOf,
  createTableSql,
  runDatabaseName,
  sortKeyByTable,
} from '../../../pipeline/services/clickhouse/clickhouse-ddl';
import {
  openDuckDbWarehouse,
  type DuckDbWarehouse,
} from '../../../pipeline/services/shared/duckdb-warehouse';
import { LocalObjectStore } from '../../../pipeline/services/shared/local-object-store';
import { loadAnalyticsWarehouse } from '../../../pipeline/stages/export/load-analytics';

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isPipelineError(error) ? error.code : 'not a PipelineError';
  }
  return undefined;
}

describe('DuckDB → ClickHouse types', () => {
  it('keeps money DECIMAL with its precision, timestamps at microseconds in UTC, and maps the rest', () => {
    expect(clickHouseTypeOf('DECIMAL(12,2)')).toBe('Decimal(12, 2)');
    expect(clickHouseTypeOf('DECIMAL(14, 2)')).toBe('Decimal(14, 2)');
    expect(clickHouseTypeOf('TIMESTAMP')).toBe("DateTime64(6, 'UTC')");
    expect(clickHouseTypeOf('DATE')).toBe('Date32');
    expect(clickHouseTypeOf('BIGINT')).toBe('Int64');
    expect(clickHouseTypeOf('INTEGER')).toBe('Int32');
    expect(clickHouseTypeOf('DOUBLE')).toBe('Float64');
    expect(clickHouseTypeOf('BOOLEAN')).toBe('Bool');
    expect(clickHouseTypeOf('JSON')).toBe('String');
    expect(clickHouseTypeOf('VARCHAR[]')).toBe('Array(String)');
    expect(errorCode(() => clickHouseTypeOf('INTERVAL'))).toBe('INVALID_ARGUMENT');
  });

  it('gives every exported table a MergeTree DDL whose sort key exists, with no money column as a float', () => {
    for (const table of curatedTables) {
      const ddl = createTableSql(`db.\`${table.name}\``, table.name, table.columns);
      expect(ddl).toMatch(/ENGINE = MergeTree ORDER BY \(.+\)$/);
      expect(sortKeyByTable[table.name], `${table.name} has a sort key`).toBeDefined();
      for (const column of table.columns.filter((candidate) => candidate.type.startsWith('DECIMAL'))) {
        expect(ddl).toMatch(new RegExp(`\`${column.name}\` (Nullable\\()?Decimal\\(1[24], 2\\)`));
      }
    }
  });

  it('declares the sort key NOT NULL and everything else Nullable', () => {
    const ddl = createTableSql('db.`fact_orders`', 'fact_orders', [
      { name: 'order_id', type: 'VARCHAR' },
      { name: 'user_id', type: 'VARCHAR' },
      { name: 'date_key', type: 'INTEGER' },
      { name: 'total', type: 'DECIMAL(12,2)' },
      { name: 'tags', type: 'VARCHAR[]' },
    ]);
    expect(ddl).toBe(
      [
        'CREATE OR REPLACE TABLE db.`fact_orders` (',
        '  `order_id` String,',
        '  `user_id` String,',
        '  `date_key` Int32,',
        '  `total` Nullable(Decimal(12, 2)),',
        '  `tags` Array(String)',
        ') ENGINE = MergeTree ORDER BY (`date_key`, `user_id`, `order_id`)',
      ].join('\n'),
    );
  });

  it('refuses a sort key over a column the table does not have, and sorts an unknown table by tuple()', () => {
    expect(
      errorCode(() =>
        createTableSql('db.`fact_orders`', 'fact_orders', [{ name: 'order_id', type: 'VARCHAR' }]),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(createTableSql('db.`mart_new`', 'mart_new', [{ name: 'n', type: 'BIGINT' }])).toMatch(
      /ORDER BY tuple\(\)$/,
    );
  });

  it('names one database per run, safe as an identifier', () => {
    expect(runDatabaseName('pipeline_lab', '20250824-seed42.a/b')).toBe(
      'pipeline_lab_run_20250824_seed42_a_b',
    );
  });
});

describe('loading the exported tables into an analytics warehouse', () => {
  const root = mkdtempSync(join(tmpdir(), 'analytics-load-'));
  let warehouse: DuckDbWarehouse;
  const silent = { log: () => undefined, child: () => silent };
  beforeAll(async () => {
    warehouse = await openDuckDbWarehouse({ path: join(root, 'etl.duckdb') });
    await warehouse.exec(
      'CREATE TABLE fact_order_lines (order_id VARCHAR, line_no INTEGER, unit_price DECIMAL(12,2), order_ts TIMESTAMP)',
    );
    await warehouse.exec('CREATE TABLE mart_daily_revenue (date DATE, revenue DECIMAL(14,2))');
  });
  afterAll(async () => {
    await warehouse.close();
    rmSync(root, { recursive: true, force: true });
  });

  const context = (
    loadCurated: (tables: CuratedTable[]) => Promise<Array<{ table: string; rows: number }>>,
  ) => ({
    clock: systemClock,
    log: silent,
    services: {
      tier: 'services' as const,
      warehouse,
      lake: new LocalObjectStore(join(root, 'lake')),
      analytics: { loadCurated, close: async () => undefined },
    },
  });
  const exported = [
    { path: 'lake/curated/fact_order_lines.parquet', rows: 3, sha256: 'x' },
    { path: 'lake/curated/mart_daily_revenue.parquet', rows: 1, sha256: 'y' },
  ];

  it('hands the warehouse each Parquet file with its real DuckDB column types, and reports the rows', async () => {
    let seen: CuratedTable[] = [];
    const result = await loadAnalyticsWarehouse(
      context(async (tables) => {
        seen = tables;
        return [
          { table: 'fact_order_lines', rows: 3 },
          { table: 'mart_daily_revenue', rows: 1 },
        ];
      }),
      ['fact_order_lines', 'mart_daily_revenue'],
      exported,
    );
    expect(seen.map((table) => [table.name, table.parquetPath])).toEqual([
      ['fact_order_lines', join(root, 'lake', 'curated', 'fact_order_lines.parquet')],
      ['mart_daily_revenue', join(root, 'lake', 'curated', 'mart_daily_revenue.parquet')],
    ]);
    expect(seen[0]!.columns).toEqual([
      { name: 'order_id', type: 'VARCHAR' },
      { name: 'line_no', type: 'INTEGER' },
      { name: 'unit_price', type: 'DECIMAL(12,2)' },
      { name: 'order_ts', type: 'TIMESTAMP' },
    ]);
    expect(seen[1]!.columns.map((column) => clickHouseTypeOf(column.type))).toEqual([
      'Date32',
      'Decimal(14, 2)',
    ]);
    expect(result).toMatchObject({ tables: 2, rows: 4 });
  });

  it('fails the export when a table arrives with fewer rows than its Parquet file', async () => {
    const partial = loadAnalyticsWarehouse(
      context(async () => [
        { table: 'fact_order_lines', rows: 2 },
        { table: 'mart_daily_revenue', rows: 1 },
      ]),
      ['fact_order_lines', 'mart_daily_revenue'],
      exported,
    );
    await expect(partial).rejects.toMatchObject({ code: 'CORRUPT_DATA' });
  });

  it('does nothing on a tier without an analytics warehouse', async () => {
    const { analytics: _none, ...services } = context(async () => []).services;
    expect(
      await loadAnalyticsWarehouse(
        { clock: systemClock, log: silent, services },
        ['fact_order_lines'],
        exported,
      ),
    ).toBeUndefined();
  });
});

describe('ClickHouse adapter without a server', () => {
  it('says ClickHouse is unavailable (retriable, with the URL but not its password) when nothing listens', async () => {
    const error = await openClickHouseAnalytics(
      'http://learner:s3cret@127.0.0.1:1/pipeline_lab',
      'run-1',
    ).catch((caught: unknown) => caught);
    expect(isPipelineError(error) && error.code).toBe('SERVICE_UNAVAILABLE');
    expect(isPipelineError(error) && error.retriable).toBe(true);
    expect(String((error as Error).message)).toContain('127.0.0.1:1');
    expect(String((error as Error).message)).not.toContain('s3cret');
  });
});
