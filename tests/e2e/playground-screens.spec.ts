import { expect, test, type Page } from '@playwright/test';
import { expectNoHorizontalOverflow, viewports } from './layout';

/**
 * The playground and a challenge page on a laptop and a 390 px phone, on the bundled sample run: the editor is on
 * the first screen and the page no wider than it; a table's name opens its columns (nothing pasted into the
 * query); an error labels the result left from the query before it.
 */
async function typeQuery(page: Page, sql: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click({ force: true });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
  await page.keyboard.press('ControlOrMeta+Enter');
}

for (const viewport of viewports) {
  test(`playground at ${viewport.width} px: editor first, schema panel, errors label the old result`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(viewport);
    await page.goto('/playground');
    await page.getByRole('combobox', { name: 'Run to query' }).selectOption('');
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-attached', 'sample', {
      timeout: 90_000,
    });
    await page.getByTestId('sql-draft').hover();
    await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 60_000 });
    await expectNoHorizontalOverflow(page);

    // The editor and its Run button are on the first screen; on a phone the schema comes after the editor.
    const editor = (await page.locator('.monaco-editor').first().boundingBox())!;
    expect(editor.y, 'the editor starts on the first screen').toBeLessThan(viewport.height - 120);
    expect(editor.x + editor.width).toBeLessThanOrEqual(viewport.width);
    await expect(page.getByRole('button', { name: /^Run/ })).toBeInViewport();
    const schema = page.getByRole('region', { name: 'Schema' });
    await expect(schema.getByText('fact_orders', { exact: true })).toBeVisible();
    if (viewport.name === 'phone')
      expect((await schema.boundingBox())!.y).toBeGreaterThan(editor.y + editor.height);

    await typeQuery(page, 'SELECT count(*) AS orders FROM fact_orders');
    await expect(page.getByTestId('result-summary')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('stale-result')).toHaveCount(0);

    // A table's name shows its columns and leaves the query alone.
    await schema.getByText('mart_top_products', { exact: true }).click();
    await expect(
      page.getByRole('table', { name: 'Columns of mart_top_products' }).getByRole('rowheader').first(),
    ).toBeVisible();
    await expect(page.locator('.monaco-editor .view-lines')).toHaveText(
      'SELECT count(*) AS orders FROM fact_orders',
    );

    // An error: the old result stays, labelled as the previous query's; a good query clears the label.
    await typeQuery(page, 'SELECT nope FROM fact_orders');
    await expect(page.getByTestId('query-error')).toContainText('nope');
    await expect(page.getByTestId('stale-result')).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await page.screenshot({
      path: `test-results/screenshots/playground-error-${viewport.name}.png`,
      fullPage: true,
    });
    await typeQuery(page, 'SELECT 1 AS one');
    await expect(page.getByTestId('query-error')).toHaveCount(0);
    await expect(page.getByTestId('stale-result')).toHaveCount(0);
  });

  test(`a challenge page has a schema panel and fits the screen at ${viewport.width} px`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await page.goto('/interview/sql/orders-by-status');
    const panel = page.getByRole('complementary', { name: 'Tables and columns' });
    await panel.getByText('fact_orders', { exact: true }).click();
    const columns = page.getByRole('table', { name: 'Columns of fact_orders' });
    await expect(columns.getByRole('rowheader', { name: 'status' })).toBeVisible();
    await expect(columns).toContainText('VARCHAR');
    await expectNoHorizontalOverflow(page);
  });
}
