import { dirname } from 'node:path';
import { entities, type Entity } from '../../contracts/records';
import type { StageContext } from '../../contracts/stage';
import { lateThresholdMs } from '../../stages/generate/config';
import { emptyInput, lakeFiles, lakePath, windowEndSql } from '../../stages/etl-support';
import { sparkQueryChecks } from './spark-checks';
import { runSparkStage, type SparkStageReport } from './spark-stage-runner';

/**
 * What each batch stage runs on the Spark engine: its Spark SQL files (sql/<stage>/), their placeholders, and the
 * tables the rest of the pipeline reads afterwards (loaded into the working DuckDB). The stage files call these in
 * place of their DuckDB SQL and keep the rest of their work (counts, quarantine files, reports) as it is.
 */
export const sparkSqlOrder = {
  validate: ['checks.sql', 'users.sql', 'products.sql', 'events.sql', 'orders.sql', 'quarantine.sql'],
  dedupe: ['dedupe.sql'],
  model: ['dim-date.sql', 'dim-user.sql', 'dim-product.sql', 'fact-events.sql', 'fact-orders.sql'],
  aggregate: ['marts.sql'],
  quality: ['checks.sql', 'fault-evaluation.sql'],
} as const;

const validateOrder: Entity[] = ['users', 'products', 'events', 'orders'];

export async function validateOnSpark(
  context: StageContext,
): Promise<{ report: SparkStageReport; rawFiles: Record<string, number>; ingestFiles: number }> {
  const lakeRoot = dirname(lakePath(context, 'raw'));
  const empty = await emptyInput(context.runDir);
  const shared = {
    lake_root: lakeRoot,
    window_end: windowEndSql(context.config),
    late_threshold_ms: String(lateThresholdMs),
  };
  const rawFiles: Record<string, number> = {};
  const files: Array<{ file: string; values: Record<string, string> }> = [
    { file: 'checks.sql', values: shared },
  ];
  for (const entity of validateOrder) {
    const found = await lakeFiles(context, `raw/${entity}/`, '.ndjson');
    rawFiles[entity] = found.length;
    files.push({
      file: `${entity}.sql`,
      values: { ...shared, raw_path: found.length > 0 ? `${lakeRoot}/raw/${entity}/*/*.ndjson` : empty },
    });
  }
  let ingestFiles = 0;
  for (const entity of entities)
    ingestFiles += (await lakeFiles(context, `quarantine/${entity}/ingest/`, '.ndjson')).length;
  files.push({
    file: 'quarantine.sql',
    values: { ingest_path: ingestFiles > 0 ? `${lakeRoot}/quarantine/*/ingest/*.ndjson` : empty },
  });
  const tables = [
    ...entities.flatMap((entity) => [`stg_${entity}_accepted`, `stg_${entity}_rejected`]),
    'stg_ingest_rejected',
    'quarantine',
  ];
  const report = await runSparkStage(context, 'validate', files, tables);
  return { report, rawFiles, ingestFiles };
}

export function dedupeOnSpark(context: StageContext): Promise<SparkStageReport> {
  return runSparkStage(
    context,
    'dedupe',
    [{ file: 'dedupe.sql', values: {} }],
    [...entities.map((entity) => `stg_${entity}`), 'dedupe_removed'],
  );
}

export function modelOnSpark(context: StageContext, tables: readonly string[]): Promise<SparkStageReport> {
  const values = { start_date: context.config.startDate, days: String(context.config.days) };
  return runSparkStage(
    context,
    'model',
    sparkSqlOrder.model.map((file) => ({ file, values })),
    tables,
  );
}

export function aggregateOnSpark(
  context: StageContext,
  tables: readonly string[],
): Promise<SparkStageReport> {
  return runSparkStage(context, 'aggregate', [{ file: 'marts.sql', values: {} }], tables);
}

/** The fault evaluation's two tables, built by Spark and loaded for the quality stage's scoring queries. */
export function faultEvaluationOnSpark(
  context: StageContext,
  groundTruthPath: string,
  expectedOutcomes: string,
): Promise<SparkStageReport> {
  return runSparkStage(
    context,
    'quality',
    [
      {
        file: 'fault-evaluation.sql',
        values: { ground_truth_path: groundTruthPath, expected_outcomes: expectedOutcomes },
      },
    ],
    ['fault_outcomes', 'action_truth'],
  );
}

export { sparkQueryChecks };
