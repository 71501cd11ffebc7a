import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import cassandra from 'cassandra-driver';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { manifestSchema, type Manifest } from '../../pipeline/contracts/manifest';
import { servicesEnv } from '../../pipeline/contracts/services-env';
import { removeServicesRun } from '../../pipeline/services/remove-services-run';
import { servingTable } from '../../pipeline/contracts/serving';
import { servingKeyspace } from '../../pipeline/services/cassandra/serving-keyspace';
import { S3ObjectStore } from '../../pipeline/services/s3/s3-object-store';
import { openDuckDbWarehouse } from '../../pipeline/services/shared/duckdb-warehouse';

const run = promisify(execFile);
const servicesSource = {
  KAFKA_BROKERS: inject('kafkaBrokers'),
  S3_ENDPOINT: inject('s3Endpoint'),
  S3_BUCKET: inject('s3Bucket'),
  S3_ACCESS_KEY_ID: 'test',
  S3_SECRET_ACCESS_KEY: 'test',
  DATABASE_URL: inject('databaseUrl'),
  REDIS_URL: inject('redisUrl'),
  CASSANDRA_CONTACT_POINTS: inject('cassandraContactPoints'),
  // Never the stack of whoever runs the tests.
  PIPELINE_LAB_SERVICES_DIR: join(tmpdir(), 'cross-tier-no-stack'),
};
const s3Options = {
  endpoint: inject('s3Endpoint'),
  bucket: inject('s3Bucket'),
  accessKeyId: 'test',
  secretAccessKey: 'test',
};
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
      env: { ...process.env, ...servicesSource },
    },
  );
  return manifestSchema.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
}

/**
 * What of the stream tables is the same on both tiers. Which records the speed layer finds late depends on the order
 * each log interleaves the partitions, and lag samples carry the wall clock; but every window's records (counted
 * or late), the unusable records per partition and reason, the backlog before the first window and the final lag
 * do not depend on either.
 */
const streamInvariants: Record<string, string> = {
  stream_windows: 'SELECT window_start, window_end, events + orders + late AS records FROM {table}',
  stream_rejects: "SELECT reason, topic, partition, records FROM {table} WHERE reason <> 'late'",
  stream_consumer_lag:
    'SELECT consumer_group, topic, partition, lag, is_final FROM {table} WHERE sample_no = 0 OR is_final',
};

/**
 * The two warehouses, table by table: the same tables with the same columns and types, and the same rows as
 * multisets (EXCEPT ALL both ways, so a duplicated or missing row counts). Compared as data, not as file bytes.
 */
async function expectSameWarehouse(embeddedDir: string, servicesDir: string): Promise<number> {
  const duck = await openDuckDbWarehouse({ path: join(root, `compare-${process.pid}.duckdb`) });
  try {
    await duck.query(`ATTACH '${join(embeddedDir, 'warehouse.duckdb')}' AS embedded (READ_ONLY)`);
    await duck.query(`ATTACH '${join(servicesDir, 'warehouse.duckdb')}' AS services (READ_ONLY)`);
    const columns = (database: string) =>
      duck.query<{ table_name: string; column_name: string; data_type: string }>(
        `SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE database_name = '${database}'
         ORDER BY table_name, column_index`,
      );
    const embeddedColumns = await columns('embedded');
    expect(await columns('services')).toEqual(embeddedColumns);
    const tables = [...new Set(embeddedColumns.map((column) => column.table_name))];
    expect(tables).toEqual(
      expect.arrayContaining(['dim_user', 'fact_events', 'fact_orders', 'mart_daily_revenue']),
    );
    expect(tables).toEqual(expect.arrayContaining(Object.keys(streamInvariants)));
    for (const table of tables) {
      const rows = (database: string) =>
        streamInvariants[table]?.replace('{table}', `${database}.${table}`) ??
        `SELECT * FROM ${database}.${table}`;
      const differing = await duck.query<{ side: string; n: bigint }>(
        `SELECT 'only on the embedded tier' AS side, count(*) AS n FROM (${rows('embedded')} EXCEPT ALL ${rows('services')})
         UNION ALL
         SELECT 'only on the services tier', count(*) FROM (${rows('services')} EXCEPT ALL ${rows('embedded')})`,
      );
      expect(differing.map((row) => [table, row.side, Number(row.n)])).toEqual([
        [table, 'only on the embedded tier', 0],
        [table, 'only on the services tier', 0],
      ]);
    }
    return tables.length;
  } finally {
    await duck.close();
  }
}

describe('the same pipeline on both tiers', () => {
  it('a 100k-event run builds the same warehouse, table by table, on the embedded tier and on Kafka, S3, Postgres and Redis', async () => {
    const [embeddedId, servicesId] = [`embedded-${process.pid}`, `services-${process.pid}`];
    const embedded = await pipelineRun('embedded', embeddedId);
    try {
      await sameOnBothTiers(embedded, embeddedId, await pipelineRun('services', servicesId), servicesId);
    } finally {
      await removeServicesRun(servicesEnv(servicesSource), servicesId);
    }
    expect(await leftOf(servicesId)).toEqual({
      topics: 0,
      groups: 0,
      keys: 0,
      objects: 0,
      rows: 0,
      keyspaces: 0,
    });
  }, 420_000);
});

async function sameOnBothTiers(
  embedded: Manifest,
  embeddedId: string,
  services: Manifest,
  servicesId: string,
) {
  expect(embedded.status).toBe('succeeded');
  expect(services.status).toBe('succeeded');
  expect(services.tier).toBe('services');
  const tables = await expectSameWarehouse(join(root, embeddedId), join(root, servicesId));
  expect(tables).toBeGreaterThanOrEqual(12);
  // The export's rows without the stream tables': how many windows hold late records and how many lag samples were
  // taken depend on the order each log hands out records (their tier-independent figures are compared above).
  const streamOutputs = new Set(
    Object.keys(streamInvariants).map((table) => `lake/curated/${table}.parquet`),
  );
  const counts = (manifest: Manifest) =>
    manifest.stages.map((stage) => [
      stage.name,
      stage.outputRows -
        stage.outputs
          .filter((output) => streamOutputs.has(output.path))
          .reduce((sum, output) => sum + output.rows, 0),
      stage.rejectedRows,
    ]);
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
  await expectOperationalDatabase(services, join(root, servicesId));
  await expectServingTable(embedded, services, join(root, servicesId));
}

/**
 * The services run wrote exactly the accepted events to Cassandra: per (user_id, event_date) partition, as many rows
 * as the warehouse's fact_events has, counted by Cassandra itself (GROUP BY the partition key, paged). The embedded
 * tier has no serving store and says so by the metric's absence.
 */
async function expectServingTable(embedded: Manifest, services: Manifest, runDir: string): Promise<void> {
  const exportMetrics = (manifest: Manifest) =>
    manifest.stages.find((stage) => stage.name === 'export')!.metrics;
  expect(exportMetrics(embedded).cassandra).toBeUndefined();
  const reported = exportMetrics(services).cassandra as {
    rows: number;
    keyspace: string;
    partitions: number;
  };
  expect(reported.keyspace).toBe(servingKeyspace(services.runId));
  const duck = await openDuckDbWarehouse({ path: join(runDir, 'work', 'cassandra-check.duckdb') });
  const warehouse = new Map<string, number>();
  try {
    await duck.query(`ATTACH '${join(runDir, 'warehouse.duckdb')}' AS run (READ_ONLY)`);
    const rows = await duck.query<{ user_id: string; day: string; n: bigint }>(
      "SELECT user_id, strftime(event_ts, '%Y-%m-%d') AS day, count(*) AS n FROM run.fact_events GROUP BY ALL",
    );
    for (const row of rows) warehouse.set(`${row.user_id} ${row.day}`, Number(row.n));
  } finally {
    await duck.close();
  }
  const client = new cassandra.Client({
    contactPoints: [inject('cassandraContactPoints')],
    localDataCenter: 'datacenter1',
    socketOptions: { readTimeout: 120_000 },
  });
  const served = new Map<string, number>();
  try {
    const result = await client.execute(
      `SELECT user_id, event_date, count(*) AS n FROM ${reported.keyspace}.${servingTable.name} GROUP BY user_id, event_date`,
      [],
      { fetchSize: 5_000 },
    );
    for await (const row of result)
      served.set(`${row.get('user_id')} ${String(row.get('event_date'))}`, Number(row.get('n')));
  } finally {
    await client.shutdown();
  }
  const accepted = [...warehouse.values()].reduce((sum, n) => sum + n, 0);
  expect(accepted).toBeGreaterThan(90_000);
  expect(reported).toMatchObject({ rows: accepted, partitions: warehouse.size });
  expect(served.size).toBe(warehouse.size);
  expect(served).toEqual(warehouse);
}

/** What the shared systems still hold of a run, found by its namespaces. */
async function leftOf(runId: string) {
  const admin = new Kafka({ brokers: [inject('kafkaBrokers')], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((name) => name.startsWith(`pipeline-lab.${runId}.`));
  const groups = (await admin.listGroups()).groups.filter((group) =>
    group.groupId.startsWith(`pipeline-lab.${runId}.`),
  );
  await admin.disconnect();
  const redis = new Redis(inject('redisUrl'));
  const keys = await redis.keys(`pipeline-lab:${runId}:*`);
  redis.disconnect();
  const sql = new Client({ connectionString: inject('databaseUrl') });
  await sql.connect();
  let rows = 0;
  for (const table of [
    'runs',
    'stage_states',
    'pipeline_lab_oltp.users',
    'pipeline_lab_oltp.orders',
    'pipeline_lab_oltp.order_lines',
  ]) {
    rows += Number(
      (await sql.query(`SELECT count(*) AS n FROM ${table} WHERE run_id = $1`, [runId])).rows[0].n,
    );
  }
  await sql.end();
  const s3 = new S3ObjectStore({ ...s3Options, prefix: `runs/${runId}/` });
  const objects = (await s3.list('')).length;
  s3.close();
  const client = new cassandra.Client({
    contactPoints: [inject('cassandraContactPoints')],
    localDataCenter: 'datacenter1',
  });
  const keyspaces = (
    await client.execute('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [
      servingKeyspace(runId),
    ])
  ).rowLength;
  await client.shutdown();
  return { topics: topics.length, groups: groups.length, keys: keys.length, objects, rows, keyspaces };
}

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
    await sql.end();
    await duck.close();
  }
}
