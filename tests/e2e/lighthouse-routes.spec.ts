import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { runLighthouse } from './lighthouse';

/** Every kind of page a learner opens, the interactive ones included (the lessons have their own test). */
const routes = [
  '/',
  '/learn',
  '/pipeline',
  '/playground',
  '/interview',
  '/interview/sql',
  '/interview/sql/orders-by-status',
  '/interview/questions/kafka-ordering-guarantees',
  '/interview/mock',
  '/interview/review',
];

test('Lighthouse on every route (mobile): accessibility 100, no layout shift, performance reported', async ({
  baseURL,
}) => {
  test.setTimeout(600_000);
  const results = await runLighthouse(
    routes.map((route) => `${baseURL}${route}`),
    ['mobile'],
  );
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/lighthouse-routes.json', JSON.stringify(results, null, 2) + '\n');
  console.log(
    JSON.stringify(
      results.map(({ url, performance, accessibility, tbtMs, cls }) => ({
        url,
        performance,
        accessibility,
        tbtMs,
        cls,
      })),
    ),
  );
  for (const result of results) {
    expect(
      result.accessibility,
      `${result.url} accessibility: ${result.failedAccessibilityAudits.join(', ')}`,
    ).toBe(100);
    expect(result.cls, `${result.url} cumulative layout shift`).toBeLessThanOrEqual(0.1);
    // One run per route, so the score is a noisy timing: it is reported against the 95 target in
    // test-results/lighthouse-routes.json, and only a gross regression fails here (the playground scored 65-67
    // while Monaco loaded with the page; 91-100 on every route since, idle or at load average 12-16).
    expect(result.performance, `${result.url} performance`).toBeGreaterThanOrEqual(75);
  }
});
