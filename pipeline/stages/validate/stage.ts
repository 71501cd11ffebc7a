import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { entities, type Entity } from '../../contracts/records';
import type { StageContext, StageDefinition, StageResult } from '../../contracts/stage';
import { engineOf, type StageOutput } from '../../contracts/manifest';
import { validateOnSpark } from '../../engines/spark/spark-stages';
import { lateThresholdMs } from '../generate/config';
import {
  asNumber,
  emptyInput,
  lakeFiles,
  lakePath,
  publishLake,
  sha256File,
  throwIfAborted,
  windowEndSql,
} from '../etl-support';
import { fillSql, readStageSql, sqlList, sqlString } from '../sql-files';

/**
 * validate: reads the raw zone (lake/raw/<entity>/…) and the ingest dead letters, runs the schema, type, range,
 * completeness, referential and freshness checks of validate/*.sql, and splits every record into accepted
 * (stg_<entity>_accepted, typed) or quarantined (the `quarantine` table and lake/quarantine/<entity>/validate/,
 * each with a reason code and message). Users and products go first: events and orders are checked against them.
 * The stage reports only its own rejects: the ingest dead letters are in the `quarantine` table too, but ingest
 * rejected them and counts them, so the run's quarantine total is the sum of the two stages' rejectedRows.
 */
const order: Entity[] = ['users', 'products', 'events', 'orders'];

export interface EntityValidation {
  /** Records in the raw zone: what this stage read. */
  raw: number;
  accepted: number;
  /** Rejected by this stage's checks (ingest's dead letters are not counted here). */
  rejected: number;
}

/** The checks in DuckDB (validate/*.sql): one entity at a time, then the quarantine of everything rejected. */
async function validateOnDuckDb(
  context: StageContext,
): Promise<{ rawCounts: Record<string, number>; ingestFileCount: number }> {
  const log = context.log.child('validate');
  const { warehouse } = context.services;
  const lakeRoot = dirname(lakePath(context, 'raw'));
  const empty = await emptyInput(context.runDir);
  await warehouse.exec(readStageSql('validate', 'checks.sql'));
  const rawCounts: Record<string, number> = {};
  for (const entity of order) {
    throwIfAborted(context);
    const files = await lakeFiles(context, `raw/${entity}/`, '.ndjson');
    rawCounts[entity] = files.length;
    const sql = fillSql(readStageSql('validate', `${entity}.sql`), {
      // A glob, not a list of thousands of files: users and products spread over years of event_date= folders.
      raw_files: files.length > 0 ? sqlString(`${lakeRoot}/raw/${entity}/*/*.ndjson`) : sqlList([empty]),
      lake_root: lakeRoot,
      window_end: windowEndSql(context.config),
      late_threshold_ms: String(lateThresholdMs),
    });
    await warehouse.exec(sql);
    context.progress({ done: order.indexOf(entity) + 1, total: order.length + 1, unit: 'entities' });
    log.log('debug', 'entity validated', { entity, files: files.length });
  }
  const ingestFiles: string[] = [];
  for (const entity of entities)
    ingestFiles.push(...(await lakeFiles(context, `quarantine/${entity}/ingest/`, '.ndjson')));
  await warehouse.exec(
    fillSql(readStageSql('validate', 'quarantine.sql'), {
      ingest_files:
        ingestFiles.length > 0 ? sqlString(`${lakeRoot}/quarantine/*/ingest/*.ndjson`) : sqlList([empty]),
    }),
  );
  return { rawCounts, ingestFileCount: ingestFiles.length };
}

export const validateStage: StageDefinition = {
  name: 'validate',
  async run(context): Promise<StageResult> {
    const log = context.log.child('validate');
    const { warehouse } = context.services;
    const spark = engineOf(context.config) === 'spark' ? await validateOnSpark(context) : null;
    const { rawCounts, ingestFileCount } = spark
      ? { rawCounts: spark.rawFiles, ingestFileCount: spark.ingestFiles }
      : await validateOnDuckDb(context);

    const outputs: StageOutput[] = [];
    const perEntity: Record<string, EntityValidation> = {};
    for (const entity of entities) {
      const [counts] = await warehouse.query(
        `SELECT (SELECT count(*) FROM stg_${entity}_accepted) AS accepted, (SELECT count(*) FROM stg_${entity}_rejected) AS rejected`,
      );
      const accepted = asNumber(counts?.accepted);
      const rejected = asNumber(counts?.rejected);
      perEntity[entity] = { raw: accepted + rejected, accepted, rejected };
      const key = `quarantine/${entity}/validate/part-0.ndjson`;
      const path = lakePath(context, key);
      await rm(dirname(path), { recursive: true, force: true });
      await mkdir(dirname(path), { recursive: true });
      await warehouse.exec(
        `COPY (SELECT reason_code, reason, field, record_id, raw, source FROM stg_${entity}_rejected ORDER BY source, record_id, raw)
         TO ${sqlString(path)} (FORMAT json)`,
      );
      await publishLake(context, key);
      outputs.push({ path: `lake/${key}`, rows: rejected, sha256: await sha256File(path) });
    }
    // Per reason code: how many, and one message (the first by entity and source) so the summary can say why.
    const reasons = await warehouse.query<{ reason_code: string; rows: bigint; example: string }>(
      `SELECT reason_code, count(*) AS rows, arg_min(entity || ': ' || coalesce(reason, reason_code), entity || source || coalesce(record_id, '')) AS example
       FROM quarantine WHERE stage = 'validate' GROUP BY reason_code ORDER BY reason_code`,
    );
    const rejectReasons = Object.fromEntries(reasons.map((row) => [row.reason_code, asNumber(row.rows)]));
    const rejectExamples = Object.fromEntries(reasons.map((row) => [row.reason_code, row.example]));
    const totals = Object.values(perEntity).reduce(
      (sum, entity) => ({
        raw: sum.raw + entity.raw,
        accepted: sum.accepted + entity.accepted,
        rejected: sum.rejected + entity.rejected,
      }),
      { raw: 0, accepted: 0, rejected: 0 },
    );
    context.progress({ done: order.length + 1, total: order.length + 1, unit: 'entities' });
    log.log('info', 'validated', { accepted: totals.accepted, rejected: totals.rejected, rejectReasons });
    return {
      inputRows: totals.raw,
      outputRows: totals.accepted,
      rejectedRows: totals.rejected,
      rejectReasons,
      outputs,
      metrics: {
        perEntity,
        rawFiles: rawCounts,
        ingestDeadLetterFiles: ingestFileCount,
        rejectExamples,
        ...(spark ? { spark: spark.report } : {}),
      },
    };
  },
};
