import { expect, test } from '@playwright/test';

/**
 * An incident round end to end in a real browser against the started server: a named incident (so the test knows
 * the answer) is started, its run and the two hidden runs are built by the server, a statement that is not a query
 * is refused with its reason, a wrong check and a wrong root cause are graded (low precision, the clean records it
 * flagged, the real cause revealed), then the right check is graded at recall and precision 1 on all three runs,
 * and the explanation is timed and self-graded. The round's run is deleted at the end.
 */
const incident = 'timezone_bug';

test('an incident round: a wrong check, then the right one, both graded against the ledger', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  await page.goto(`/interview/incident?incident=${incident}`);
  await page.evaluate(() => window.localStorage.removeItem('pipeline-lab:incident:v1'));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Incident round' })).toBeVisible();
  await page.getByRole('button', { name: 'Start an incident round' }).click();

  const status = page.getByTestId('round-status');
  await expect(status).toContainText('Your run and both hidden runs are ready.', { timeout: 200_000 });
  const runId = await page.evaluate(
    () =>
      (JSON.parse(window.localStorage.getItem('pipeline-lab:incident:v1') ?? '{}') as { runId: string })
        .runId,
  );
  expect(runId).toMatch(/^incident-/);
  try {
    await expect(page.getByRole('link', { name: 'playground with this run selected' })).toHaveAttribute(
      'href',
      `/playground?run=${runId}`,
    );
    // The ledger is the answer: the files route does not serve it for a round's run.
    expect((await request.get(`/api/runs/${runId}/files/ground-truth.json`)).status()).toBe(404);

    const check = page.getByTestId('incident-check');
    const grade = page.getByRole('button', { name: 'Grade my check' });
    await page.getByLabel('Root cause').selectOption({ label: 'Late and out-of-order events' });
    await check.fill('DELETE FROM fact_events');
    await grade.click();
    await expect(page.getByTestId('grade-error')).toHaveText(
      'A check is one SELECT (or WITH … SELECT) query; this one starts with "DELETE".',
    );

    // Wrong: every desktop event, not only the shifted ones.
    await check.fill("SELECT event_id FROM fact_events WHERE device = 'desktop'");
    await grade.click();
    const result = page.getByTestId('incident-result');
    await expect(result).toHaveAttribute('data-passed', 'false', { timeout: 60_000 });
    await expect(page.getByTestId('check-failed')).toBeVisible();
    await expect(page.getByTestId('incident-diagnosis')).toContainText('Low precision on your run');
    await expect(page.getByTestId('false-positives')).toContainText('fact_events');
    await expect(page.getByTestId('root-cause')).toContainText(
      'Root cause: not this one. It was A timezone bug.',
    );
    await page.screenshot({ path: 'test-results/incident-1-wrong.png', fullPage: true });

    await page.getByLabel('Root cause').selectOption({ label: 'A timezone bug' });
    await check.fill('SELECT event_id FROM fact_events WHERE event_ts > ingested_at');
    await grade.click();
    await expect(result).toHaveAttribute('data-passed', 'true', { timeout: 60_000 });
    await expect(page.getByTestId('check-passed')).toBeVisible();
    const rows = page.getByTestId('scores').locator('tbody tr');
    await expect(rows).toHaveCount(3);
    for (const row of await rows.all()) await expect(row.locator('td').nth(4)).toHaveText('100 %');
    for (const row of await rows.all()) await expect(row.locator('td').nth(5)).toHaveText('100 %');
    await expect(page.getByTestId('root-cause')).toContainText('Root cause: right.');
    await expect(page.getByTestId('root-cause').getByRole('link').first()).toHaveAttribute(
      'href',
      /^\/learn\//,
    );

    await page.getByRole('button', { name: 'Start the 2-minute timer' }).click();
    await page.getByRole('button', { name: 'I’m done' }).click();
    await page.getByLabel(/Named the root cause/).check();
    await page.getByLabel(/Said what it hit/).check();
    await page.getByRole('button', { name: 'Save my grade' }).click();
    await expect(page.getByTestId('explanation-saved')).toContainText('Explanation: 2 of 4');
    await page.screenshot({ path: 'test-results/incident-2-passed.png', fullPage: true });
    const history = await page.evaluate(() =>
      window.localStorage.getItem('pipeline-lab:incident-history:v1'),
    );
    expect(JSON.parse(history ?? '[]')).toEqual([
      expect.objectContaining({
        runId,
        incident,
        rootCauseCorrect: true,
        checkPassed: true,
        recall: 1,
        precision: 1,
        explanation: expect.objectContaining({ ticked: 2, total: 4 }),
      }),
    ]);

    // A round whose run was deleted (from the console) is forgotten on the next visit.
    expect((await request.delete(`/api/runs/${runId}`)).status()).toBe(204);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Start an incident round' })).toBeVisible();
    expect(await page.evaluate(() => window.localStorage.getItem('pipeline-lab:incident:v1'))).toBeNull();
  } finally {
    await request.delete(`/api/runs/${runId}`);
  }
});

test('the incident API refuses foreign origins and names the field that is wrong', async ({ request }) => {
  const foreign = await request.post('/api/incidents', {
    data: {},
    headers: { Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' },
  });
  expect(foreign.status()).toBe(403);
  const badType = await request.post('/api/incidents', { data: { incident: 'meteor' } });
  expect(badType.status()).toBe(400);
  expect(((await badType.json()) as { fieldErrors: { incident: string } }).fieldErrors.incident).toMatch(
    /^incident must be one of: replay_duplicates, /,
  );
  const notJson = await request.post('/api/incidents/incident-x/grade', {
    data: 'check=1',
    headers: { 'Content-Type': 'text/plain' },
  });
  expect(notJson.status()).toBe(415);
  const missing = await request.post('/api/incidents/incident-x/grade', { data: { check: 'SELECT 1' } });
  expect(missing.status()).toBe(400);
  expect(((await missing.json()) as { fieldErrors: { rootCause: string } }).fieldErrors.rootCause).toMatch(
    /^Name the root cause/,
  );
  const tooLarge = await request.post('/api/incidents/incident-x/grade', {
    data: { check: `SELECT 1 -- ${'x'.repeat(20_000)}`, rootCause: 'skewed_key' },
  });
  expect(tooLarge.status()).toBe(413);
  const noRound = await request.post('/api/incidents/no-such-round/grade', {
    data: { check: 'SELECT 1', rootCause: 'skewed_key' },
  });
  expect(noRound.status()).toBe(404);
});
