import type { StageContext } from '../../../contracts/stage';
import { sharedSparkDriver } from '../spark-session';
import { icebergVersion } from '../version';
import { lakehouseNamespace, RunLakehouse } from './iceberg-catalog';
import { writeIcebergTables } from './iceberg-tables';

/**
 * The export stage's Spark-engine step: the curated tables, just written as Parquet, are also committed as Iceberg
 * tables of the run's catalog (lake/iceberg/curated/<table>). The Parquet files and warehouse.duckdb the browser reads
 * are unchanged.
 */
export interface LakehouseExportMetrics {
  icebergVersion: string;
  catalog: string;
  warehouse: string;
  durationMs: number;
  tables: Record<string, { rows: number; snapshotId: string; dataFiles: number; bytes: number }>;
}

export async function exportToLakehouse(
  context: StageContext,
  tables: readonly string[],
  onTable: (done: number) => void,
): Promise<LakehouseExportMetrics> {
  const log = context.log.child('export');
  const started = performance.now();
  const driver = await sharedSparkDriver(log);
  const onAbort = () => driver.kill();
  context.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const lakehouse = new RunLakehouse(driver, context.runDir);
    const written: LakehouseExportMetrics['tables'] = {};
    await writeIcebergTables(lakehouse, tables, (report) => {
      written[report.table] = {
        rows: report.rows,
        snapshotId: report.snapshotId,
        dataFiles: report.dataFiles,
        bytes: report.currentBytes,
      };
      onTable(Object.keys(written).length);
    });
    const metrics: LakehouseExportMetrics = {
      icebergVersion,
      catalog: `lake (Iceberg Hadoop catalog), namespace ${lakehouseNamespace}`,
      warehouse: 'lake/iceberg',
      durationMs: Math.round(performance.now() - started),
      tables: written,
    };
    log.log('info', 'Iceberg tables written', { tables: tables.length, durationMs: metrics.durationMs });
    return metrics;
  } finally {
    context.signal.removeEventListener('abort', onAbort);
  }
}
