import { expect, test } from '@playwright/test';
import { challengeById, challenges, modellingChallenges } from '../../content/challenges';
import { replaceEditorText } from './editor';

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

  await replaceEditorText(page, 'challenge-sql', wrong.sql);
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

  await replaceEditorText(page, 'challenge-sql', challenge.solution.replace('AS orders', 'AS n_orders'));
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

test("the playground's editor: Monaco once the learner reaches for it, completing the tables of the learner's run", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const challenge = challengeById(challengeId);
  if (!challenge) throw new Error(`no challenge ${challengeId}`);
  await page.goto(`/interview/sql/${challengeId}`);
  await expect(page.locator('article[data-hydrated="true"]')).toBeVisible();
  // Monaco is not part of the page's first load: a labelled stand-in box holds the text until then.
  await expect(page.getByLabel('Your SQL')).toHaveAttribute('data-testid', 'challenge-sql');
  await expect(page.locator('.monaco-editor')).toHaveCount(0);
  await page.getByTestId('challenge-sql').hover();
  await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('challenge-sql')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Your SQL' })).toHaveCount(1);

  // Reaching for the editor also attached the learner's run: its tables are what Ctrl+Space offers.
  await expect(page.getByTestId('rows-fact_orders')).toBeVisible({ timeout: 120_000 });
  await replaceEditorText(page, 'challenge-sql', 'SELECT * FROM fact_ord');
  await page.keyboard.press('ControlOrMeta+Space');
  await expect(page.locator('.suggest-widget')).toContainText('fact_orders');
  await page.keyboard.press('Escape');

  await replaceEditorText(page, 'challenge-sql', 'SELECT COUNT(*) AS n FROM fact_orders');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('result-summary')).toBeVisible({ timeout: 60_000 });
  await replaceEditorText(page, 'challenge-sql', challenge.solution);
  await page.keyboard.press('ControlOrMeta+Shift+Enter');
  await expect(page.getByTestId('verdict-correct')).toBeVisible({ timeout: 120_000 });
  await page.screenshot({ path: 'test-results/challenges-0-editor.png', fullPage: true });
});

test('a modelling challenge has the same editor, completing its source tables', async ({ page }) => {
  test.setTimeout(120_000);
  const model = modellingChallenges[0];
  const source = model?.sources[0];
  if (!model || !source) throw new Error('no modelling challenge with a source table');
  await page.goto(`/interview/sql/${model.id}`);
  await expect(page.locator('article[data-hydrated="true"]')).toBeVisible();
  await expect(page.locator('.monaco-editor')).toHaveCount(0);
  await replaceEditorText(page, 'model-sql', `SELECT * FROM ${source.table.slice(0, 6)}`);
  await expect(page.getByRole('textbox', { name: 'Your script: tables, loads, answer views' })).toHaveCount(
    1,
  );
  await page.keyboard.press('ControlOrMeta+Space');
  await expect(page.locator('.suggest-widget')).toContainText(source.table);
});

test('every reference solution runs in DuckDB-WASM and passes the browser grader on three runs', async ({
  page,
}) => {
  test.setTimeout(challenges.length * 20_000);
  for (const challenge of challenges) {
    await page.goto(`/interview/sql/${challenge.id}`);
    // Typing before hydration can be merged with the starter text when React takes the textarea over.
    await expect(page.locator('article[data-hydrated="true"]')).toBeVisible();
    // Input as the stand-in box receives it, without a pointer or focus: either would load Monaco, 3.6 MB to
    // evaluate on every one of these pages, which the editor's own tests cover. This one is about the grader.
    await page.getByTestId('challenge-sql').evaluate((box: HTMLTextAreaElement, text) => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(box, text);
      box.dispatchEvent(new Event('input', { bubbles: true }));
    }, challenge.solution);
    await expect(page.locator('.monaco-editor')).toHaveCount(0);
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
  await replaceEditorText(page, 'challenge-sql', plan.query);
  await page.getByRole('button', { name: 'Submit' }).click();
  const report = page.getByTestId('rewrite-report');
  await expect(report).toContainText('not a faster plan yet', { timeout: 120_000 });
  await expect(report).toContainText('BLOCKWISE_NL_JOIN');
  await expect(page.getByTestId('plan-answer-0')).toContainText('Right.');

  await replaceEditorText(page, 'challenge-sql', challenge.solution);
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
    await replaceEditorText(page, 'model-sql', rubricMiss.sql);
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByTestId('model-failure'), model.id).toHaveAttribute('data-kind', 'rubric', {
      timeout: 120_000,
    });
    await expect(page.getByTestId('model-failure')).toContainText('FLOAT');
    await replaceEditorText(page, 'model-sql', model.solution);
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
  await replaceEditorText(page, 'challenge-sql', easy.solution);
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
