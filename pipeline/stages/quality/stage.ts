import { existsSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GroundTruth } from '../../contracts/faults';
import { engineOf } from '../../contracts/manifest';
import type { StageDefinition, StageResult } from '../../contracts/stage';
import { faultEvaluationOnSpark, sparkQueryChecks } from '../../engines/spark/spark-stages';
import { asNumber, sha256File, windowEndSql } from '../etl-support';
import { fillSql, readStageSql, sqlString } from '../sql-files';
import { expectedOutcomeValues, scoreFaults } from './fault-scores';
import { reconcile } from './reconciliation';
import type { QualityCheck, QualityReport } from '../../contracts/quality-report';
import { runWarehouseChecks } from './warehouse-checks';

/** Targets of the issue: every realistic fault caught, 99 % of chaos faults, and no clean record rejected. */
export const recallTargets = { none: 1, realistic: 1, chaos: 0.99 } as const;

async function readGroundTruthHeader(
  context: Parameters<StageDefinition['run']>[0],
  path: string,
): Promise<GroundTruth | null> {
  if (!existsSync(path)) return null;
  // The ledger is one JSON object; DuckDB needs a buffer as large as the object (no larger: it allocates it).
  const maximumObjectSize = statSync(path).size + 1024;
  const [row] = await context.services.warehouse.query(
    `SELECT seed, profile, emitted::JSON AS emitted, clean::JSON AS clean FROM read_json(${sqlString(path)}, format = 'auto', records = true,
       maximum_object_size = ${maximumObjectSize}, columns = {seed: 'BIGINT', profile: 'VARCHAR',
       emitted: 'STRUCT(users BIGINT, products BIGINT, events BIGINT, orders BIGINT)', clean: 'STRUCT(users BIGINT, products BIGINT, events BIGINT, orders BIGINT)'})`,
  );
  if (!row) return null;
  return {
    seed: asNumber(row.seed),
    profile: row.profile as GroundTruth['profile'],
    emitted: JSON.parse(String(row.emitted)) as GroundTruth['emitted'],
    clean: JSON.parse(String(row.clean)) as GroundTruth['clean'],
    faults: [],
  };
}

/**
 * quality: runs quality/checks.sql on the warehouse, reconciles every entity from generation to the warehouse,
 * scores the checks against ground-truth.json, and writes quality/report.json (deterministic: no clock in it).
 */
export const qualityStage: StageDefinition = {
  name: 'quality',
  async run(context): Promise<StageResult> {
    const { warehouse } = context.services;
    const groundTruthPath = join(context.runDir, 'ground-truth.json');
    const groundTruth = await readGroundTruthHeader(context, groundTruthPath);
    const onSpark = engineOf(context.config) === 'spark';
    const checks: QualityCheck[] = onSpark
      ? await sparkQueryChecks(context)
      : await runWarehouseChecks(
          warehouse,
          fillSql(readStageSql('quality', 'checks.sql'), { window_end: windowEndSql(context.config) }),
        );

    // The record-level checks of ingest and validate: one per stage, entity and reason code, with a sample of
    // what they rejected. Catching is their job, so they pass; how many they caught is the figure.
    const rejects = await warehouse.query(
      `SELECT stage, entity, reason_code, count(*) AS n, (list({'record_id': record_id, 'field': field, 'reason': reason, 'source': source}
              ORDER BY source, record_id, raw))[1:3] AS sample
       FROM quarantine GROUP BY stage, entity, reason_code ORDER BY stage, entity, reason_code`,
    );
    for (const row of rejects) {
      checks.push({
        name: `${String(row.stage)}_${String(row.entity)}_${String(row.reason_code).toLowerCase()}`,
        table: String(row.entity),
        column: '',
        kind: 'quarantine',
        passed: true,
        failingRows: 0,
        caught: asNumber(row.n),
        sample: JSON.parse(String(row.sample)) as QualityCheck['sample'],
        description: `records ${String(row.stage)} rejected into quarantine with this reason code (each needs an upstream fix)`,
      });
    }

    const reconciliation = await reconcile(warehouse, groundTruth);
    checks.push({
      name: 'reconciliation_identity',
      table: 'quarantine',
      column: '',
      kind: 'reconciliation',
      passed: reconciliation.every((entity) => entity.holds),
      failingRows: reconciliation.filter((entity) => !entity.holds).length,
      sample: reconciliation.filter((entity) => !entity.holds).map((entity) => ({ ...entity, holds: false })),
      description:
        'per entity: generated = dead-lettered + landed, and landed = quarantined + duplicates removed + accepted',
    });

    const spark =
      onSpark && groundTruth
        ? await faultEvaluationOnSpark(context, groundTruthPath, expectedOutcomeValues())
        : null;
    const faults = groundTruth
      ? await scoreFaults(warehouse, groundTruthPath, statSync(groundTruthPath).size + 1024, spark !== null)
      : null;
    if (faults && groundTruth) {
      const target = recallTargets[groundTruth.profile];
      const below = faults.byKind.filter((kind) => kind.recall !== null && kind.recall < target);
      checks.push({
        name: 'fault_recall_target',
        table: '',
        column: '',
        kind: 'accuracy',
        passed: below.length === 0,
        failingRows: below.length,
        sample: below.map((kind) => ({
          kind: kind.kind,
          recall: kind.recall,
          injected: kind.injected,
          caught: kind.caught,
        })),
        description: `recall of every fault kind at least ${target * 100} % (${groundTruth.profile})`,
      });
      checks.push({
        name: 'no_clean_record_rejected',
        table: '',
        column: '',
        kind: 'accuracy',
        passed: faults.cleanRejected === 0,
        failingRows: faults.cleanRejected,
        sample: faults.precision.flatMap((action) => action.unexplainedSample),
        description: 'every rejected, removed or flagged record carries an injected fault that explains it',
      });
    }
    const qualityChecks = checks.filter((check) => check.kind !== 'quarantine');
    const catching = checks.filter((check) => check.kind === 'quarantine');
    const report: QualityReport = {
      profile: groundTruth?.profile ?? null,
      summary: {
        checks: qualityChecks.length,
        passed: qualityChecks.filter((check) => check.passed).length,
        failed: qualityChecks.filter((check) => !check.passed).length,
        caught: {
          checks: catching.length,
          records: catching.reduce((sum, check) => sum + (check.caught ?? 0), 0),
        },
      },
      checks,
      reconciliation,
      faults,
    };
    const directory = join(context.runDir, 'quality');
    await mkdir(directory, { recursive: true });
    const path = join(directory, 'report.json');
    await writeFile(
      `${path}.partial`,
      `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value), 2)}\n`,
    );
    await rename(`${path}.partial`, path);
    const failed = qualityChecks.filter((check) => !check.passed).map((check) => check.name);
    context.log.child('quality').log(failed.length > 0 ? 'warn' : 'info', 'quality report written', {
      checks: qualityChecks.length,
      failed,
      recall: faults?.overallRecall,
      precision: faults?.overallPrecision,
    });
    return {
      inputRows: reconciliation.reduce((sum, entity) => sum + entity.deadLettered + entity.landed, 0),
      outputRows: qualityChecks.length,
      rejectedRows: 0,
      rejectReasons: {},
      outputs: [{ path: 'quality/report.json', rows: checks.length, sha256: await sha256File(path) }],
      metrics: {
        reconciliation,
        checksPassed: report.summary.passed,
        checksFailed: report.summary.failed,
        failedChecks: failed,
        recall: faults?.overallRecall ?? null,
        precision: faults?.overallPrecision ?? null,
        cleanRejected: faults?.cleanRejected ?? null,
        recallByKind: faults
          ? Object.fromEntries(faults.byKind.map((kind) => [kind.kind, kind.recall]))
          : null,
        precisionByAction: faults
          ? Object.fromEntries(faults.precision.map((action) => [action.action, action.precision]))
          : null,
        ...(spark ? { spark } : {}),
      },
    };
  },
};
