import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';

/**
 * Spark the learner can see, in Chromium against the real server: a Spark-engine run made by the CLI (real Spark,
 * 2,000 events), its stage drawer's Spark section after the run (statements, executed plan, shuffle, the UI closed
 * with the driver), and a Spark lesson cell run by the server's own Spark session.
 */
const runId = `e2e-spark-${Date.now().toString(36)}`;
const runDir = join(process.env.PIPELINE_LAB_RUNS_DIR ?? join('.data', 'runs'), runId);

test.beforeAll(async () => {
  test.setTimeout(15 * 60_000);
  await promisify(execFile)(
    join('node_modules', '.bin', 'tsx'),
    ['pipeline/cli.ts', 'run', '--engine', 'spark', '--seed', '3', '--events', '2000', '--out', runDir],
    { maxBuffer: 16 * 1024 * 1024 },
  );
});

test.afterAll(() => rmSync(runDir, { recursive: true, force: true }));

test("the stage drawer shows what a stage ran on Spark, after the run's driver has gone", async ({
  page,
}) => {
  await page.goto(`/pipeline?run=${runId}`);
  await page.getByRole('button', { name: 'Open aggregate' }).click();
  const drawer = page.getByRole('dialog', { name: 'Stage Aggregate' });
  const spark = drawer.getByTestId('spark-stage');
  await expect(spark).toContainText('On Spark 4.0.1', { timeout: 15_000 });
  await expect(spark).toContainText('Spark UI not running');
  await expect(spark).toContainText('closed with its driver');
  await expect(spark.getByTestId('spark-shuffle-write')).not.toHaveText('0 B');
  await spark.getByText('→ mart_top_products').click();
  await expect(spark.getByTestId('spark-plan').first()).toContainText('HashAggregate');
  await page.screenshot({ path: 'test-results/spark-drawer.png', fullPage: false });
});

test('a Spark lesson cell runs its experiment on the server and shows the figures of each variant', async ({
  page,
}) => {
  test.setTimeout(5 * 60_000);
  await page.goto('/learn/spark-performance');
  const cell = page
    .getByTestId('spark-cell')
    .filter({ hasText: 'repartition(n) against coalesce(n) from 16 partitions' });
  await cell.getByRole('button', { name: 'Run on Spark' }).click();
  const result = cell.getByTestId('spark-cell-result');
  await expect(result).toContainText('coalesce(4)', { timeout: 4 * 60_000 });
  await expect(result).toContainText('repartition(4)');
  await expect(result.getByTestId('spark-cell-figures').first()).toContainText('shuffle written');
  await expect(cell).toContainText(/on (your run|the bundled sample run)/);
  await cell.screenshot({ path: 'test-results/spark-cell.png' });
});
