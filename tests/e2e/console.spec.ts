import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { stageNames } from '../../pipeline/contracts/stages';

/**
 * The pipeline console journey: bad input refused beside its field (browser and server), a 50k-event run with
 * faults stepped through every stage, the reconciliation on the page, a stage's rejects, delete; then a 1M-event
 * run during which the page must keep answering. Figures go to test-results/console-metrics.json.
 */
const metricsFile = 'test-results/console-metrics.json';
const shots = 'test-results/screenshots';

async function firstProgressMs(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => window.__pipelineConsole?.submitToFirstProgressMs ?? null,
    null,
    { timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

async function startRun(page: Page, events: string, stepMode: boolean): Promise<string> {
  await page.getByLabel('Seed').fill('7');
  await page.getByLabel(/^Events/).fill(events);
  await page.getByLabel('Fault profile').selectOption('realistic');
  const box = page.getByLabel('Step mode');
  if ((await box.isChecked()) !== stepMode) await box.click();
  const posted = page.waitForResponse(
    (response) => response.url().endsWith('/api/runs') && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Start run' }).click();
  const response = await posted;
  expect(response.status()).toBe(202);
  return ((await response.json()) as { runId: string }).runId;
}

/** Merged into the file as each figure is measured: Playwright restarts its worker after a failure. */
async function recordMetric(key: string, value: unknown): Promise<void> {
  await mkdir('test-results', { recursive: true });
  const current = JSON.parse(await readFile(metricsFile, 'utf8').catch(() => '{}')) as Record<
    string,
    unknown
  >;
  await writeFile(
    metricsFile,
    `${JSON.stringify({ ...current, [key]: value, measuredAt: new Date().toISOString() }, null, 2)}\n`,
  );
}

test('bad input is refused beside its field, in the browser and on the server', async ({ page, request }) => {
  // The controls that skip the browser check exist only on the debug URL: an ordinary visitor never sees them.
  await page.goto('/pipeline');
  await expect(page.getByRole('button', { name: 'Start run' })).toBeEnabled();
  await expect(page.getByLabel('send without the browser check')).toHaveCount(0);
  await page.goto('/pipeline?debug=validation');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The pipeline');
  await page.getByLabel(/^Events/).fill('3000000');
  await page.getByLabel('Seed').fill('-1');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.locator('#run-events-error')).toContainText('At most 2,000,000 events');
  await expect(page.locator('#run-seed-error')).toContainText('Seed must be 0 or more');

  // The same input sent past the browser check: the server refuses it field by field.
  await page.getByLabel('send without the browser check').check();
  await page.getByLabel('Fault profile').selectOption('unknown-profile');
  const answer = page.waitForResponse(
    (response) => response.url().endsWith('/api/runs') && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Start run' }).click();
  expect((await answer).status()).toBe(400);
  await expect(page.locator('#run-faults-error')).toContainText('none, realistic, chaos');
  await expect(page.locator('#run-events-error')).toContainText('At most 2,000,000 events');
  await expect(page.locator('#run-seed-error')).toContainText('Seed must be 0 or more');
  await page.screenshot({ path: `${shots}/console-bad-input.png`, fullPage: true });

  const direct = await request.post('/api/runs', {
    data: { seed: 1, events: 2_000_001, days: 14, faults: 'realistic' },
  });
  expect(direct.status()).toBe(400);
  expect(((await direct.json()) as { fieldErrors: Record<string, string> }).fieldErrors.events).toMatch(
    /At most/,
  );
});

/** The 500 ms is for a server that is up: wait until its launcher has a child with the pipeline loaded. */
async function waitForWarmLauncher(request: APIRequestContext): Promise<void> {
  await expect
    .poll(
      async () =>
        ((await (await request.get('/api/runs')).json()) as { launcher?: { warmChildReady?: boolean } })
          .launcher?.warmChildReady,
      { timeout: 60_000 },
    )
    .toBe(true);
}

test('a 50k-event run with faults, stepped through every stage, reconciles; rejects shown; deleted', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  await waitForWarmLauncher(request);
  await page.goto('/pipeline');
  const runId = await startRun(page, '50000', true);
  const firstProgress = await firstProgressMs(page);
  await recordMetric('submitToFirstProgressMs', firstProgress);
  // The 500 ms bound. scripts/start.mjs warms the launcher's child at boot, so the run starts in a child that has
  // already imported the pipeline (a cold child needs about 5.6 s idle to load it through tsx; a warm one answers
  // in about 70 ms).
  // Measured 332, 379 and 585 ms in three runs here: reported against the 500 ms target (console-metrics.json,
  // the closing note), while only twice the target fails the test, as the team's rule on timings in tests asks.
  test.info().annotations.push({ type: 'submitToFirstProgressMs', description: String(firstProgress) });
  expect(firstProgress).toBeLessThan(1_000);
  await expect(page.getByTestId('stage-generate')).toHaveAttribute('data-state', 'succeeded', {
    timeout: 60_000,
  });
  for (const stage of stageNames.slice(1)) {
    // Before running it, the stage is pending and its button is enabled because the previous one succeeded.
    await expect(page.getByTestId(`stage-${stage}`)).toHaveAttribute('data-state', 'pending');
    const run = page.getByRole('button', { name: `Run ${stage}` });
    await expect(run).toBeEnabled({ timeout: 10_000 });
    await run.click();
    await expect(page.getByTestId(`stage-${stage}`)).toHaveAttribute('data-state', 'succeeded', {
      timeout: 90_000,
    });
    if (stage === 'ingest') {
      // After ingest both consumer groups have caught up: every partition's lag is 0.
      await page.getByRole('tab', { name: 'Streaming' }).click();
      const lagRows = page.getByRole('table', { name: 'Lag by partition' }).locator('tbody tr');
      await expect(page.getByTestId('lag-ingest-raw-events-0')).toHaveAttribute('data-lag', '0', {
        timeout: 10_000,
      });
      expect(await lagRows.count()).toBeGreaterThanOrEqual(8);
      for (const lag of await lagRows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-lag'))))
        expect(lag).toBe('0');
      await expect(page.getByRole('table', { name: 'Topics' })).toContainText('events');
      await page.screenshot({ path: `${shots}/console-streaming.png`, fullPage: true });
      await page.getByRole('tab', { name: 'Stages' }).click();
    }
    if (stage === 'validate') {
      await page.screenshot({ path: `${shots}/console-step-validate.png`, fullPage: true });
      // What validate produced, before going on: a sample row it wrote and an example of a reject.
      await page.getByRole('button', { name: 'Open validate' }).click();
      const stepDrawer = page.getByRole('dialog', { name: 'Stage Validate' });
      await expect(stepDrawer.getByTestId('sample-output').first().locator('tbody tr').first()).toBeVisible({
        timeout: 15_000,
      });
      await expect(stepDrawer.getByTestId('reject-example').first()).toBeVisible();
      await stepDrawer.getByRole('button', { name: 'Close' }).click();
    }
  }
  await expect(page.getByTestId('run-status')).toHaveText(/succeeded/, { timeout: 10_000 });
  await page.screenshot({ path: `${shots}/console-all-stages.png`, fullPage: true });
  // Finished stages show their final figures, not the last progress tick; dedupe names what it removed.
  await expect(page.getByTestId('progress-generate')).toHaveText(/^[\d,]+ records generated$/);
  await expect(page.getByTestId('progress-validate')).toHaveText(/^[\d,]+ accepted · [\d,]+ quarantined$/);
  await expect(page.getByTestId('rejected-dedupe')).toHaveText(/^removed as duplicates: [1-9][\d,]*$/);

  // After the batch: mart_daily_revenue serves every day, with the speed layer's figure beside it.
  await page.getByRole('tab', { name: 'Streaming' }).click();
  await expect(
    page.getByRole('table', { name: 'Serving view' }).locator('tbody tr[data-source="batch"]'),
  ).toHaveCount(14, { timeout: 10_000 });
  // The batch covers the whole window now: a day only the speed layer has lies outside it and is flagged as such.
  await expect(page.getByTestId('serving-explainer')).toContainText('before any validation');
  const speedOnly = await page
    .getByRole('table', { name: 'Serving view' })
    .locator('tbody tr[data-source="speed"]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-flag')));
  expect(speedOnly.every((flag) => flag === 'outside-window')).toBe(true);
  await expect(page.getByTestId('lag-chart-y-label')).toHaveText('lag (records)');
  await expect(page.getByTestId('lag-chart-x-label')).toContainText('records landed by ingest');
  await page.getByRole('tab', { name: 'Quality' }).click();
  await expect(page.getByTestId('reconcile-events')).toContainText('reconciles', { timeout: 10_000 });
  await expect(page.getByTestId('reconcile-events')).not.toContainText('does not reconcile');
  // The headline counts the rows below it; the record checks that caught injected faults are not failures.
  const results = await page
    .getByRole('table', { name: 'Quality checks' })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-result')));
  const rowsWith = (result: string) => results.filter((value) => value === result).length;
  expect(rowsWith('caught')).toBeGreaterThan(0);
  expect(rowsWith('fail')).toBe(0);
  await expect(page.getByTestId('quality-headline')).toContainText(
    `${rowsWith('pass')} of ${rowsWith('pass')} warehouse checks pass · ${rowsWith('caught')} record checks caught`,
  );
  await page.screenshot({ path: `${shots}/console-quality.png`, fullPage: true });

  await page.getByRole('tab', { name: 'Stages' }).click();
  await page.getByRole('button', { name: 'Open validate' }).click();
  const drawer = page.getByRole('dialog', { name: 'Stage Validate' });
  await expect(
    drawer.getByRole('table', { name: 'Rejects by reason' }).getByRole('row').first(),
  ).toBeVisible();
  await expect(drawer.getByTestId('reject-example').first()).toContainText(/\S/);
  await expect(drawer.getByTestId('sample-input').first().locator('tbody tr').first()).toBeVisible();
  // The SQL in the read-only editor (lazily loaded), and the same text as plain text.
  await expect(drawer.locator('.monaco-editor').first()).toBeVisible({ timeout: 15_000 });
  await expect(drawer.locator('pre').first()).toContainText(/\b(select|create)\b/i);
  await page.screenshot({ path: `${shots}/console-validate-rejects.png`, fullPage: true });
  await drawer.getByRole('button', { name: 'Close' }).click();

  // The home page states this run's reconciliation as it holds.
  await page.goto('/');
  await expect(page.getByTestId('home-reconciliation')).toContainText(runId);
  await expect(page.getByTestId('home-reconciliation-ingest')).toHaveText(
    /^[\d,]+ generated = [\d,]+ dead-lettered \+ [\d,]+ landed$/,
  );
  await expect(page.getByTestId('home-reconciliation-batch')).toHaveText(
    /^[\d,]+ landed = [\d,]+ quarantined \+ [1-9][\d,]* duplicates removed \+ [\d,]+ accepted$/,
  );

  // A lesson's "Run this stage" link: the console opens the newest run (this one) on that stage's drawer.
  await page.goto('/pipeline?stage=validate');
  await expect(page.getByTestId('focus-stage')).toContainText('Validate');
  await expect(page.getByRole('dialog', { name: 'Stage Validate' })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('dialog', { name: 'Stage Validate' }).getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: `Delete ${runId}` }).click();
  await expect(page.getByRole('button', { name: `Delete ${runId}` })).toHaveCount(0);
  expect((await request.get(`/api/runs/${runId}`)).status()).toBe(404);
});

test('the page stays interactive during a 1M-event run', async ({ page, request }) => {
  test.setTimeout(180_000);
  await page.goto('/pipeline');
  const runId = await startRun(page, '1000000', false);
  await recordMetric('bigRunSubmitToFirstProgressMs', await firstProgressMs(page));
  const samples: number[] = [];
  // For ~8 s of the run (generate, produce, ingest): switch tabs and read the run list, timing each round trip.
  for (let index = 0; index < 8; index++) {
    const started = Date.now();
    await page.getByRole('tab', { name: index % 2 ? 'Logs' : 'Stages' }).click();
    await expect(page.getByRole('tab', { name: index % 2 ? 'Logs' : 'Stages' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect((await request.get('/api/runs')).status()).toBe(200);
    samples.push(Date.now() - started);
    await page.waitForTimeout(1000);
  }
  await recordMetric('interactionDuringBigRunMs', { max: Math.max(...samples), samples });
  await page.screenshot({ path: `${shots}/console-big-run.png`, fullPage: true });
  expect(Math.max(...samples)).toBeLessThan(2000);
  expect((await request.delete(`/api/runs/${runId}`)).status()).toBe(204);
});
