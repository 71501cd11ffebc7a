import { expect, test } from '@playwright/test';
import { challengeById, challenges } from '../../content/challenges';

/**
 * A SQL challenge end to end in a real browser with DuckDB-WASM: a wrong answer (a filter the statement did not
 * ask for) is diagnosed as missing rows, a hint is revealed, the right answer passes on the learner's run and the
 * two seed runs, the reference appears and the list shows the challenge solved. Screenshots in test-results/.
 */
const challengeId = 'orders-by-status';

test('wrong answer → diagnosis → hint → right answer', async ({ page }) => {
  test.setTimeout(180_000);
  const challenge = challengeById(challengeId);
  if (!challenge) throw new Error(`no challenge ${challengeId}`);
  const wrong = challenge.wrongAnswers.find((w) => w.expected === 'missing_rows');
  if (!wrong) throw new Error(`${challengeId} has no missing_rows wrong answer`);

  await page.goto('/interview/sql');
  await page.evaluate(() => window.localStorage.removeItem('pipeline-lab:challenges:v1'));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'SQL challenges' })).toBeVisible();
  await page.getByRole('link', { name: challenge.title }).click();
  await expect(page.getByRole('heading', { name: challenge.title })).toBeVisible();

  const editor = page.getByTestId('challenge-sql');
  await editor.fill(wrong.sql);
  await page.getByRole('button', { name: 'Submit' }).click();
  const diagnosis = page.getByTestId('diagnosis');
  await expect(diagnosis).toBeVisible({ timeout: 120_000 });
  await expect(diagnosis).toHaveAttribute('data-kind', 'missing_rows');
  await expect(diagnosis).toContainText('Rows are missing');
  await expect(diagnosis).toContainText('cancelled');
  await page.screenshot({ path: 'test-results/challenges-1-diagnosis.png', fullPage: true });

  await page.getByRole('button', { name: 'Show hint 1 of 3' }).click();
  await expect(page.getByTestId('hints')).toContainText(challenge.hints[0]);
  await expect(page.getByRole('button', { name: 'Show hint 2 of 3' })).toBeVisible();
  await expect(page.getByTestId('solution')).toHaveCount(0);

  await editor.fill(challenge.solution.replace('AS orders', 'AS n_orders'));
  await page.getByRole('button', { name: 'Submit' }).click();
  const correct = page.getByTestId('verdict-correct');
  await expect(correct).toBeVisible({ timeout: 120_000 });
  await expect(correct).toContainText('seed-7');
  await expect(correct).toContainText('seed-1234');
  await expect(page.getByTestId('solution')).toContainText('GROUP BY status');
  await page.screenshot({ path: 'test-results/challenges-2-solved.png', fullPage: true });

  await page.getByRole('link', { name: '← All SQL challenges' }).click();
  const row = page.getByRole('listitem').filter({ hasText: challenge.title });
  await expect(row.getByLabel('solved')).toBeVisible();
  const stored = await page.evaluate(() => window.localStorage.getItem('pipeline-lab:challenges:v1'));
  const progress = JSON.parse(stored ?? '{}') as { challenges: Record<string, { attempts: number; hintsUsed: number; solved: boolean }> };
  expect(progress.challenges[challengeId]).toMatchObject({ attempts: 2, hintsUsed: 1, solved: true });
});

test('every reference solution runs in DuckDB-WASM and passes the browser grader on three runs', async ({ page }) => {
  test.setTimeout(600_000);
  for (const challenge of challenges) {
    await page.goto(`/interview/sql/${challenge.id}`);
    await page.getByTestId('challenge-sql').fill(challenge.solution);
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByTestId('verdict-correct'), challenge.id).toBeVisible({ timeout: 60_000 });
  }
});
