import { expect, test } from '@playwright/test';
import { expectNoHorizontalOverflow, viewports } from './layout';

for (const viewport of viewports) {
  test(`a lesson's Markdown table reaches the page as a table, legible and inside the screen (${viewport.name})`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await page.goto('/learn/architecture-lambda-kappa');
    const box = page.getByTestId('lesson-table').first();
    const table = box.locator('table');
    await expect(table.getByRole('columnheader', { name: 'Layer' })).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(4);
    await expect(table.getByRole('cell', { name: 'Speed', exact: true })).toBeVisible();
    await expect(page.getByText('| Layer | Input |')).toHaveCount(0);

    // Legible: body text at least 14 px and every cell wide enough for a few words; the table scrolls in its box
    // when it is wider than the screen, and the page itself does not.
    const cell = await table
      .getByRole('cell')
      .first()
      .evaluate((element) => ({
        font: parseFloat(getComputedStyle(element).fontSize),
        width: element.getBoundingClientRect().width,
      }));
    expect(cell.font).toBeGreaterThanOrEqual(14);
    expect(cell.width).toBeGreaterThanOrEqual(120);
    const scroll = await box.evaluate((element) => ({
      overflowX: getComputedStyle(element).overflowX,
      boxWidth: element.clientWidth,
      tableWidth: element.scrollWidth,
    }));
    expect(scroll.overflowX).toBe('auto');
    expect(scroll.boxWidth).toBeLessThanOrEqual(viewport.width);
    if (viewport.name === 'phone') expect(scroll.tableWidth).toBeGreaterThan(scroll.boxWidth);
    await expectNoHorizontalOverflow(page);
    await box.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `test-results/screenshots/lesson-table-${viewport.name}.png` });
  });
}
