import { expect, test } from '@playwright/test';

test('a three-question mock interview ends with a summary that is kept after a reload', async ({ page }) => {
  await page.goto('/interview/mock');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mock interview');
  await page.getByLabel('Questions').selectOption('3');
  // Kafka questions are answered in prose (SQL ones are answered in their challenge: mock-review.spec.ts).
  await page.getByLabel('kafka', { exact: true }).check();
  await page.getByRole('button', { name: /Start the interview/ }).click();
  await expect(page.getByRole('timer')).toHaveText(/^[23]:\d\d$/);

  // Question 1: answered and fully covered; question 2: skipped; question 3: answered, half covered.
  await page
    .getByLabel('Your answer (notes are fine)')
    .fill('Partitions, keys, consumer groups, idempotent writes.');
  await page.getByRole('button', { name: 'Submit answer' }).click();
  for (const box of await page.getByRole('group').getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'Next question' }).click();
  await expect(page.getByText('Question 2 of 3')).toBeVisible();
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('button', { name: 'Next question' }).click();
  await page.getByLabel('Your answer (notes are fine)').fill('Something.');
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await page.getByRole('group').getByRole('checkbox').first().check();
  await page.getByRole('button', { name: 'Finish' }).click();

  await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible();
  await expect(page.getByTestId('mock-score')).toContainText(
    '3 questions (2 answered, 1 skipped, 0 out of time)',
  );
  await expect(page.getByRole('heading', { name: 'Lessons to revisit' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/mock-summary.png' });

  await page.reload();
  await expect(page.getByRole('table', { name: 'Past mock interviews' }).getByRole('row')).toHaveCount(2);
});

test('the daily review schedules cards with FSRS and keeps them across reloads', async ({ page }) => {
  // A fixed clock makes FSRS's learning steps exact: on a new card, "again" is due 1 minute later and "good" 10.
  const start = new Date('2026-03-02T09:00:00Z').getTime();
  const minutes = (n: number) => new Date(start + n * 60_000);
  await page.clock.setFixedTime(minutes(0));
  // The home page counts the queue the review page shows: nothing is due yet, five new cards are.
  await page.goto('/');
  await expect(page.getByTestId('due-count')).toHaveText('5 to review · 0 due, 5 new');
  await page.goto('/interview/review');
  const remaining = page.getByTestId('review-remaining');
  const front = page.getByTestId('review-front');
  const readMore = page.getByRole('region', { name: 'Review card' }).getByRole('link', { name: 'Read more' });
  await expect(remaining).toHaveText('5 to review');

  // New cards mix the kinds: the first is an interview question, the second a lesson quiz item.
  const gradedGood = await front.innerText();
  await page.getByRole('button', { name: 'Show answer' }).click();
  await expect(readMore).toHaveAttribute('href', /^\/interview\/questions\//);
  await page.getByRole('button', { name: /^good · 10 min$/ }).click();
  await expect(remaining).toHaveText('4 to review');
  const gradedAgain = await front.innerText();
  expect(gradedAgain).not.toBe(gradedGood);
  await page.getByRole('button', { name: 'Show answer' }).click();
  await expect(readMore).toHaveAttribute('href', /^\/learn\//);
  await page.getByRole('button', { name: /^again · 1 min$/ }).click();
  await expect(remaining).toHaveText('3 to review');
  await page.screenshot({ path: 'test-results/screenshots/review.png' });

  // Five minutes on, after reloads: only the "again" card is due, and it leads the queue before 5 new cards.
  await page.clock.setFixedTime(minutes(5));
  await page.goto('/interview');
  await expect(page.getByTestId('due-count')).toHaveText('6 to review · 1 due, 5 new');
  await page.goto('/interview/review');
  await expect(remaining).toHaveText('6 to review');
  await expect(front).toHaveText(gradedAgain);

  // Eleven minutes on, the "good" card is due too; both come back in the bank's order, then 5 new cards.
  await page.clock.setFixedTime(minutes(11));
  await page.goto('/interview');
  await expect(page.getByTestId('due-count')).toHaveText('7 to review · 2 due, 5 new');
  await page.goto('/interview/review');
  await expect(remaining).toHaveText('7 to review');
  await expect(front).toHaveText(gradedGood);
});

test('a question bookmarked on its page stays bookmarked after a reload and joins the review queue', async ({
  page,
}) => {
  // The button loads the practice store after hydration: its state must still come back from IndexedDB.
  await page.goto('/interview');
  await expect(page.getByTestId('due-count')).toHaveText('5 to review · 0 due, 5 new');
  await page.goto('/interview/questions/kafka-ordering-guarantees');
  const button = page.getByRole('button', { name: /Bookmark/ });
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(button).toHaveText('★ Bookmarked (in your review queue)');
  await page.reload();
  await expect(page.getByRole('button', { name: /Bookmark/ })).toHaveAttribute('aria-pressed', 'true');
  await page.goto('/interview');
  await expect(page.getByTestId('due-count')).toHaveText('6 to review · 1 due, 5 new');
});
