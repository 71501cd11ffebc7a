import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { manifestSchema, type Manifest } from '../../pipeline/contracts/manifest';
import { openDuckDbWarehouse } from '../../pipeline/services/shared/duckdb-warehouse';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'cross-tier-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function pipelineRun(tier: 'embedded' | 'services', runId: string): Promise<Manifest> {
  const out = join(root, runId);
  await run(
    join(process.cwd(), 'node_modules', '.bin', 'tsx'),
    [
      'pipeline/cli.ts',
      'run',
      '--seed',
      '42',
      '--events',
      '100000',
      '--faults',
      'realistic',
      '--tier',
      tier,
      '--out',
      out,
    ],
    {
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        KAFKA_BROKERS: inject('kafkaBrokers'),
        S3_ENDPOINT: inject('s3Endpoint'),
        S3_BUCKET: inject('s3Bucket'),
        S3_ACCESS_KEY_ID: 'test',
        S3_SECRET_ACCESS_KEY: 'test',
        DATABASE_URL: inject('databaseUrl'),
        REDIS_URL: inject('redisUrl'),
      },
    },
  );
  return manifestSchema.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
}

function curatedChecksums(manifest: Manifest): Map<string, string> {
  return new Map(
    manifest.stages
      .flatMap((stage) => stage.outputs)
      .filter((output) => output.path.startsWith('lake/curated/') || output.path === 'warehouse.duckdb')
      .map((output) => [output.path, output.sha256]),
  );
}

describe('the same pipeline on both tiers', () => {
  it('a 100k-event run gives byte-identical curated outputs on the embedded tier and on Kafka, S3, Postgres and Redis', async () => {
    const embedded = await pipelineRun('embedded', `embedded-${process.pid}`);
    const services = await pipelineRun('services', `services-${process.pid}`);
    expect(embedded.status).toBe('succeeded');
    expect(services.status).toBe('succeeded');
    expect(services.tier).toBe('services');
    const expected = curatedChecksums(embedded);
    expect(expected.size).toBeGreaterThanOrEqual(12);
    expect(curatedChecksums(services)).toEqual(expected);
    const counts = (manifest: Manifest) =>
      manifest.stages.map((stage) => [stage.name, stage.outputRows, stage.rejectedRows]);
    expect(counts(services)).toEqual(counts(embedded));
    // The speed layer ran on its own thread on both tiers (a read-only embedded log; kafkajs and Redis) and
    // counted the same windows, unusable records and final watermark. Which records are late depends on the
    // order the partitions were read in (each log interleaves them its own way), so that count only has to be
    // small: the injected late and out-of-order events, not the mass a replay would make with one global maximum.
    const speedLayer = (manifest: Manifest) =>
      manifest.stages.find((stage) => stage.name === 'ingest')!.metrics.speedLayer as Record<string, unknown>;
    const invariant = ({ thread, windows, unreadable, watermark }: Record<string, unknown>) => ({
      thread,
      windows,
      unreadable,
      watermark,
    });
    expect(speedLayer(embedded)).toMatchObject({ thread: 'own thread' });
    expect(invariant(speedLayer(services))).toEqual(invariant(speedLayer(embedded)));
    for (const manifest of [embedded, services]) expect(speedLayer(manifest).lateEvents).toBeLessThan(2_000);
    await expectOperationalDatabase(services, join(root, `services-${process.pid}`));
  }, 240_000);
});

/**
 * The services run also wrote the shop's profiles and orders to PostgreSQL: as many rows as the produce stage
 * reports, and every order the warehouse accepted is there (the OLTP additionally holds orders the pipeline
 * quarantines for reasons its schema cannot see, such as orphans and future timestamps).
 */
async function expectOperationalDatabase(manifest: Manifest, runDir: string): Promise<void> {
  const reported = manifest.stages.find((stage) => stage.name === 'produce')?.metrics.operational as
    { users: number; orders: number; orderLines: number } | undefined;
  expect(reported?.users).toBeGreaterThan(0);
  expect(reported?.orders).toBeGreaterThan(0);
  const sql = new Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  const duck = await openDuckDbWarehouse({ path: join(runDir, 'work', 'cross-tier-check.duckdb') });
  try {
    const count = async (table: string) =>
      Number(
        (
          await sql.query(`SELECT count(*) AS n FROM pipeline_lab_oltp.${table} WHERE run_id = $1`, [
            manifest.runId,
          ])
        ).rows[0].n,
      );
    expect({
      users: await count('users'),
      orders: await count('orders'),
      orderLines: await count('order_lines'),
    }).toEqual({
      users: reported?.users,
      orders: reported?.orders,
      orderLines: reported?.orderLines,
    });
    const operational = new Set(
      (
        await sql.query<{ order_id: string }>(
          'SELECT order_id FROM pipeline_lab_oltp.orders WHERE run_id = $1',
          [manifest.runId],
        )
      ).rows.map((row) => row.order_id),
    );
    const accepted = await duck.query<{ order_id: string }>(
      `SELECT order_id FROM '${join(runDir, 'lake', 'curated', 'fact_orders.parquet')}'`,
    );
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.filter((row) => !operational.has(row.order_id))).toEqual([]);
  } finally {
    await sql.query('DELETE FROM pipeline_lab_oltp.orders WHERE run_id = $1', [manifest.runId]);
    await sql.query('DELETE FROM pipeline_lab_oltp.users WHERE run_id = $1', [manifest.runId]);
    await sql.end();
    await duck.close();
  }
}
