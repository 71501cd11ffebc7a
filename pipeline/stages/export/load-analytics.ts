import { PipelineError } from '../../contracts/errors';
import type { StageOutput } from '../../contracts/manifest';
import type { Services } from '../../contracts/services';
import type { StageContext } from '../../contracts/stage';
import { lakePath } from '../etl-support';

/**
 * On a tier with an analytics warehouse (ClickHouse), loads the curated Parquet files just exported and checks
 * that every table arrived whole: a silent partial load would show a learner wrong revenue. Returns the loaded
 * row counts for the stage metrics, or undefined when the tier has no analytics warehouse.
 */
export interface AnalyticsLoadContext extends Pick<StageContext, 'clock' | 'log'> {
  services: Pick<Services, 'analytics' | 'warehouse' | 'lake' | 'tier'>;
}

export async function loadAnalyticsWarehouse(
  context: AnalyticsLoadContext,
  tables: readonly string[],
  exported: readonly StageOutput[],
) {
  const analytics = context.services.analytics;
  if (!analytics) return undefined;
  const started = context.clock.monotonic();
  const curated = [];
  for (const table of tables) {
    const columns = await context.services.warehouse.query<{ name: string; type: string }>(
      'SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position',
      [table],
    );
    curated.push({ name: table, parquetPath: lakePath(context, `curated/${table}.parquet`), columns });
  }
  const loaded = await analytics.loadCurated(curated);
  for (const { table, rows } of loaded) {
    const expected = exported.find((output) => output.path === `lake/curated/${table}.parquet`)?.rows;
    if (expected !== rows) {
      throw new PipelineError(
        'CORRUPT_DATA',
        `ClickHouse has ${rows} rows of ${table} after the load, the Parquet file ${expected ?? 'no'} rows.`,
      );
    }
  }
  const result = {
    tables: loaded.length,
    rows: loaded.reduce((sum, table) => sum + table.rows, 0),
    durationMs: Math.round(context.clock.monotonic() - started),
  };
  context.log.child('export').log('info', 'loaded the curated tables into ClickHouse', result);
  return result;
}
