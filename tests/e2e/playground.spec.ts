import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { manifestSchema } from '../../pipeline/contracts/manifest';
import { extraFields } from '../../pipeline/stages/generate/fault-injector';
import { buildRun } from '../../scripts/fixtures/build-run';

/**
 * The playground against a run directory with 1M events: count matches the manifest, chart, inline syntax error,
 * history after reload, cancel, 100k rows, exact NULL/DECIMAL display; and the speed budgets of issue 9, measured
 * here in the browser and written to test-results/playground-metrics.json.
 */
const runId = 'e2e-playground-1m';
const runDir = path.join(process.env.PIPELINE_LAB_RUNS_DIR ?? '.data/runs', runId);
const budgets = { engineReadyMs: 3000, warmGroupByMs: 150, firstLoadJsGzipKiB: 150 };
const metricsFile = 'test-results/playground-metrics.json';

/** Merge figures into the metrics file as each test measures them (a failed test restarts the worker). */
function record(figures: Record<string, number | string>): void {
  mkdirSync('test-results', { recursive: true });
  const previous = existsSync(metricsFile)
    ? (JSON.parse(readFileSync(metricsFile, 'utf8')) as Record<string, unknown>)
    : {};
  const next = { ...previous, budgets, ...figures, measuredAt: new Date().toISOString() };
  writeFileSync(metricsFile, JSON.stringify(next, null, 2) + '\n');
  console.log('playground metrics:', JSON.stringify(figures));
}

/** The 100,000th event id in id order, read from the run's warehouse in Node: what the grid's last row must show. */
let hundredThousandthEventId = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const { via } = await buildRun({ runId, outDir: runDir, events: 1_000_000 });
  record({ runBuiltBy: via });
  const instance = await DuckDBInstance.create(path.join(runDir, 'warehouse.duckdb'), {
    access_mode: 'READ_ONLY',
  });
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(
    'SELECT event_id::VARCHAR AS id FROM fact_events ORDER BY event_id LIMIT 1 OFFSET 99999',
  );
  hundredThousandthEventId = String(reader.getRowObjects()[0]?.id ?? '');
  connection.closeSync();
  instance.closeSync();
  expect(hundredThousandthEventId).not.toBe('');
});

function factEventsInManifest(): number {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(runDir, 'manifest.json'), 'utf8')));
  const output = manifest.stages
    .flatMap((s) => s.outputs)
    .find((o) => /(^|[#/])fact_events(\.|$)/.test(o.path));
  if (!output) throw new Error(`manifest.json of ${runId} has no output for fact_events`);
  return output.rows;
}

async function runSql(page: Page, sql: string): Promise<void> {
  const editor = page.locator('.monaco-editor .view-lines').first();
  await page.keyboard.press('Escape'); // close a completion list that could cover the text
  await editor.click({ force: true });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
  await page.keyboard.press('ControlOrMeta+Enter');
}

async function waitForResult(page: Page): Promise<{ summary: string; ms: number }> {
  await expect(page.getByText('Running…')).toHaveCount(0, { timeout: 60_000 });
  const summary = page.getByTestId('result-summary');
  await expect(summary).toBeVisible();
  return {
    summary: (await summary.textContent()) ?? '',
    ms: Number(await page.getByTestId('result-ms').textContent()),
  };
}

async function openPlayground(page: Page): Promise<void> {
  await page.goto(`/playground?run=${runId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SQL playground');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-attached', `run-${runId}`, {
    timeout: 60_000,
  });
  // Monaco loads only when the learner reaches for the editor: until then a plain box holds the query.
  await expect(page.getByTestId('sql-draft')).toBeVisible();
  await expect(page.locator('.monaco-editor')).toHaveCount(0);
  await page.getByTestId('sql-draft').hover();
  await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
}

test('engine ready cold, and the first-load JavaScript before the editor', async ({ browser, baseURL }) => {
  // Three cold opens (a fresh context each: empty HTTP cache, new workers); the median is the figure, because two
  // shared cores make any single measurement noisy.
  const readies: number[] = [];
  let html = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const started = Date.now();
    const response = await page.goto(`/playground?run=${runId}`, { waitUntil: 'commit' });
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-engine', 'ready', {
      timeout: 30_000,
    });
    readies.push(Date.now() - started);
    html ||= (await response?.text()) ?? '';
    await context.close();
  }
  const engineReadyMs = [...readies].sort((a, b) => a - b)[1]!;

  // First-load JS: the scripts the HTML itself loads; the editor, results and engine are later chunks.
  // noModule scripts are legacy polyfills that modern browsers never download (as in scripts/first-load-js.mjs).
  const tags = [...html.matchAll(/<script[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => !/\bnoModule\b/i.test(tag));
  const sources = [
    ...new Set(
      tags.map((tag) => /\ssrc="([^"]+)"/.exec(tag)?.[1]).filter((src): src is string => Boolean(src)),
    ),
  ];
  let gzipBytes = 0;
  const request = await playwrightRequest.newContext();
  for (const src of sources)
    gzipBytes += gzipSync(await (await request.get(new URL(src, baseURL).href)).body(), { level: 9 }).length;
  await request.dispose();
  const firstLoadJsGzipKiB = Math.round((gzipBytes / 1024) * 10) / 10;
  record({
    engineReadyMs,
    engineReadyRunsMs: readies.join(' '),
    engineReadyWithinBudget: String(engineReadyMs <= budgets.engineReadyMs),
  });
  record({ firstLoadScripts: sources.length, firstLoadJsGzipKiB });

  // The byte budget is deterministic and enforced. Engine-ready time depends on what else the two shared cores are
  // doing (1.6–1.9 s idle, 2.8–3.5 s beside a running ETL), so it is reported against its 3 s budget and only a
  // gross regression (twice the budget) fails the test, as the team's rule on timing in tests asks.
  expect(firstLoadJsGzipKiB).toBeLessThan(budgets.firstLoadJsGzipKiB);
  expect(engineReadyMs).toBeLessThanOrEqual(2 * budgets.engineReadyMs);
});

test('count matches the manifest, warm GROUP BY over 1M events, chart', async ({ page }) => {
  await openPlayground(page);
  // The schema browser's row count is the warehouse's: a 1M-event run minus what validation quarantined.
  await expect(page.getByTestId('rows-fact_events')).toHaveText(
    factEventsInManifest().toLocaleString('en-US'),
  );

  await runSql(page, 'SELECT count(*) AS events FROM fact_events');
  await waitForResult(page);
  await expect(page.getByRole('gridcell').nth(0)).toHaveText(String(factEventsInManifest()));

  const groupBy =
    'SELECT event_type, count(*) AS events FROM fact_events GROUP BY event_type ORDER BY events DESC';
  const timings: number[] = [];
  const pageTimings: number[] = [];
  for (let i = 0; i < 4; i++) {
    await runSql(page, groupBy + ' '.repeat(i)); // a different text each time: nothing is cached by SQL text
    timings.push((await waitForResult(page)).ms);
    // The same query once more from the keyboard, timed in the page: Ctrl/Cmd+Enter until the new result is shown.
    await page.getByTestId('result-summary').evaluate((el) => el.setAttribute('data-stale', ''));
    const pressed = Date.now();
    await page.keyboard.press('ControlOrMeta+Enter');
    await page.locator('[data-testid=result-summary]:not([data-stale])').waitFor();
    pageTimings.push(Date.now() - pressed);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const warmGroupByMs = median(timings.slice(1));
  record({
    groupByFirstMs: timings[0]!,
    warmGroupByMs,
    warmGroupByKeyToResultMs: median(pageTimings.slice(1)),
  });
  await expect(page.getByTestId('result-summary')).toContainText('6 rows');
  expect(warmGroupByMs).toBeLessThanOrEqual(budgets.warmGroupByMs);

  // Sort by a column (ascending, then descending) and widen it by dragging its edge.
  const eventsHeader = page.getByRole('columnheader', { name: /events/ });
  await eventsHeader.getByRole('button').click();
  await expect(eventsHeader).toHaveAttribute('aria-sort', 'ascending');
  const counts = async () => Number(await page.getByRole('gridcell').nth(1).textContent());
  const smallest = await counts();
  await eventsHeader.getByRole('button').click();
  await expect(eventsHeader).toHaveAttribute('aria-sort', 'descending');
  expect(await counts()).toBeGreaterThan(smallest);
  const before = (await eventsHeader.boundingBox())!.width;
  const handle = (await page.getByRole('separator', { name: 'Resize events' }).boundingBox())!;
  await page.mouse.move(handle.x + 2, handle.y + 5);
  await page.mouse.down();
  await page.mouse.move(handle.x + 82, handle.y + 5, { steps: 4 });
  await page.mouse.up();
  expect((await eventsHeader.boundingBox())!.width).toBeGreaterThan(before + 60);

  await page.getByRole('tab', { name: 'chart' }).click();
  const chart = page.getByTestId('result-chart');
  await expect(chart).toHaveAttribute('data-chart-kind', 'bar');
  await expect(chart.locator('rect')).toHaveCount(6);
});

test('before Monaco loads, the stand-in box edits and runs its selection, then hands its text to Monaco', async ({
  page,
}) => {
  await page.goto(`/playground?run=${runId}`);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-attached', `run-${runId}`, {
    timeout: 60_000,
  });
  await expect(page.locator('.monaco-editor')).toHaveCount(0);
  // Input and Ctrl+Enter as the box receives them, without a pointer or focus (either would load Monaco at once).
  await page.getByTestId('sql-draft').evaluate((box: HTMLTextAreaElement) => {
    const text = 'SELECT 41 AS a;\nSELECT 42 AS answer;';
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(box, text);
    box.dispatchEvent(new Event('input', { bubbles: true }));
    box.setSelectionRange(text.indexOf('SELECT 42'), text.length);
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
  });
  await expect(page.getByRole('columnheader').nth(0)).toContainText('answer');
  await expect(page.getByRole('gridcell').first()).toHaveText('42');
  await expect(page.locator('.monaco-editor')).toHaveCount(0);

  await page.getByTestId('sql-draft').hover();
  await expect(page.locator('.monaco-editor .view-lines')).toHaveText('SELECT 41 AS a;SELECT 42 AS answer;', {
    timeout: 30_000,
  });
});

test('a syntax error is marked in the editor with DuckDB’s message, and history survives a reload', async ({
  page,
}) => {
  await openPlayground(page);
  await runSql(page, 'SELECT event_type\nFORM fact_events');
  const error = page.getByTestId('query-error');
  await expect(error).toContainText('Parser Error: syntax error at or near "fact_events"');
  await expect(error).toContainText('at line 2, column 6');
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(1);

  await runSql(page, "SELECT 'remember me' AS note");
  await waitForResult(page);
  await page.reload();
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('list', { name: 'Query history' });
  await expect(history).toContainText("SELECT 'remember me' AS note");
  await expect(history).toContainText('FORM fact_events');
});

test('NULLs and decimals are shown exactly; 100k rows scroll; a long query can be cancelled', async ({
  page,
}) => {
  await openPlayground(page);
  await runSql(
    page,
    'SELECT NULL::INTEGER AS n, 1234567890123.45::DECIMAL(15,2) AS big, 0.1::DECIMAL(12,2) + 0.2::DECIMAL(12,2) AS sum, -0.05::DECIMAL(12,2) AS neg, 9007199254740993::BIGINT AS exact',
  );
  await waitForResult(page);
  const cells = page.getByRole('gridcell');
  await expect(cells.nth(0)).toHaveText('NULL');
  await expect(cells.nth(1)).toHaveText('1234567890123.45');
  await expect(cells.nth(2)).toHaveText('0.30');
  await expect(cells.nth(3)).toHaveText('-0.05');
  await expect(cells.nth(4)).toHaveText('9007199254740993');

  await runSql(
    page,
    "SELECT TIMESTAMP '2026-03-02 14:05:09.123456' AS ts, DATE '2026-03-02' AS d, true AS b, 1.5::DOUBLE AS f, [1, 2] AS l, {'a': 1} AS s",
  );
  await waitForResult(page);
  await expect(cells).toHaveText([
    '2026-03-02 14:05:09.123456',
    '2026-03-02',
    'true',
    '1.5',
    '[1,2]',
    '{"a":1}',
  ]);

  // JSON columns read as text; JSON functions need the json extension, which the browser cannot load offline.
  await runSql(page, 'SELECT extra FROM fact_events WHERE extra IS NOT NULL LIMIT 1');
  await waitForResult(page);
  const [extraName, extraValue] = extraFields.events;
  await expect(cells.nth(0)).toHaveText(JSON.stringify({ [extraName]: extraValue }));
  await runSql(page, "SELECT json_valid('[1]')");
  await expect(page.getByTestId('query-error')).toContainText('cannot load offline');

  await runSql(page, 'SELECT * FROM fact_events ORDER BY event_id LIMIT 100000');
  const { summary } = await waitForResult(page);
  expect(summary).toContain('100,000 rows');
  const grid = page.getByRole('grid', { name: 'Query results' });
  expect(await grid.getByRole('row').count()).toBeLessThan(100); // virtualized: only the rows in view exist
  // Jank check: scroll through all 100k rows in 40 steps and collect the main thread's long tasks (> 50 ms).
  const longTasks = await grid.evaluate(async (el) => {
    const durations: number[] = [];
    const observer = new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => durations.push(e.duration)),
    );
    observer.observe({ type: 'longtask' });
    for (let step = 1; step <= 40; step++) {
      el.scrollTop = (el.scrollHeight * step) / 40;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    }
    observer.disconnect();
    return durations;
  });
  record({
    gridScrollLongTasks: longTasks.length,
    gridScrollMaxLongTaskMs: Math.round(Math.max(0, ...longTasks)),
  });
  expect(longTasks.filter((ms) => ms > 250)).toEqual([]); // a tripwire: a 100k-row re-render would take seconds
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(grid.getByRole('row', { name: /^100000 / })).toBeVisible();
  await expect(grid.getByText(hundredThousandthEventId)).toBeVisible();

  await runSql(
    page,
    'SELECT count(*) FROM range(200000) a, range(200000) b WHERE (a.range * b.range) % 7 = 3',
  );
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('query-error')).toContainText('cancelled', { timeout: 15_000 });
  await runSql(page, 'SELECT 42 AS answer');
  await waitForResult(page);
  await expect(page.getByRole('gridcell').nth(0)).toHaveText('42');
});

test('the engine is served pre-compressed and immutable; run files honour ranges', async ({ request }) => {
  const version = JSON.parse(readFileSync('node_modules/@duckdb/duckdb-wasm/package.json', 'utf8'))
    .version as string;
  const wasm = await request.get(`/duckdb/${version}/duckdb-eh.wasm`, {
    headers: { 'Accept-Encoding': 'br' },
  });
  expect(wasm.headers()['content-encoding']).toBe('br');
  expect(wasm.headers()['content-type']).toBe('application/wasm');
  expect(wasm.headers()['cache-control']).toBe('public, max-age=31536000, immutable');

  const ranged = await request.get(`/api/runs/${runId}/files/warehouse.duckdb`, {
    headers: { Range: 'bytes=0-15' },
  });
  expect(ranged.status()).toBe(206);
  expect(ranged.headers()['content-range']).toMatch(/^bytes 0-15\/\d+$/);
  expect((await ranged.body()).length).toBe(16);
  expect((await request.get(`/api/runs/${runId}/files/..%2Fmanifest.json`)).status()).toBe(400);
  expect((await request.get(`/api/runs/Bad_Id/files/warehouse.duckdb`)).status()).toBe(400);
});

test('SqlCell in an MDX page loads the engine on first Run and queries the newest run', async ({ page }) => {
  await page.goto('/playground/tour');
  const cell = page.getByTestId('sql-cell').filter({ hasText: 'Events by type' });
  await expect(cell).toContainText('runs in your browser');
  await cell.getByRole('button', { name: 'Run' }).click();
  await expect(cell.getByTestId('result-summary')).toContainText('6 rows', { timeout: 30_000 });
  await expect(cell).toContainText(/on (your run [a-z0-9-]+|the sample run)/);

  const revenue = page.getByTestId('sql-cell').filter({ hasText: 'Revenue per day' });
  await revenue.getByRole('button', { name: 'Run' }).click();
  await expect(revenue.getByTestId('result-summary')).toContainText('rows');
  await revenue.getByRole('tab', { name: 'chart' }).click();
  await expect(revenue.getByTestId('result-chart')).toHaveAttribute('data-chart-kind', 'line');
});

test('editor: run only the selection, complete names from the schema, read columns in the schema panel, save, export CSV', async ({
  page,
}) => {
  await openPlayground(page);
  await runSql(page, 'SELECT 1 AS one;\nSELECT NULL AS missing, 2.50::DECIMAL(12,2) AS two;');
  await waitForResult(page);
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByRole('columnheader').nth(0)).toContainText('missing');
  await expect(page.getByRole('gridcell').nth(1)).toHaveText('2.50');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  expect(readFileSync(file, 'utf8')).toBe('missing,two\r\n,2.50\r\n');

  await runSql(page, 'SELECT * FROM mart_dai');
  await page.keyboard.press('ControlOrMeta+Space');
  await expect(page.locator('.suggest-widget')).toContainText('mart_daily_revenue');
  await page.keyboard.press('Escape');

  // A table's name opens its columns; the query is left as it is.
  await page.getByRole('region', { name: 'Schema' }).getByText('dim_product', { exact: true }).click();
  await expect(
    page
      .getByRole('table', { name: 'Columns of dim_product' })
      .getByRole('rowheader', { name: 'product_sk' }),
  ).toBeVisible();
  await expect(page.locator('.monaco-editor .view-lines')).toHaveText('SELECT * FROM mart_dai');

  page.once('dialog', (dialog) => void dialog.accept('products table'));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.reload();
  await page.getByRole('tab', { name: 'Saved' }).click();
  await expect(page.getByRole('button', { name: 'products table', exact: true })).toBeVisible();
});
