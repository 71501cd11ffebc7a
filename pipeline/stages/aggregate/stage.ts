import { engineOf } from '../../contracts/manifest';
import type { StageDefinition, StageResult } from '../../contracts/stage';
import { aggregateOnSpark } from '../../engines/spark/spark-stages';
import { asNumber, tableOutputs } from '../etl-support';
import { readStageSql } from '../sql-files';

/** aggregate: the marts of aggregate/marts.sql (daily revenue, funnel, top products, cohort retention, cart abandonment). */
export const martTables = [
  'mart_daily_revenue',
  'mart_funnel',
  'mart_top_products',
  'mart_cohort_retention',
  'mart_cart_abandonment',
] as const;

export const aggregateStage: StageDefinition = {
  name: 'aggregate',
  async run(context): Promise<StageResult> {
    const { warehouse } = context.services;
    const spark = engineOf(context.config) === 'spark' ? await aggregateOnSpark(context, martTables) : null;
    if (!spark) await warehouse.exec(readStageSql('aggregate', 'marts.sql'));
    const rows: Record<string, number> = {};
    for (const table of martTables) {
      const [row] = await warehouse.query(`SELECT count(*) AS n FROM ${table}`);
      rows[table] = asNumber(row?.n);
    }
    const [input] = await warehouse.query(
      'SELECT (SELECT count(*) FROM fact_events) + (SELECT count(*) FROM fact_orders) AS n',
    );
    context.log.child('aggregate').log('info', 'marts built', rows);
    return {
      inputRows: asNumber(input?.n),
      outputRows: Object.values(rows).reduce((sum, count) => sum + count, 0),
      rejectedRows: 0,
      rejectReasons: {},
      outputs: await tableOutputs(warehouse, martTables),
      metrics: { rows, ...(spark ? { spark } : {}) },
    };
  },
};
