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

const startedRuns: string[] = [];

test.afterAll(() => {
  for (const dir of [runDir, ...startedRuns]) rmSync(dir, { recursive: true, force: true });
});

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

test('while a Spark stage of a console run runs, the drawer follows it and links the live Spark UI', async ({
  page,
  request,
}) => {
  test.setTimeout(10 * 60_000);
  await page.goto('/pipeline');
  await page.getByLabel('Seed').fill('4');
  await page.getByLabel(/^Events/).fill('2000');
  await page.getByRole('radio', { name: /Apache Spark/ }).check();
  const stepMode = page.getByLabel('Step mode');
  if (await stepMode.isChecked()) await stepMode.click();
  const posted = page.waitForResponse(
    (response) => response.url().endsWith('/api/runs') && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Start run' }).click();
  const response = await posted;
  expect(response.status()).toBe(202);
  const started = ((await response.json()) as { runId: string }).runId;
  startedRuns.push(join(process.env.PIPELINE_LAB_RUNS_DIR ?? join('.data', 'runs'), started));

  await page.getByRole('button', { name: 'Open validate' }).click();
  const drawer = page.getByRole('dialog', { name: 'Stage Validate' });
  const link = drawer.getByRole('link', { name: /Open the live Spark UI/ });
  await expect(link).toBeVisible({ timeout: 4 * 60_000 });
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  // The link is real: Spark's UI answers on loopback while the stage's driver lives.
  expect((await request.get(href!)).ok()).toBe(true);
  // The statement running now, or one already done (the first can take seconds to plan under load).
  await expect(drawer.getByTestId('spark-stage')).toContainText(/validate\/[a-z]+\.sql (#|statement )\d/);
  await page.screenshot({ path: 'test-results/spark-drawer-live.png' });
  await drawer.getByRole('button', { name: 'Close' }).click();

  // When the run's process has finished, its driver is gone and the drawer says so.
  await expect
    .poll(
      async () => {
        const details = (await (await request.get(`/api/runs/${started}`)).json()) as {
          manifest?: { status: string };
          active?: boolean;
        };
        return `${details.manifest?.status ?? 'unknown'}${details.active ? ' (process running)' : ''}`;
      },
      { timeout: 6 * 60_000, intervals: [2_000] },
    )
    .toBe('succeeded');
  await expect
    .poll(
      async () =>
        (
          (await (await request.get(`/api/runs/${started}/stages/validate`)).json()) as {
            spark?: { uiLive: boolean };
          }
        ).spark?.uiLive,
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBe(false);
  await request.delete(`/api/runs/${started}`);
});
