import { expect, test } from '@playwright/test';
import { expectNoHorizontalOverflow, viewports } from './layout';

/**
 * A mock interview of three chosen questions (a question page's "Practise it" link): after each, the learner's
 * answer beside the model answer and the rubric; the SQL question is answered in its challenge; the summary's
 * advice follows the questions asked (no Kafka lessons for a Kafka-flavoured behavioural story).
 */
const asked = ['surrogate-vs-natural-keys', 'behavioural-learning-new-tech', 'sql-rank-functions'];

for (const viewport of viewports) {
  test(`mock interview review and advice at ${viewport.width} px`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto(`/interview/mock?questions=${asked.join(',')}`);
    await expect(page.getByTestId('mock-chosen').getByRole('listitem')).toHaveCount(3);
    await page.getByRole('button', { name: 'Start the interview (3 questions)' }).click();

    await page
      .getByLabel('Your answer (notes are fine)')
      .fill('Natural keys change and collide across sources; a surrogate key is stable.');
    await page.getByRole('button', { name: 'Submit answer' }).click();
    await expect(page.getByTestId('mock-your-answer')).toHaveText(
      'Natural keys change and collide across sources; a surrogate key is stable.',
    );
    const model = page.getByTestId('mock-model-answer');
    await expect(model).toContainText(/surrogate/i, { timeout: 15_000 });
    await expect(
      page.getByRole('group', { name: /What the interviewer listens for/ }).getByRole('checkbox'),
    ).not.toHaveCount(0);
    // Side by side on a laptop, one under the other on a phone; never wider than the screen.
    const mine = (await page.getByRole('region', { name: 'Your answer' }).boundingBox())!;
    const theirs = (await page.getByRole('region', { name: 'A strong answer' }).boundingBox())!;
    if (viewport.name === 'desktop') expect(Math.abs(mine.y - theirs.y)).toBeLessThan(2);
    else expect(theirs.y).toBeGreaterThan(mine.y + mine.height - 1);
    await expectNoHorizontalOverflow(page);
    await page.screenshot({
      path: `test-results/screenshots/mock-review-${viewport.name}.png`,
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Next question' }).click();

    await page.getByRole('button', { name: 'Skip' }).click();
    await expect(page.getByRole('region', { name: 'Your answer' })).toContainText(
      'You skipped this question.',
    );
    await page.getByRole('button', { name: 'Next question' }).click();

    // The SQL question: no prose box, the matching challenge instead.
    await expect(page.getByLabel('Your answer (notes are fine)')).toHaveCount(0);
    const challenge = page
      .getByTestId('mock-sql-challenge')
      .getByRole('link', { name: 'Top 3 products per category' });
    await expect(challenge).toHaveAttribute('href', '/interview/sql/top-products-per-category');
    await page.getByRole('button', { name: 'I have answered: compare' }).click();
    await expect(page.getByTestId('mock-challenge-status')).toContainText('Not attempted');
    await expect(page.getByTestId('mock-model-answer')).toContainText(/RANK/, { timeout: 15_000 });
    await page.getByRole('button', { name: 'Finish' }).click();

    await expect(page.getByTestId('mock-advice-surrogate-vs-natural-keys')).toHaveAttribute(
      'data-kind',
      'lessons',
    );
    await expect(page.getByTestId('mock-advice-behavioural-learning-new-tech')).toHaveAttribute(
      'data-kind',
      'story',
    );
    await expect(page.getByTestId('mock-advice-sql-rank-functions')).toHaveAttribute(
      'data-kind',
      'challenge',
    );
    const lessons = page.getByRole('list', { name: 'Lessons to revisit' });
    await expect(lessons).toContainText('Slowly changing dimensions');
    await expect(lessons).not.toContainText('Kafka');
    await expectNoHorizontalOverflow(page);
  });
}
