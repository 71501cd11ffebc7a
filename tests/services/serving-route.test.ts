import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Manifest } from '../../pipeline/contracts/manifest';
import type { ServingEvent } from '../../pipeline/contracts/serving';
import { stageNames } from '../../pipeline/contracts/stages';
import {
  dropServingKeyspace,
  openCassandraServingStore,
} from '../../pipeline/services/cassandra/cassandra-serving-store';
import type { ServingState } from '../../lib/runs/serving-types';

/**
 * GET /api/runs/{runId}/serving against the suite's real Cassandra (and Kafka, Redis, PostgreSQL, which the
 * console's services reader also opens): a partition read by its key, the spread of rows over partitions with the
 * hot one first, a half key refused, and an embedded run told why it has no serving table.
 */
const root = mkdtempSync(join(tmpdir(), 'serving-route-'));
const runsDir = join(root, 'runs');
const servicesRun = `serving-route-${process.pid}`;
const embeddedRun = `serving-route-embedded-${process.pid}`;
const hotUser = '0198db31-0000-7000-8000-00000000000a';
let GET: (request: Request, context: { params: Promise<{ runId: string }> }) => Promise<Response>;

function writeManifest(runId: string, tier: 'embedded' | 'services'): void {
  const dir = join(runsDir, runId);
  mkdirSync(dir, { recursive: true });
  const manifest: Manifest = {
    runId,
    seed: 1,
    config: {
      seed: 1,
      events: 1000,
      days: 2,
      faults: 'none',
      tier,
      startDate: '2025-08-24',
      partitions: 4,
    },
    tier,
    toolVersion: 'test',
    startedAt: '2025-08-24T00:00:00.000Z',
    finishedAt: '2025-08-24T00:01:00.000Z',
    status: 'succeeded',
    stages: stageNames.map((name) => ({
      name,
      status: 'succeeded',
      attempts: 1,
      inputRows: 0,
      outputRows: 0,
      rejectedRows: 0,
      rejectReasons: {},
      durationMs: 1,
      startedAt: null,
      finishedAt: null,
      error: null,
      outputs: [],
      metrics: {},
    })),
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

/** 150 events of one hot user on one day, and 3 of each of nine other users. */
function events(): ServingEvent[] {
  const day = Date.UTC(2025, 7, 24);
  const event = (userId: string, index: number): ServingEvent => ({
    userId,
    eventDate: '2025-08-24',
    eventTs: day + index * 60_000,
    eventId: `${userId.slice(-2)}-${String(index).padStart(3, '0')}`,
    eventType: 'page_view',
    sessionId: 's',
    productId: null,
    orderId: null,
    searchQuery: null,
    quantity: null,
    device: 'desktop',
    referrer: 'direct',
  });
  const others = Array.from({ length: 9 }, (_, user) =>
    Array.from({ length: 3 }, (_, index) => event(`0198db31-0000-7000-8000-00000000000${user}`, index)),
  ).flat();
  return [...Array.from({ length: 150 }, (_, index) => event(hotUser, index)), ...others];
}

const get = async (runId: string, query = '') =>
  GET(new Request(`http://127.0.0.1/api/runs/${runId}/serving${query}`), {
    params: Promise.resolve({ runId }),
  });

const savedEnv = { ...process.env };

beforeAll(async () => {
  Object.assign(process.env, {
    PIPELINE_LAB_RUNS_DIR: runsDir,
    PIPELINE_LAB_SERVICES_DIR: join(root, 'no-stack'),
    KAFKA_BROKERS: inject('kafkaBrokers'),
    S3_ENDPOINT: inject('s3Endpoint'),
    S3_BUCKET: inject('s3Bucket'),
    S3_ACCESS_KEY_ID: 'test',
    S3_SECRET_ACCESS_KEY: 'test',
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    CASSANDRA_CONTACT_POINTS: inject('cassandraContactPoints'),
  });
  writeManifest(servicesRun, 'services');
  writeManifest(embeddedRun, 'embedded');
  const store = await openCassandraServingStore(inject('cassandraContactPoints'), servicesRun);
  try {
    await store.prepare();
    await store.writeEvents(
      (async function* () {
        yield events();
      })(),
    );
  } finally {
    await store.close();
  }
  ({ GET } = await import('../../app/api/runs/[runId]/serving/route'));
});

afterAll(async () => {
  process.env = savedEnv;
  await dropServingKeyspace(inject('cassandraContactPoints'), servicesRun);
  rmSync(root, { recursive: true, force: true });
});

describe('GET /api/runs/{runId}/serving', () => {
  it('without a partition: the spread over partitions and the hot partition, newest first', async () => {
    const response = await get(servicesRun, '?limit=5');
    expect(response.status).toBe(200);
    const state = (await response.json()) as ServingState;
    if (!state.available) throw new Error(state.reason);
    expect(state.keyspace).toBe(`pipeline_lab_${servicesRun.replaceAll('-', '_')}`);
    expect(state.spread).toMatchObject({ partitions: 10, rows: 177, p50: 3, max: 150 });
    expect(state.spread?.largest[0]).toEqual({ userId: hotUser, eventDate: '2025-08-24', rows: 150 });
    expect(state.timeline?.partitionRows).toBe(150);
    expect(state.timeline?.rows).toHaveLength(5);
    expect(state.timeline?.rows[0]?.eventId).toBe('0a-149');
    expect(state.timeline?.partitionBytes).toBeGreaterThan(150 * 8);
    expect(state.timeline?.cql).toContain(`WHERE user_id = '${hotUser}' AND event_date = '2025-08-24'`);
  });

  it('with a user and a day: that partition only, with its TTL counting down', async () => {
    const user = '0198db31-0000-7000-8000-000000000003';
    const state = (await (await get(servicesRun, `?user=${user}&date=2025-08-24`)).json()) as ServingState;
    if (!state.available) throw new Error(state.reason);
    expect(state.spread).toBeUndefined();
    expect(state.timeline?.partitionRows).toBe(3);
    expect(state.timeline?.rows.map((row) => row.eventId)).toEqual(['03-002', '03-001', '03-000']);
    expect(state.timeline?.rows[0]?.ttlSeconds).toBeGreaterThan(state.ttlSeconds - 600);
  });

  it('refuses half a partition key and a malformed user with 400', async () => {
    const half = await get(servicesRun, `?user=${hotUser}`);
    expect(half.status).toBe(400);
    expect(((await half.json()) as { error: { message: string } }).error.message).toContain(
      'partition key is (user_id, event_date)',
    );
    expect((await get(servicesRun, "?user=x' OR 1=1&date=2025-08-24")).status).toBe(400);
  });

  it('tells an embedded run that the serving table is on the services tier', async () => {
    const state = (await (await get(embeddedRun)).json()) as ServingState;
    expect(state.available).toBe(false);
    if (!state.available) expect(state.reason).toContain('services tier only');
  });
});
