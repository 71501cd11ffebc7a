import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PipelineError } from '../../../contracts/errors';
import { icebergName, lakehouseNamespace, type RunLakehouse } from './iceberg-catalog';
import { icebergLayout, tableProperties } from './iceberg-layout';
import { tableFiles, type TableFiles } from './iceberg-inspect';

/**
 * Writes the curated tables as Iceberg tables of the run's catalog, from the curated Parquet the export stage wrote
 * (the same rows the browser's warehouse.duckdb holds). CREATE OR REPLACE keeps a table's history: writing again
 * (a resumed export) is a new snapshot of the same table, not a new table.
 */
export interface IcebergTableReport extends TableFiles {
  table: string;
  rows: number;
  snapshotId: string;
}

export function curatedParquet(runDir: string, table: string): string {
  return join(runDir, 'lake', 'curated', `${table}.parquet`);
}

export async function writeIcebergTables(
  lakehouse: RunLakehouse,
  tables: readonly string[],
  onTable?: (report: IcebergTableReport) => void,
): Promise<IcebergTableReport[]> {
  await lakehouse.sql(`CREATE NAMESPACE IF NOT EXISTS lake.${lakehouseNamespace}`, {
    label: 'creating the lakehouse namespace',
  });
  const reports: IcebergTableReport[] = [];
  for (const table of tables) {
    const source = curatedParquet(lakehouse.runDir, table);
    if (!existsSync(source) || source.includes('`')) {
      throw new PipelineError(
        'CONFLICT',
        `The curated table ${table} is not at ${source}: export the run first (npm run pipeline -- step export --run …).`,
      );
    }
    const layout = icebergLayout(table);
    const label = `writing the Iceberg table ${icebergName(table)}`;
    await lakehouse.sql(
      [
        `CREATE OR REPLACE TABLE ${icebergName(table)} USING iceberg`,
        layout.partitionedBy ? `PARTITIONED BY (${layout.partitionedBy})` : '',
        `TBLPROPERTIES (${tableProperties(layout.properties)})`,
        `AS SELECT * FROM parquet.\`${source}\``,
      ]
        .filter(Boolean)
        .join(' '),
      { label },
    );
    const [count] = await lakehouse.rows<{ rows: number; snapshot_id: string }>(
      `SELECT (SELECT count(*) FROM ${icebergName(table)}) AS rows,
              (SELECT CAST(snapshot_id AS STRING) FROM ${icebergName(table)}.snapshots ORDER BY committed_at DESC LIMIT 1) AS snapshot_id`,
      label,
    );
    const report: IcebergTableReport = {
      table,
      rows: Number(count?.rows ?? 0),
      snapshotId: String(count?.snapshot_id ?? ''),
      ...(await tableFiles(lakehouse, table)),
    };
    reports.push(report);
    onTable?.(report);
  }
  return reports;
}
