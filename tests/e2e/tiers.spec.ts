import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { servicesEnv, type ServicesEnv } from '../../pipeline/contracts/services-env';
import { withServicesEnvFile } from '../../pipeline/services/services-env-file';

/**
 * One journey through the console on each tier: a run started from the browser with the tier chosen in the form,
 * watched in the streaming view (consumer lag falling to zero, the run's lake objects, the speed layer's state,
 * the shop's rows), the produce stage's records in its drawer, then deleted. On the services tier the test also
 * asks Kafka, S3, PostgreSQL and Redis themselves, before and after the delete: the same services the web server
 * uses (`npm run services -- up` writes where they are; CI starts them that way).
 */
const shots = 'test-results/screenshots';

interface TierStatus {
  defaultTier: string;
  services: { available: boolean; reason: string | null };
}

async function servicesStatus(request: APIRequestContext): Promise<TierStatus> {
  const response = await request.get('/api/services?fresh=1');
  expect(response.status()).toBe(200);
  return (await response.json()) as TierStatus;
}

async function startRun(page: Page, tier: 'embedded' | 'services'): Promise<string> {
  await page.goto('/pipeline');
  await page.getByLabel('Seed').fill('3');
  await page.getByLabel(/^Events/).fill('5000');
  await page.getByLabel('Fault profile').selectOption('realistic');
  const stepMode = page.getByLabel('Step mode');
  if (await stepMode.isChecked()) await stepMode.click();
  const choice = page.getByRole('radio', { name: new RegExp(`^${tier}`) });
  await expect(choice).toBeEnabled({ timeout: 20_000 });
  await choice.check();
  const posted = page.waitForResponse(
    (response) => response.url().endsWith('/api/runs') && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Start run' }).click();
  const response = await posted;
  expect((response.request().postDataJSON() as { tier: string }).tier).toBe(tier);
  expect(response.status()).toBe(202);
  return ((await response.json()) as { runId: string }).runId;
}

/** What the services hold for a run, asked of each system directly (not through the app). */
async function heldByServices(
  env: ServicesEnv,
  runId: string,
): Promise<{
  topics: string[];
  objects: number;
  orders: number;
  users: number;
  runRows: number;
  keys: number;
}> {
  const admin = new Kafka({ brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  const s3 = new S3Client({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
  });
  const pg = new Client({ connectionString: env.DATABASE_URL });
  const redis = new Redis(env.REDIS_URL, { lazyConnect: true });
  try {
    await Promise.all([admin.connect(), pg.connect(), redis.connect()]);
    const topics = (await admin.listTopics())
      .filter((name) => name.startsWith(`pipeline-lab.${runId}.`))
      .sort();
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: env.S3_BUCKET, Prefix: `runs/${runId}/` }),
    );
    const count = async (sql: string) => Number((await pg.query<{ n: string }>(sql, [runId])).rows[0]!.n);
    // One query at a time: a pg client runs them in turn anyway.
    const orders = await count('SELECT count(*) AS n FROM pipeline_lab_oltp.orders WHERE run_id = $1');
    const users = await count('SELECT count(*) AS n FROM pipeline_lab_oltp.users WHERE run_id = $1');
    const runRows = await count('SELECT count(*) AS n FROM stage_states WHERE run_id = $1');
    const keys = (await redis.keys(`pipeline-lab:${runId}:*`)).length;
    return { topics, objects: listed.KeyCount ?? 0, orders, users, runRows, keys };
  } finally {
    await Promise.allSettled([admin.disconnect(), pg.end()]);
    redis.disconnect();
    s3.destroy();
  }
}

for (const tier of ['embedded', 'services'] as const) {
  test(`a ${tier}-tier run from the browser: lag falls to zero, its objects, state and rows are on the page, delete removes them`, async ({
    page,
    request,
  }) => {
    test.setTimeout(300_000);
    const status = await servicesStatus(request);
    if (tier === 'services')
      expect(status.services.available, `the services tier is not available: ${status.services.reason}`).toBe(
        true,
      );
    const runId = await startRun(page, tier);
    await expect(page.getByTestId('run-status')).toHaveText(/succeeded/, { timeout: 240_000 });

    await page.getByRole('tab', { name: 'Streaming' }).click();
    const streaming = page.getByRole('region', { name: 'Streaming' });
    // The first read of a services run opens its connections (Kafka, S3, PostgreSQL, Redis): seconds on a busy machine.
    await expect(streaming).toHaveAttribute('data-tier', tier, { timeout: 30_000 });
    await expect(page.getByRole('table', { name: 'Topics' })).toContainText('events');
    // Ingest's lag over the run: it rose while records waited and fell to zero; every committed partition is at 0.
    await expect(
      streaming.getByRole('img', {
        name: /^Consumer lag in records against .+: peaked at [1-9][\d,]* records, now 0$/,
      }),
    ).toBeVisible({ timeout: 15_000 });
    const lagRows = page.getByRole('table', { name: 'Lag by partition' }).locator('tbody tr');
    await expect(page.getByTestId('lag-ingest-raw-events-0')).toHaveAttribute('data-lag', '0');
    await expect(page.getByTestId('lag-speed-layer-events-0')).toHaveAttribute('data-lag', '0');
    expect(await lagRows.count()).toBeGreaterThanOrEqual(8);
    for (const lag of await lagRows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-lag'))))
      expect(lag).toBe('0');

    // The run's objects in its lake, the speed layer's state and the shop's rows, each where the tier keeps them.
    const rawEvents = page.getByTestId('lake-raw/events/');
    await expect(rawEvents).toBeVisible();
    expect(Number(await rawEvents.getAttribute('data-objects'))).toBeGreaterThan(0);
    expect(
      Number(await page.getByTestId('lake-curated/').getAttribute('data-objects')),
    ).toBeGreaterThanOrEqual(13);
    if (tier === 'services') {
      await expect(page.getByTestId('lake-location')).toContainText(`s3://pipeline-lab/runs/${runId}/lake/`);
      await expect(page.getByTestId('speed-source')).toContainText(`Redis`);
      await expect(page.getByTestId('speed-source')).toContainText(`pipeline-lab:${runId}:`);
      await expect(page.getByTestId('database-location')).toContainText('PostgreSQL');
    } else {
      await expect(page.getByTestId('lake-location')).toContainText(`${runId}/lake/`);
      await expect(page.getByTestId('speed-source')).toContainText(`${runId}/kv/`);
      await expect(page.getByTestId('database-location')).toContainText(`${runId}/oltp/shop.duckdb`);
    }
    // Both tiers hold the shop's profiles and orders the produce stage wrote.
    expect(
      Number(await page.getByTestId('rows-pipeline_lab_oltp.orders').getAttribute('data-rows')),
    ).toBeGreaterThan(0);
    expect(
      Number(await page.getByTestId('rows-pipeline_lab_oltp.users').getAttribute('data-rows')),
    ).toBeGreaterThan(0);
    await page.screenshot({ path: `${shots}/tiers-${tier}-streaming.png`, fullPage: true });

    // The produce stage's drawer shows the records it wrote to the events topic (Kafka's, on the services tier).
    await page.getByRole('tab', { name: 'Stages' }).click();
    await page.getByRole('button', { name: 'Open produce' }).click();
    const drawer = page.getByRole('dialog', { name: 'Stage Produce' });
    await expect(drawer.getByTestId('sample-output').first().locator('tbody tr').first()).toBeVisible({
      timeout: 30_000,
    });
    await expect(drawer).not.toContainText('Not produced yet');
    await drawer.getByRole('button', { name: 'Close' }).click();

    const env = servicesEnv(withServicesEnvFile());
    if (tier === 'services') {
      const held = await heldByServices(env, runId);
      expect(held.topics).toEqual(
        expect.arrayContaining([`pipeline-lab.${runId}.events`, `pipeline-lab.${runId}.orders`]),
      );
      expect(held.objects).toBeGreaterThan(0);
      expect(held.orders).toBeGreaterThan(0);
      expect(held.users).toBeGreaterThan(0);
      // The run's state went to the services' PostgreSQL, not to a private in-memory store.
      expect(held.runRows).toBe(9);
      expect(held.keys).toBeGreaterThan(0);
    }

    await page.getByRole('button', { name: `Delete ${runId}` }).click();
    await expect(page.getByRole('button', { name: `Delete ${runId}` })).toHaveCount(0, { timeout: 60_000 });
    expect((await request.get(`/api/runs/${runId}`)).status()).toBe(404);
    if (tier === 'services')
      expect(await heldByServices(env, runId)).toEqual({
        topics: [],
        objects: 0,
        orders: 0,
        users: 0,
        runRows: 0,
        keys: 0,
      });
  });
}

test('a services-tier run made from the CLI shows its topics and lag in the console', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const status = await servicesStatus(request);
  expect(status.services.available, `the services tier is not available: ${status.services.reason}`).toBe(
    true,
  );
  // Into the runs folder the web server lists (PIPELINE_LAB_RUNS_DIR's default), as a learner's terminal would.
  const runId = `e2e-cli-${Date.now().toString(36)}`;
  await promisify(execFile)(
    join('node_modules', '.bin', 'tsx'),
    [
      'pipeline/cli.ts',
      'run',
      '--tier',
      'services',
      '--seed',
      '5',
      '--events',
      '2000',
      '--until',
      'ingest',
      '--out',
      join('.data', 'runs', runId),
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  try {
    await page.goto('/pipeline');
    await page.getByRole('button', { name: runId, exact: true }).click();
    await page.getByRole('tab', { name: 'Streaming' }).click();
    await expect(page.getByRole('region', { name: 'Streaming' })).toHaveAttribute('data-tier', 'services', {
      timeout: 30_000,
    });
    await expect(page.getByRole('table', { name: 'Topics' })).toContainText('events');
    await expect(page.getByTestId('lag-ingest-raw-events-0')).toHaveAttribute('data-lag', '0', {
      timeout: 15_000,
    });
    await expect(page.getByTestId('lag-speed-layer-orders-0')).toHaveAttribute('data-lag', '0');
  } finally {
    expect((await request.delete(`/api/runs/${runId}`)).status()).toBe(204);
  }
  expect(await heldByServices(servicesEnv(withServicesEnvFile()), runId)).toEqual({
    topics: [],
    objects: 0,
    orders: 0,
    users: 0,
    runRows: 0,
    keys: 0,
  });
});
