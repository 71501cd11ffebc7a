import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { loadAverage, medianRuns, runLighthouse } from './lighthouse';

/** Pages a learner reads: one run each (the lessons have their own test). */
const readingRoutes = ['/', '/learn', '/interview/sql', '/interview/incident', '/playground/tour'];
/** Pages that hydrate an application (editors, the run console, the practice stores): three runs each. */
const interactiveRoutes = [
  '/pipeline',
  '/playground',
  '/interview',
  '/interview/sql/orders-by-status',
  '/interview/sql/screen',
  '/interview/questions/kafka-ordering-guarantees',
  '/interview/mock',
  '/interview/review',
];
const runsPerInteractiveRoute = 3;

/**
 * Lighthouse's benchmark index (measured inside each run) of a host with CPU to spare: this machine measures
 * 1,950-2,200 idle and 600-1,800 beside other agents' builds and JVMs. Below it the host's speed swings within a run,
 * the CPU slowdown calibrated a second before no longer simulates the target phone, and the score measures the
 * neighbours rather than the page (the same /pipeline build scored 75, 91 and 97 in three runs at load average 6-11).
 */
const QUIET_BENCHMARK_INDEX = 1500;
const PERFORMANCE_TARGET = 95;
/**
 * What no amount of neighbouring load explains: the playground scored 65-67 while Monaco loaded with the page, and
 * 72-79 (median 73) without it in a fresh-clone CI rehearsal at load average 4-5, benchmark index 1,460-1,800.
 */
const GROSS_REGRESSION = 70;

test('Lighthouse on every route (mobile): accessibility 100, CLS <= 0.1, performance reported against 95', async ({
  baseURL,
}) => {
  test.setTimeout(1_500_000);
  const loadBefore = loadAverage();
  const runs = await runLighthouse(
    [
      ...readingRoutes,
      ...interactiveRoutes.flatMap((route) => Array.from({ length: runsPerInteractiveRoute }, () => route)),
    ].map((route) => `${baseURL}${route}`),
    ['mobile'],
  );
  const loadAfter = loadAverage();
  const results = medianRuns(runs).map((result) => ({
    ...result,
    quietHost: result.benchmarkRuns.every((index) => index >= QUIET_BENCHMARK_INDEX),
    meetsPerformanceTarget: result.performance >= PERFORMANCE_TARGET,
  }));
  mkdirSync('test-results', { recursive: true });
  writeFileSync(
    'test-results/lighthouse-routes.json',
    JSON.stringify({ loadAverageBefore: loadBefore, loadAverageAfter: loadAfter, results }, null, 2) + '\n',
  );
  console.log(
    JSON.stringify({
      loadAverage: [loadBefore, loadAfter],
      results: results.map(
        ({ url, performance, performanceRuns, benchmarkRuns, accessibility, tbtMs, cls }) => ({
          url: url.replace(baseURL ?? '', ''),
          performance,
          performanceRuns,
          benchmarkRuns,
          accessibility,
          tbtMs,
          cls,
        }),
      ),
    }),
  );

  // Accessibility and layout shift do not depend on the host's speed: every run is held to them.
  for (const run of runs) {
    expect(run.accessibility, `${run.url} accessibility: ${run.failedAccessibilityAudits.join(', ')}`).toBe(
      100,
    );
    expect(run.cls, `${run.url} cumulative layout shift`).toBeLessThanOrEqual(0.1);
  }
  // Performance is a timing, and the 95 target is not met on every route yet (the framework's hydration is a
  // 0.9-1.4 s task at 4x slowdown; a fresh-clone CI rehearsal at benchmark index 1,650-1,800 scored lesson pages
  // 84-92). The median of the runs is reported against the target in test-results/lighthouse-routes.json
  // (meetsPerformanceTarget, quietHost); only a gross regression fails the test, as the team's rule on timings in
  // tests asks.
  for (const result of results) {
    const floor = GROSS_REGRESSION;
    expect(
      result.performance,
      `${result.url} performance (runs ${result.performanceRuns.join(', ')}, benchmark index ${result.benchmarkRuns.join(', ')})`,
    ).toBeGreaterThanOrEqual(floor);
  }
  expect(results).toHaveLength(readingRoutes.length + interactiveRoutes.length);
});
