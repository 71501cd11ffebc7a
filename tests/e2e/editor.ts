import { expect, type Page } from '@playwright/test';

/**
 * Replace the text of a page's SQL editor through Monaco itself: once the page is hydrated, a click on the stand-in
 * box loads Monaco, then the whole text is selected, deleted and the new one pasted. A paste, not typed keys: typing
 * would meet Monaco's bracket closing and indentation, which change a multi-line script.
 */
export async function replaceEditorText(page: Page, standInTestId: string, sql: string): Promise<void> {
  const monaco = page.locator('.monaco-editor');
  // Before hydration the server-rendered box has no handlers: reaching for it would load nothing.
  await expect(page.locator('[data-hydrated="true"]')).toBeVisible();
  if ((await monaco.count()) === 0) await page.getByTestId(standInTestId).click();
  await expect(monaco).toBeVisible({ timeout: 60_000 });
  await monaco.locator('.view-lines').click({ force: true });
  await page.keyboard.press('Escape'); // close a completion list that would take the next keys
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, sql);
  await page.keyboard.press('Escape');
}
