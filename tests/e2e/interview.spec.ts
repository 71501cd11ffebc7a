import { expect, test } from '@playwright/test';

test('a three-question mock interview ends with a summary that is kept after a reload', async ({ page }) => {
  await page.goto('/interview/mock');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mock interview');
  await page.getByLabel('Questions').selectOption('3');
  await page.getByRole('button', { name: /Start the interview/ }).click();
  await expect(page.getByRole('timer')).toHaveText(/^[23]:\d\d$/);

  // Question 1: answered and fully covered; question 2: skipped; question 3: answered, half covered.
  await page.getByLabel('Your answer (notes are fine)').fill('Partitions, keys, consumer groups, idempotent writes.');
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
  await expect(page.getByTestId('mock-score')).toContainText('3 questions (2 answered, 1 skipped, 0 out of time)');
  await expect(page.getByRole('heading', { name: 'Lessons to revisit' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/mock-summary.png' });

  await page.reload();
  await expect(page.getByRole('table', { name: 'Past mock interviews' }).getByRole('row')).toHaveCount(2);
});

test('the daily review schedules cards with FSRS and keeps them across reloads', async ({ page }) => {
  await page.goto('/interview/review');
  await expect(page.getByTestId('review-remaining')).toHaveText('5 to review');
  await page.getByRole('button', { name: 'Show answer' }).click();
  await page.getByRole('button', { name: /^good · / }).click();
  await expect(page.getByTestId('review-remaining')).toHaveText('4 to review');
  await page.getByRole('button', { name: 'Show answer' }).click();
  await page.getByRole('button', { name: /^again · / }).click();
  await expect(page.getByTestId('review-remaining')).toHaveText('3 to review');
  await page.screenshot({ path: 'test-results/screenshots/review.png' });

  // After a reload the two reviewed cards are stored: the 'again' card is due again within minutes, the 'good'
  // one is not, and new cards keep coming; the interview page counts what is due.
  await page.goto('/interview');
  await expect(page.getByTestId('due-count')).toHaveText(/^(No reviews due|1 review due)$/);
  await page.goto('/interview/review');
  await expect(page.getByTestId('review-remaining')).toHaveText(/^[56] to review$/);
});
