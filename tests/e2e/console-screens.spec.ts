import { expect, test, type Page } from '@playwright/test';
import { stageNames } from '../../pipeline/contracts/stages';
import {
  drawnGraphEdges,
  expectNoHorizontalOverflow,
  overlappingBoxes,
  viewports,
  visibleGraphNodes,
} from './layout';

/**
 * The console on a laptop and on a 390 px phone: the graph shows all nine stages at every moment of a run, the
 * page never gets wider than the screen, every stage's figures and buttons can be seen, a past run can be opened,
 * the selected run survives a reload, and starting a run never asks for a run that does not exist yet.
 */
async function expectWholeGraph(page: Page, moment: string): Promise<void> {
  await expect
    .poll(() => visibleGraphNodes(page), { message: `graph nodes in view ${moment}`, timeout: 5_000 })
    .toBe(stageNames.length);
  expect(await drawnGraphEdges(page), `graph edges drawn ${moment}`).toBe(stageNames.length - 1);
  await expectNoHorizontalOverflow(page);
}

for (const viewport of viewports) {
  test(`console screens at ${viewport.width} px: graph, stage table, history, reload`, async ({
    page,
    request,
  }) => {
    // Each stage job starts a child process: minutes on a machine shared by many builds, seconds on an idle one.
    test.setTimeout(600_000);
    await page.setViewportSize(viewport);
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 404 && /\/api\/runs\/[^/]+$/.test(new URL(response.url()).pathname))
        missing.push(response.url());
    });
    await page.goto('/pipeline');
    await expectNoHorizontalOverflow(page);
    await page.getByLabel('Seed').fill('11');
    await page.getByLabel(/^Events/).fill('5000');
    if (!(await page.getByLabel('Step mode').isChecked())) await page.getByLabel('Step mode').click();
    const posted = page.waitForResponse(
      (response) => response.url().endsWith('/api/runs') && response.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Start run' }).click();
    const runId = ((await (await posted).json()) as { runId: string }).runId;
    try {
      await expect(page.getByRole('heading', { name: runId })).toBeVisible();
      await expectWholeGraph(page, 'at the start');
      await expect(page.getByTestId('stage-generate')).toHaveAttribute('data-state', 'succeeded', {
        timeout: 240_000,
      });
      await expectWholeGraph(page, 'after generate');
      for (const stage of ['produce']) {
        await page.getByRole('button', { name: `Run ${stage}` }).click();
        await expect(page.getByTestId(`stage-${stage}`)).toHaveAttribute('data-state', 'succeeded', {
          timeout: 240_000,
        });
        await expectWholeGraph(page, `after stepping ${stage}`);
      }
      await page.getByRole('button', { name: /^Resume/ }).click();
      await expect(page.getByTestId('stage-quality')).toHaveAttribute('data-state', 'succeeded', {
        timeout: 180_000,
      });
      await expectWholeGraph(page, 'on the finished run');

      // Every stage's Open button is on screen, and no two figures of a row overlap.
      for (const stage of stageNames) {
        const open = await page.getByRole('button', { name: `Open ${stage}` }).boundingBox();
        expect(open, `Open ${stage}`).not.toBeNull();
        expect(open!.x).toBeGreaterThanOrEqual(0);
        expect(
          open!.x + open!.width,
          `Open ${stage} ends inside the ${viewport.width} px window`,
        ).toBeLessThanOrEqual(viewport.width);
        expect(await overlappingBoxes(page, `[data-testid="stage-${stage}"] > td`)).toEqual([]);
      }
      await page.screenshot({
        path: `test-results/screenshots/console-finished-${viewport.name}.png`,
        fullPage: true,
      });

      // The selected run is in the address and survives a reload.
      await expect(page).toHaveURL(new RegExp(`[?&]run=${runId}`));
      await page.reload();
      await expect(page.getByRole('heading', { name: runId })).toBeVisible();
      await expect(page.getByTestId('stage-quality')).toHaveAttribute('data-state', 'succeeded');
      await expectWholeGraph(page, 'after a reload');

      // Run history: the run's name has a width, and opening it from there shows it.
      await page.goto('/pipeline');
      const name = page.getByTestId('run-name').filter({ hasText: runId });
      const width = await name.evaluate((element) => element.getBoundingClientRect().width);
      expect(width, 'the run name in the history').toBeGreaterThan(100);
      await name.click();
      await expect(page.getByRole('heading', { name: runId })).toBeInViewport();
      await expectWholeGraph(page, 'opened from the history');
      expect(missing, 'requests for a run before it existed').toEqual([]);
    } finally {
      await request.delete(`/api/runs/${runId}`);
    }
  });
}
