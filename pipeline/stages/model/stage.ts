import { engineOf } from '../../contracts/manifest';
import type { StageDefinition, StageResult } from '../../contracts/stage';
import { modelOnSpark } from '../../engines/spark/spark-stages';
import { asNumber, tableOutputs, throwIfAborted } from '../etl-support';
import { fillSql, readStageSql } from '../sql-files';

/** model: the star schema (model/*.sql): dim_date, dim_user (SCD2), dim_product, fact_events, fact_orders, fact_order_lines. */
const files = ['dim-date.sql', 'dim-user.sql', 'dim-product.sql', 'fact-events.sql', 'fact-orders.sql'];
export const modelTables = [
  'dim_date',
  'dim_user',
  'dim_product',
  'fact_events',
  'fact_orders',
  'fact_order_lines',
] as const;

export const modelStage: StageDefinition = {
  name: 'model',
  async run(context): Promise<StageResult> {
    const { warehouse } = context.services;
    const spark = engineOf(context.config) === 'spark' ? await modelOnSpark(context, modelTables) : null;
    for (const [index, file] of (spark ? [] : files).entries()) {
      throwIfAborted(context);
      await warehouse.exec(
        fillSql(readStageSql('model', file), {
          start_date: context.config.startDate,
          days: String(context.config.days),
        }),
      );
      context.progress({ done: index + 1, total: files.length, unit: 'files' });
    }
    const rows: Record<string, number> = {};
    for (const table of modelTables) {
      const [row] = await warehouse.query(`SELECT count(*) AS n FROM ${table}`);
      rows[table] = asNumber(row?.n);
    }
    const [input] = await warehouse.query(
      'SELECT (SELECT count(*) FROM stg_events) + (SELECT count(*) FROM stg_orders) + (SELECT count(*) FROM stg_users) + (SELECT count(*) FROM stg_products) AS n',
    );
    context.log.child('model').log('info', 'star schema built', rows);
    return {
      inputRows: asNumber(input?.n),
      outputRows: Object.values(rows).reduce((sum, count) => sum + count, 0),
      rejectedRows: 0,
      rejectReasons: {},
      outputs: await tableOutputs(warehouse, modelTables),
      metrics: { rows, ...(spark ? { spark } : {}) },
    };
  },
};
