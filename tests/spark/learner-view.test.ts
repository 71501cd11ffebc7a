import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '@/pipeline/contracts/manifest';
import { sparkStageRecordSchema, type SparkStageRecord } from '@/pipeline/contracts/spark-stage-record';
import { suiteRuns } from './suite-runs';

/**
 * The record each batch stage of a Spark-engine run keeps for the console's stage drawer
 * (<runDir>/spark/<stage>.json): statements, executed plans, shuffle figures, on the suite's Spark run.
 */
let sparkDir: string;
let manifest: Manifest;

const stageRecord = (stage: string): SparkStageRecord =>
  sparkStageRecordSchema.parse(JSON.parse(readFileSync(join(sparkDir, 'spark', `${stage}.json`), 'utf8')));

beforeAll(async () => {
  ({ sparkDir, spark: manifest } = await suiteRuns());
}, 45 * 60_000);

describe("the Spark stage record, the stage drawer's source", () => {
  it('is kept for every batch stage of a Spark-engine run', () => {
    expect(manifest.status, JSON.stringify(manifest.stages.find((stage) => stage.error)?.error)).toBe(
      'succeeded',
    );
    for (const stage of ['validate', 'dedupe', 'model', 'aggregate', 'quality']) {
      const record = stageRecord(stage);
      expect(record.statements.length, stage).toBeGreaterThan(0);
      expect(record.current, stage).toBeNull();
      expect(record.error, stage).toBeNull();
    }
  });

  it('holds the Spark SQL of each statement and the executed plan of each table written', () => {
    const aggregate = stageRecord('aggregate');
    const top = aggregate.statements.find((statement) => statement.table === 'mart_top_products');
    expect(top?.sql).toMatch(/FROM fact_order_lines AS l JOIN fact_orders/);
    expect(top?.plan).toContain('== Physical Plan ==');
    expect(top?.plan).toMatch(/HashAggregate/);
    expect(top?.plan).toMatch(/BroadcastHashJoin|SortMergeJoin|ShuffledHashJoin/);
    // The plan as executed: adaptive execution's final plan, not the one before it ran.
    expect(top?.plan).toContain('isFinalPlan=true');
    expect(top?.rows).toBeGreaterThan(0);
    expect(aggregate.statements.every((statement) => statement.table === null || statement.plan)).toBe(true);
  });

  it('measures the shuffle of a stage that shuffles, and the figures add up', () => {
    const dedupe = stageRecord('dedupe');
    expect(dedupe.totals.shuffleWriteBytes).toBeGreaterThan(0);
    expect(dedupe.totals.shuffleReadBytes).toBeGreaterThan(0);
    expect(dedupe.statements.some((statement) => statement.plan?.includes('Exchange'))).toBe(true);
    const summed = dedupe.statements.reduce((sum, statement) => sum + statement.figures.shuffleWriteBytes, 0);
    expect(dedupe.totals.shuffleWriteBytes).toBe(summed);
    expect(dedupe.totals.tasks).toBeGreaterThan(0);
  });

  it("names the driver's loopback Spark UI and its process", () => {
    const validate = stageRecord('validate');
    expect(validate.uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(validate.driverPid).toBeGreaterThan(0);
    expect(validate.sparkVersion).toBe(manifest.sparkVersion);
  });
});
