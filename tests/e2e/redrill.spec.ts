import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test, type Page } from '@playwright/test';
import { challengeById } from '../../content/challenges';
import { challengeDataSeeds, redrillSeeds } from '../../lib/challenges/datasets';
import type { RedrillState } from '../../lib/challenges/redrill';
import { replaceEditorText } from './editor';

/**
 * Re-drills end to end in Chromium with DuckDB-WASM: a SQL challenge given up is scheduled a day out; two days
 * later (the page's clock moved) the review page lists it on a seed the learner was never graded on; opened from
 * there, the page names that seed, the numbers of a run seen before fail on it, the reference passes, and the
 * re-drill leaves the queue with the next one on another seed.
 */
const challengeId = 'orders-by-status';
const redrillKey = 'pipeline-lab:challenge-redrills:v1';
const day = 86_400_000;

/** The reference result on one run, typed back as constants: the answer of a learner who remembers the numbers. */
async function rememberedAnswer(seed: number, solution: string): Promise<string> {
  const instance = await DuckDBInstance.create(`public/challenge-data/seed-${seed}/warehouse.duckdb`, {
    access_mode: 'READ_ONLY',
  });
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(`SELECT * FROM (${solution}) ORDER BY ALL`);
  const rows = reader.getRowsJson() as string[][];
  connection.closeSync();
  instance.closeSync();
  const values = rows.map(([status, orders, total]) => `('${status}', ${orders}, ${total})`).join(', ');
  return `SELECT * FROM (VALUES ${values}) AS t(status, orders, total)`;
}

async function storedRedrills(page: Page): Promise<RedrillState | null> {
  const text = await page.evaluate((key) => window.localStorage.getItem(key), redrillKey);
  return text ? (JSON.parse(text) as RedrillState) : null;
}

test('a given-up challenge comes back on an unseen seed, where remembered numbers fail', async ({ page }) => {
  test.setTimeout(240_000);
  const challenge = challengeById(challengeId);
  if (!challenge) throw new Error(`no challenge ${challengeId}`);

  await page.goto(`/interview/sql/${challengeId}`);
  await page.evaluate((key) => {
    window.localStorage.removeItem('pipeline-lab:challenges:v1');
    window.localStorage.removeItem(key);
  }, redrillKey);
  await page.reload();
  await expect(page.locator('article[data-hydrated="true"]')).toBeVisible();
  await expect(page.getByTestId('redrill-banner')).toHaveCount(0);
  await page.getByRole('button', { name: 'Give up and show the solution' }).click();
  await expect(page.getByTestId('solution')).toBeVisible();

  await expect.poll(async () => (await storedRedrills(page))?.redrills[challengeId]).toBeDefined();
  const scheduled = (await storedRedrills(page))?.redrills[challengeId];
  if (!scheduled) throw new Error('no re-drill stored');
  expect(redrillSeeds).toContain(scheduled.seed);
  expect(challengeDataSeeds).not.toContain(scheduled.seed);
  const dueIn = Date.parse(scheduled.card.due) - Date.now();
  expect(dueIn).toBeGreaterThan(0.9 * day);
  expect(dueIn).toBeLessThan(1.1 * day);

  // Today it is scheduled, not due.
  await page.goto('/interview/review');
  await expect(page.getByTestId('redrill-next')).toContainText(challenge.title);
  await expect(page.getByTestId('redrill-due')).toHaveCount(0);

  // Two days later it is due, on its seed.
  const later = Date.now() + 2 * day;
  await page.clock.setFixedTime(later);
  await page.goto('/interview/review');
  const due = page.getByTestId('redrill-due');
  await expect(due).toHaveCount(1);
  await expect(due).toContainText(`seed-${scheduled.seed} run`);
  await page.screenshot({ path: 'test-results/redrill-1-queue.png', fullPage: true });
  await due.getByRole('link', { name: challenge.title }).click();
  await expect(page).toHaveURL(new RegExp(`/interview/sql/${challengeId}\\?redrill=${scheduled.seed}$`));
  await expect(page.locator('article[data-hydrated="true"]')).toBeVisible();
  await expect(page.getByTestId('redrill-banner')).toContainText(`the seed-${scheduled.seed} run`);
  // The earlier give-up's reference is not on the page until this attempt ends.
  await expect(page.getByTestId('solution')).toHaveCount(0);

  // The numbers of seed 7, a run this challenge was graded on before, are not this run's answer.
  const remembered = await rememberedAnswer(7, challenge.solution);
  expect(await rememberedAnswer(scheduled.seed, challenge.solution)).not.toBe(remembered);
  await replaceEditorText(page, 'challenge-sql', remembered);
  await page.getByRole('button', { name: 'Submit' }).click();
  const diagnosis = page.getByTestId('diagnosis');
  await expect(diagnosis).toBeVisible({ timeout: 120_000 });
  await expect(diagnosis).toContainText(`on the seed-${scheduled.seed} run (re-drill)`);
  await expect(page.getByTestId('solution')).toHaveCount(0);

  await replaceEditorText(page, 'challenge-sql', challenge.solution);
  await page.getByRole('button', { name: 'Submit' }).click();
  const correct = page.getByTestId('verdict-correct');
  await expect(correct).toBeVisible({ timeout: 120_000 });
  await expect(correct).toContainText(`the seed-${scheduled.seed} run (re-drill)`);
  await expect(page.getByTestId('redrill-banner')).toContainText('Next re-drill');
  await page.screenshot({ path: 'test-results/redrill-2-solved.png', fullPage: true });

  await expect
    .poll(async () => (await storedRedrills(page))?.redrills[challengeId]?.seedsSeen)
    .toEqual([scheduled.seed]);
  const after = (await storedRedrills(page))?.redrills[challengeId];
  if (!after) throw new Error('the re-drill disappeared');
  expect(after.seed).not.toBe(scheduled.seed);
  expect(challengeDataSeeds).not.toContain(after.seed);
  expect(Date.parse(after.card.due)).toBeGreaterThan(later);
  expect(after.card.reps).toBe(3);

  await page.goto('/interview/review');
  await expect(page.getByTestId('redrill-next')).toContainText(challenge.title);
  await expect(page.getByTestId('redrill-due')).toHaveCount(0);

  await page.evaluate((key) => {
    window.localStorage.removeItem('pipeline-lab:challenges:v1');
    window.localStorage.removeItem(key);
  }, redrillKey);
});
