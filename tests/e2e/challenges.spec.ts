import { expect, test } from '@playwright/test';
import { challengeById, challenges, modellingChallenges } from '../../content/challenges';

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
  const progress = JSON.parse(stored ?? '{}') as {
    challenges: Record<string, { attempts: number; hintsUsed: number; solved: boolean }>;
  };
  expect(progress.challenges[challengeId]).toMatchObject({ attempts: 2, hintsUsed: 1, solved: true });
});

test('every reference solution runs in DuckDB-WASM and passes the browser grader on three runs', async ({
  page,
}) => {
  test.setTimeout(challenges.length * 20_000);
  for (const challenge of challenges) {
    await page.goto(`/interview/sql/${challenge.id}`);
    // Typing before hydration can be merged with the starter text when React takes the textarea over.
    await expect(page.locator('article[data-hydrated="true"]')).toBeVisible();
    await page.getByTestId('challenge-sql').fill(challenge.solution);
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByTestId('verdict-correct'), challenge.id).toBeVisible({ timeout: 60_000 });
  }
});

test("plan reading: the plan of the learner's run, the questions, and a rewrite measured against the original", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const challenge = challengeById('plan-or-join');
  const plan = challenge?.plan;
  if (!challenge || !plan) throw new Error('no plan-or-join challenge');
  await page.goto(`/interview/sql/${challenge.id}`);
  await expect(page.locator('article[data-hydrated="true"]')).toBeVisible();
  await page.getByRole('button', { name: /Show the plan on your run/ }).click();
  await expect(page.getByTestId('plan-text')).toContainText('BLOCKWISE_NL_JOIN', { timeout: 120_000 });
  for (const [q, question] of plan.questions.entries()) {
    await page
      .getByTestId('plan-panel')
      .getByRole('group', { name: new RegExp(`^${q + 1}\\.`) })
      .getByLabel(question.options[question.answer] ?? '')
      .check();
  }

  // The original query itself: the same result, but the plan rule fails.
  const editor = page.getByTestId('challenge-sql');
  await editor.fill(plan.query);
  await page.getByRole('button', { name: 'Submit' }).click();
  const report = page.getByTestId('rewrite-report');
  await expect(report).toContainText('not a faster plan yet', { timeout: 120_000 });
  await expect(report).toContainText('BLOCKWISE_NL_JOIN');
  await expect(page.getByTestId('plan-answer-0')).toContainText('Right.');

  await editor.fill(challenge.solution);
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByTestId('rewrite-report')).toContainText('Your plan does less work', {
    timeout: 120_000,
  });
  await expect(page.getByTestId('rewrite-report')).toContainText(
    /Time on your run \(median of 3\): [\d.]+ ms, yours [\d.]+ ms/,
  );
  await page.screenshot({ path: 'test-results/challenges-3-plan-rewrite.png', fullPage: true });
  const stored = await page.evaluate(() => window.localStorage.getItem('pipeline-lab:challenges:v1'));
  const progress = JSON.parse(stored ?? '{}') as { challenges: Record<string, { solved: boolean }> };
  expect(progress.challenges[challenge.id]?.solved).toBe(true);
});

test('modelling: a design is built in the browser, checked against the rubric and answered from its own tables', async ({
  page,
}) => {
  test.setTimeout(240_000);
  for (const model of modellingChallenges) {
    const rubricMiss = model.wrongAnswers.find((w) => w.expected.kind === 'rubric');
    if (!rubricMiss) throw new Error(`${model.id} has no rubric wrong answer`);
    await page.goto(`/interview/sql/${model.id}`);
    await expect(page.locator('article[data-hydrated="true"]')).toBeVisible();
    const editor = page.getByTestId('model-sql');
    await editor.fill(rubricMiss.sql);
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByTestId('model-failure'), model.id).toHaveAttribute('data-kind', 'rubric', {
      timeout: 120_000,
    });
    await expect(page.getByTestId('model-failure')).toContainText('FLOAT');
    await editor.fill(model.solution);
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByTestId('verdict-correct'), model.id).toBeVisible({ timeout: 120_000 });
  }
  await page.screenshot({ path: 'test-results/challenges-4-modelling.png', fullPage: true });
});

test('timed screen: three challenges, a clock on each challenge page, solves scored by difficulty', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/interview/sql/screen');
  await page.evaluate(() => {
    window.localStorage.removeItem('pipeline-lab:challenges:v1');
    window.localStorage.removeItem('pipeline-lab:screen:v1');
  });
  await page.reload();
  await page.getByRole('button', { name: /Start a 45-minute screen/ }).click();
  await expect(page.getByTestId('screen-clock')).toContainText(/4[45]:\d\d left/);
  const stored = await page.evaluate(() => window.localStorage.getItem('pipeline-lab:screen:v1'));
  const screen = JSON.parse(stored ?? '{}') as { challenges: { id: string; difficulty: string }[] };
  expect(screen.challenges.map((c) => c.difficulty)).toEqual(['easy', 'medium', 'hard']);
  const easy = challengeById(screen.challenges[0]?.id ?? '');
  if (!easy) throw new Error('the screen picked an unknown challenge');

  await page.getByRole('link', { name: easy.title }).click();
  await expect(page.locator('article[data-hydrated="true"]')).toBeVisible();
  await expect(page.getByTestId('screen-banner')).toContainText('left, 0 of 6 points so far');
  await page.getByTestId('challenge-sql').fill(easy.solution);
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByTestId('verdict-correct')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('screen-banner')).toContainText('1 of 6 points so far');

  await page.getByRole('link', { name: 'Back to the screen' }).click();
  await expect(page.getByTestId('screen-result-0')).toContainText('✓ 1 of 1 points');
  await page.getByRole('button', { name: 'Finish now' }).click();
  await expect(page.getByTestId('screen-clock')).toContainText('Screen over');
  await expect(page.getByTestId('screen-score')).toContainText('Score: 1 of 6 — not passed this time');
  await page.screenshot({ path: 'test-results/challenges-5-screen.png', fullPage: true });
});
