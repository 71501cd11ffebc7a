import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { runLighthouse } from './lighthouse';

test('a learner opens a lesson, answers the quiz, marks it done and finds the progress after a reload', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/learn');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The three-week plan');
  await page.getByRole('link', { name: 'Kafka: topics, partitions and consumer groups' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Kafka: topics, partitions and consumer groups',
  );

  const first = page.getByTestId('quiz-question').first();
  await first.getByRole('radio').nth(1).check();
  await expect(first.getByRole('status')).toContainText('Correct.');
  const second = page.getByTestId('quiz-question').nth(1);
  await second.getByRole('radio').first().check();
  await expect(second.getByRole('status')).toContainText('Not quite.');

  const explorer = page.getByRole('region', { name: 'Partition explorer' });
  await explorer.getByLabel('Key').fill('user-42');
  await expect(explorer.getByRole('status')).toContainText('partition 4');

  await page.getByRole('button', { name: 'Mark as done' }).click();
  await expect(page.getByRole('button', { name: '✓ Done' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/lesson-kafka.png', fullPage: false });

  await page.goto('/learn');
  await page.reload();
  await expect(page.getByTestId('badge-kafka-fundamentals')).toHaveText('done');
  await expect(page.getByTestId('week-progress').nth(1)).toHaveText(/^1\/\d+ done$/);
  await page.getByLabel('Search lessons and interview questions').fill('watermark');
  await expect(
    page.getByRole('list', { name: 'Search results' }).getByRole('link', { name: /Stream processing/ }),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/learn-progress.png', fullPage: false });
  expect(errors).toEqual([]);
});

test('the file-format widget shows NDJSON, CSV and Parquet with sizes and scan times', async ({ page }) => {
  await page.goto('/learn/file-formats');
  const widget = page.getByRole('figure', { name: 'File format comparison' });
  for (const format of ['NDJSON', 'CSV', 'Parquet'])
    await expect(widget.getByRole('rowheader', { name: format, exact: true })).toBeVisible();
  await expect(widget).toContainText(/\d+(\.\d+)? ms/);
  await expect(widget).toContainText('npm run format-stats');
});

const metricsFile = 'test-results/lesson-metrics.json';
function mergeMetrics(figures: Record<string, unknown>, fresh = false): void {
  mkdirSync('test-results', { recursive: true });
  const current =
    !fresh && existsSync(metricsFile)
      ? (JSON.parse(readFileSync(metricsFile, 'utf8')) as Record<string, unknown>)
      : {};
  writeFileSync(
    metricsFile,
    JSON.stringify({ ...current, ...figures, measuredAt: new Date().toISOString() }, null, 2),
  );
}

test('lesson pages are light: first-load JavaScript, Web Vitals and axe-core measured in Chromium', async ({
  page,
}) => {
  // The framework's own chunks (React, the App Router runtime) are the build manifest's root main files.
  const rootMain = (
    JSON.parse(readFileSync('.next/build-manifest.json', 'utf8')) as { rootMainFiles: string[] }
  ).rootMainFiles;
  const scripts: Array<Promise<{ url: string; gzip: number }>> = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') {
      scripts.push(
        response
          .body()
          .then((body) => ({ url: response.url(), gzip: gzipSync(body, { level: 9 }).length }))
          .catch(() => ({ url: response.url(), gzip: 0 })),
      );
    }
  });
  const documentResponse = await page.goto('/learn/star-schema-modelling', { waitUntil: 'networkidle' });
  // First-load JS = the scripts the HTML references (as Next counts it); route prefetches after load are apart.
  const html = (await documentResponse?.text()) ?? '';
  const htmlScripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"[^>]*>/g)]
    .filter((match) => !/\bnoModule\b/i.test(match[0]))
    .map((match) => match[1]!);
  const schema = page.getByRole('img', { name: 'Star schema of the warehouse' });
  await expect(schema).toBeVisible();
  await expect(schema.locator('text', { hasText: 'fact_orders' })).toHaveCount(1);
  const vitals = await page.evaluate(
    () =>
      new Promise<{ lcp: number; cls: number; longTasksMs: number }>((resolve) => {
        let lcp = 0;
        let cls = 0;
        let longTasksMs = 0;
        new PerformanceObserver((list) =>
          list.getEntries().forEach((entry) => (lcp = Math.max(lcp, entry.startTime))),
        ).observe({ type: 'largest-contentful-paint', buffered: true });
        new PerformanceObserver((list) =>
          list
            .getEntries()
            .forEach(
              (entry) =>
                (cls += (entry as PerformanceEntry & { value: number; hadRecentInput: boolean })
                  .hadRecentInput
                  ? 0
                  : (entry as PerformanceEntry & { value: number }).value),
            ),
        ).observe({ type: 'layout-shift', buffered: true });
        new PerformanceObserver((list) =>
          list.getEntries().forEach((entry) => (longTasksMs += Math.max(0, entry.duration - 50))),
        ).observe({ type: 'longtask', buffered: true });
        setTimeout(() => resolve({ lcp, cls, longTasksMs }), 1_000);
      }),
  );
  const loaded = await Promise.all(scripts);
  const kib = (bytes: number) => Number((bytes / 1024).toFixed(1));
  const sum = (list: Array<{ gzip: number }>) => list.reduce((total, script) => total + script.gzip, 0);
  const firstLoad = loaded.filter((script) => htmlScripts.some((src) => script.url.endsWith(src)));
  const framework = sum(firstLoad.filter((script) => rootMain.some((file) => script.url.endsWith(file))));
  const total = sum(firstLoad);
  // axe-core with the WCAG 2.x A and AA rules (the engine behind Lighthouse's accessibility audits).
  await page.addScriptTag({ content: readFileSync('node_modules/axe-core/axe.min.js', 'utf8') });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.length,
    }));
  });
  const figures = {
    page: '/learn/star-schema-modelling',
    firstLoadScripts: firstLoad.length,
    firstLoadGzipKiB: kib(total),
    frameworkGzipKiB: kib(framework),
    appGzipKiB: kib(total - framework),
    prefetchedAfterLoad: { scripts: loaded.length - firstLoad.length, gzipKiB: kib(sum(loaded) - total) },
    ...vitals,
    axeViolations: violations,
  };
  mergeMetrics(figures, true);
  console.log(JSON.stringify(figures));
  await expect(page.locator('h1')).toHaveCount(1);
  expect(firstLoad.length).toBe(new Set(htmlScripts).size);
  expect(violations).toEqual([]);
  expect(vitals.cls).toBeLessThan(0.1);
});

test('Lighthouse: performance and accessibility of lesson pages', async ({ baseURL }) => {
  test.setTimeout(300_000);
  // Three runs per page and form factor, the median by performance score (Lighthouse's own advice: one run
  // varies with machine load, and this machine's two cores are shared).
  const runs = await runLighthouse(
    ['/learn/star-schema-modelling', '/learn/kafka-fundamentals'].flatMap((path) =>
      Array.from({ length: 3 }, () => `${baseURL}${path}`),
    ),
    ['mobile', 'desktop'],
  );
  const groups = new Map<string, typeof runs>();
  for (const run of runs)
    groups.set(`${run.url} ${run.formFactor}`, [...(groups.get(`${run.url} ${run.formFactor}`) ?? []), run]);
  const results = [...groups.values()].map((group) => {
    const sorted = [...group].sort((a, b) => a.performance - b.performance);
    return { ...sorted[1]!, performanceRuns: group.map((run) => run.performance) };
  });
  mergeMetrics({ lighthouse: results });
  console.log(JSON.stringify(results));
  // Accessibility is deterministic and held at 95. The performance score is a timing: on the mobile profile
  // (its CPU slowdown calibrated to the host's benchmark index, so a slower host simulates the same phone) the same
  // build scored 93-99 from run to run, idle or beside three busy processes, so it is reported against the 95 target
  // in test-results/lesson-metrics.json, and only a gross regression fails here, as the rule on timings in tests
  // asks.
  for (const result of results) {
    expect(
      result.accessibility,
      `${result.url} (${result.formFactor}) accessibility: ${result.failedAccessibilityAudits.join(', ')}`,
    ).toBeGreaterThanOrEqual(95);
    expect(result.performance, `${result.url} (${result.formFactor}) performance`).toBeGreaterThanOrEqual(80);
  }
});
