import { engineOf } from '../../contracts/manifest';
import { entities } from '../../contracts/records';
import { dedupeOnSpark } from '../../engines/spark/spark-stages';
import type { StageDefinition, StageResult } from '../../contracts/stage';
import { asNumber, tableOutputs } from '../etl-support';
import { readStageSql } from '../sql-files';

/** dedupe: one row per id, keeping the first copy by event time (the rule is in dedupe/dedupe.sql). */
export const dedupeStage: StageDefinition = {
  name: 'dedupe',
  async run(context): Promise<StageResult> {
    const { warehouse } = context.services;
    const spark = engineOf(context.config) === 'spark' ? await dedupeOnSpark(context) : null;
    if (!spark) {
      // A table stg_events (an older run, or a Spark-engine run) cannot be replaced by CREATE OR REPLACE VIEW.
      const [oldTable] = await warehouse.query(
        "SELECT 1 AS found FROM duckdb_tables() WHERE table_name = 'stg_events' AND schema_name = 'main' AND NOT temporary",
      );
      if (oldTable) await warehouse.exec('DROP TABLE stg_events');
      await warehouse.exec(readStageSql('dedupe', 'dedupe.sql'));
    }
    const perEntity: Record<string, { input: number; output: number; removed: number }> = {};
    for (const entity of entities) {
      const [row] = await warehouse.query(
        `SELECT (SELECT count(*) FROM stg_${entity}_accepted) AS input, (SELECT count(*) FROM stg_${entity}) AS output`,
      );
      const input = asNumber(row?.input);
      const output = asNumber(row?.output);
      perEntity[entity] = { input, output, removed: input - output };
    }
    const sum = (pick: (counts: { input: number; output: number; removed: number }) => number) =>
      Object.values(perEntity).reduce((total, counts) => total + pick(counts), 0);
    context.log
      .child('dedupe')
      .log('info', 'duplicates removed', { removed: sum((counts) => counts.removed) });
    return {
      inputRows: sum((counts) => counts.input),
      outputRows: sum((counts) => counts.output),
      rejectedRows: 0,
      rejectReasons: {},
      outputs: await tableOutputs(warehouse, [
        ...entities.map((entity) => `stg_${entity}`),
        'dedupe_removed',
      ]),
      metrics: {
        perEntity,
        duplicatesRemoved: sum((counts) => counts.removed),
        rule: 'first copy by event time, then earliest ingested_at, then lake key',
        ...(spark ? { spark } : {}),
      },
    };
  },
};
