import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {
  CassandraCellAnswer,
  CassandraCellResult,
  CqlStep,
} from '../../pipeline/contracts/cassandra-lab';
import type { Manifest } from '../../pipeline/contracts/manifest';
import type { ServingEvent } from '../../pipeline/contracts/serving';
import { stageNames } from '../../pipeline/contracts/stages';
import { systemClock } from '../../pipeline/core/clock';
import { createRandom } from '../../pipeline/core/random';
import {
  dropServingKeyspace,
  openCassandraServingStore,
} from '../../pipeline/services/cassandra/cassandra-serving-store';
import { generateDataset } from '../../pipeline/stages/generate/generate-dataset';

/**
 * POST /api/cassandra/cells on the suite's real Cassandra: every experiment of the wide-column lesson runs on a run's
 * serving table filled with the generator's own events (5,000, 3 days, so its skewed users), and answers figures
 * checked against those events and against what each experiment is there to show. Scratch keyspaces must be gone
 * afterwards, bad parameters get a 400 naming the parameter, and a second experiment at once a 409.
 */
const contactPoints = inject('cassandraContactPoints');
const root = mkdtempSync(join(tmpdir(), 'cassandra-cells-'));
const runsDir = join(root, 'runs');
const runId = `cassandra-cells-${process.pid}`;
const days = ['2025-08-24', '2025-08-25', '2025-08-26'];
let POST: (request: Request) => Promise<Response>;
let events: ServingEvent[] = [];
const client = new cassandra.Client({
  contactPoints: [contactPoints.split(':')[0]!],
  protocolOptions: { port: Number(contactPoints.split(':')[1]) },
  localDataCenter: 'datacenter1',
});

function writeManifest(exportStatus: 'succeeded' | 'failed'): void {
  const manifest: Manifest = {
    runId,
    seed: 7,
    config: {
      seed: 7,
      events: 5000,
      days: 3,
      faults: 'none',
      tier: 'services',
      startDate: days[0]!,
      partitions: 4,
    },
    tier: 'services',
    toolVersion: 'test',
    startedAt: '2025-08-24T00:00:00.000Z',
    finishedAt: '2025-08-24T00:01:00.000Z',
    status: exportStatus === 'succeeded' ? 'succeeded' : 'failed',
    stages: stageNames.map((name) => ({
      name,
      status: name === 'export' ? exportStatus : 'succeeded',
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
  mkdirSync(join(runsDir, runId), { recursive: true });
  writeFileSync(join(runsDir, runId, 'manifest.json'), JSON.stringify(manifest));
}

const perPartition = () => {
  const counts = new Map<string, number>();
  for (const event of events) {
    const key = `${event.userId}|${event.eventDate}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
};

async function post(body: unknown): Promise<Response> {
  return POST(
    new Request('http://127.0.0.1/api/cassandra/cells', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

async function run(experiment: string, params: Record<string, unknown> = {}): Promise<CassandraCellResult> {
  const response = await post({ experiment, params });
  const answer = (await response.json()) as CassandraCellAnswer | { error: { message: string } };
  if ('error' in answer) throw new Error(`${response.status} ${answer.error.message}`);
  if (!answer.available) throw new Error(answer.reason);
  expect(response.status).toBe(200);
  // Every statement shown can be pasted into cqlsh: values written as CQL literals, none as a JavaScript object.
  for (const shown of answer.steps) expect(shown.cql).not.toMatch(/\[object|undefined/);
  return answer;
}

const step = (result: CassandraCellResult, label: RegExp): CqlStep => {
  const found = result.steps.find((candidate) => label.test(candidate.label));
  if (!found) throw new Error(`no step ${label} in ${result.steps.map((s) => s.label).join(' | ')}`);
  return found;
};
const figure = (result: CassandraCellResult, label: string) =>
  result.figures.find((candidate) => candidate.label === label)?.value;

async function scratchKeyspaces(): Promise<string[]> {
  const result = await client.execute('SELECT keyspace_name FROM system_schema.keyspaces');
  return result.rows
    .map((row) => String(row.get('keyspace_name')))
    .filter((name) => name.startsWith('lesson_scratch_'));
}

const savedEnv = { ...process.env };

beforeAll(async () => {
  const generated = join(root, 'generated');
  await generateDataset({
    options: { seed: 7, events: 5000, days: 3, faults: 'none', startDate: days[0]! },
    outDir: generated,
    format: 'ndjson',
    gzip: false,
    hash: false,
    random: createRandom(7),
    clock: systemClock,
  });
  events = readFileSync(join(generated, 'events.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, string | number | null>)
    .map((event) => ({
      userId: String(event.user_id),
      eventDate: String(event.event_ts).slice(0, 10),
      eventTs: Date.parse(String(event.event_ts)),
      eventId: String(event.event_id),
      eventType: String(event.event_type),
      sessionId: (event.session_id as string | null) ?? null,
      productId: (event.product_id as string | null) ?? null,
      orderId: (event.order_id as string | null) ?? null,
      searchQuery: (event.search_query as string | null) ?? null,
      quantity: (event.quantity as number | null) ?? null,
      device: (event.device as string | null) ?? null,
      referrer: (event.referrer as string | null) ?? null,
    }));
  const store = await openCassandraServingStore(contactPoints, runId);
  try {
    await store.prepare();
    await store.writeEvents(
      (async function* () {
        yield events;
      })(),
    );
  } finally {
    await store.close();
  }
  writeManifest('succeeded');
  Object.assign(process.env, {
    PIPELINE_LAB_RUNS_DIR: runsDir,
    PIPELINE_LAB_SERVICES_DIR: join(root, 'no-stack'),
    CASSANDRA_CONTACT_POINTS: contactPoints,
  });
  ({ POST } = await import('../../app/api/cassandra/cells/route'));
});

afterAll(async () => {
  process.env = savedEnv;
  await dropServingKeyspace(contactPoints, runId);
  await client.shutdown();
  rmSync(root, { recursive: true, force: true });
});

describe('POST /api/cassandra/cells', () => {
  it('partition-read: one partition by its key, every row of it, newest first', async () => {
    const [key, rows] = [...perPartition()].sort((a, b) => b[1] - a[1])[0]!;
    const [userId, eventDate] = key.split('|');
    const result = await run('partition-read', { userId, eventDate, limit: 5 });
    const read = step(result, /^Read one partition/);
    expect(figure(result, 'rows in the partition')).toBe(rows);
    expect(read.rowsReturned).toBe(rows);
    expect(read.trace).toMatchObject({
      partitionReads: 1,
      rangeScan: false,
      liveRowsRead: rows,
      tombstoneCellsRead: 0,
    });
    expect(read.cql).toContain(`WHERE user_id = '${userId}' AND event_date = '${eventDate}';`);
    expect(result.table?.rows).toHaveLength(5);
    const times = result.table!.rows.map((row) => Date.parse(String(row[0])));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('partition-read: a partition the run does not have is a 404 that says where to find one', async () => {
    const response = await post({
      experiment: 'partition-read',
      params: { userId: '00000000-0000-7000-8000-000000000000', eventDate: '2025-08-24' },
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      'No rows for user',
    );
  });

  it('allow-filtering: refused without it; with it, the same rows as the partition reads from a scan that reads far more', async () => {
    const result = await run('allow-filtering');
    const userId = String(figure(result, 'user_id'));
    const expected = events.filter((event) => event.userId === userId).length;
    const refused = step(result, /no ALLOW FILTERING/);
    expect(refused.outcome).toBe('refused');
    expect(refused.error).toContain('ALLOW FILTERING');
    const scan = step(result, /^The same with ALLOW FILTERING/);
    const keyed = step(result, /^By partition key/);
    expect(scan.rowsReturned).toBe(expected);
    expect(keyed.rowsReturned).toBe(expected);
    expect(scan.trace?.rangeScan).toBe(true);
    expect(keyed.trace).toMatchObject({
      rangeScan: false,
      partitionReads: days.length,
      liveRowsRead: expected,
    });
    // The scan opens every partition of the table: far more rows read than the user's own.
    expect(scan.trace!.liveRowsRead).toBeGreaterThan(keyed.trace!.liveRowsRead);
    expect(scan.trace!.liveRowsRead).toBeGreaterThanOrEqual(perPartition().size);
  });

  it('hot-partitions: the generator’s busiest partition is many times the median, as in its events', async () => {
    const counts = [...perPartition().values()].sort((a, b) => a - b);
    const median = counts[Math.ceil(counts.length / 2) - 1]!;
    const result = await run('hot-partitions', { top: 3 });
    expect(figure(result, 'partitions')).toBe(counts.length);
    expect(figure(result, 'rows')).toBe(events.length);
    expect(figure(result, 'rows in the median partition')).toBe(median);
    expect(figure(result, 'rows in the largest partition')).toBe(counts.at(-1));
    expect(counts.at(-1)!).toBeGreaterThan(5 * median);
    expect(result.table?.rows).toHaveLength(3);
    expect(step(result, /^Read the largest partition/).trace!.liveRowsRead).toBe(counts.at(-1));
    expect(step(result, /^Read a median partition/).trace!.liveRowsRead).toBe(median);
  });

  it('tombstones: deleted rows are gone from the answer and still read as tombstones, in a scratch keyspace that is dropped', async () => {
    // A scratch keyspace left by a process that died an hour ago: the next experiment drops it.
    const stale = `lesson_scratch_${Math.floor(Date.now() / 1000) - 3_600}_0badc0de`;
    await client.execute(
      `CREATE KEYSPACE ${stale} WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 1}`,
    );
    const result = await run('tombstones', { deletes: 4 });
    expect(await scratchKeyspaces()).not.toContain(stale);
    const before = step(result, /^Read the copy before/);
    const after = step(result, /^Read it again after/);
    expect(before.trace?.tombstoneCellsRead).toBe(0);
    expect(after.rowsReturned).toBe(before.rowsReturned - 4);
    expect(after.trace?.liveRowsRead).toBe(before.rowsReturned - 4);
    expect(after.trace?.tombstoneCellsRead).toBe(4);
    expect(figure(result, 'gc_grace_seconds of the table')).toBe(864_000);
    expect(figure(result, 'tombstone_warn_threshold (this node)')).toBe('1000');
    expect(figure(result, 'tombstone_failure_threshold (this node)')).toBe('100000');
    expect(result.scratchKeyspace).toMatch(/^lesson_scratch_\d+_[0-9a-f]{8}$/);
    expect(await scratchKeyspaces()).not.toContain(result.scratchKeyspace);
    // The run's own partition kept every row.
    const [userId, eventDate] = String(figure(result, 'partition copied')).split(' · ');
    expect(perPartition().get(`${userId}|${eventDate}`)).toBe(before.rowsReturned);
  });

  it('ttl-expiry: TTL() counts down, the row is gone after it, and its expired cells read as tombstones', async () => {
    const result = await run('ttl-expiry', { ttlSeconds: 2 });
    const samples = result.table!.rows;
    expect(samples[0]?.[1]).toBe('present');
    expect(Number(samples[0]?.[2])).toBeLessThanOrEqual(2);
    expect(samples.at(-1)?.[1]).toBe('gone');
    expect(Number(samples.at(-1)?.[0])).toBeGreaterThanOrEqual(1_900);
    const after = step(result, /^Read the partition after expiry/);
    expect(after.rowsReturned).toBe(0);
    expect(after.trace?.liveRowsRead).toBe(0);
    expect(after.trace?.tombstoneCellsRead).toBeGreaterThan(0);
    expect(Number(figure(result, "the run's row: seconds left of its default_time_to_live"))).toBeGreaterThan(
      2_592_000 - 3_600,
    );
    expect(await scratchKeyspaces()).not.toContain(result.scratchKeyspace);
  });

  it('consistency: ONE, QUORUM and ALL succeed at RF 1; with RF 3 on one node QUORUM is unavailable and ONE is not', async () => {
    const result = await run('consistency');
    expect(figure(result, 'nodes in the cluster')).toBe(1);
    expect(figure(result, "replication factor of the run's keyspace")).toBe(1);
    for (const level of ['ONE', 'QUORUM', 'ALL'])
      expect(step(result, new RegExp(`^Read the run's partition at ${level} `)).outcome).toBe('ok');
    expect(step(result, /asking for 3 replicas/).warnings.join(' ')).toContain('replication factor 3');
    const one = step(result, /^Write a copy of one event at ONE/);
    expect(one.outcome).toBe('ok');
    expect(one.cql).toMatch(
      /^INSERT INTO lesson_scratch_\d+_[0-9a-f]{8}\.events_by_user_day \(user_id, event_date, /,
    );
    const quorum = step(result, /^Write a copy of one event at QUORUM/);
    expect(quorum.outcome).toBe('refused');
    expect(quorum.error).toContain('2 required but only 1 alive');
    expect(step(result, /^Read it at ONE/).rowsReturned).toBe(1);
    expect(step(result, /^Read it at QUORUM/).outcome).toBe('refused');
    expect(await scratchKeyspaces()).not.toContain(result.scratchKeyspace);
  });

  it('refuses bad requests with a 400 naming the problem, before touching Cassandra', async () => {
    const cases: Array<[unknown, string]> = [
      [{ experiment: 'cql', params: {} }, 'experiment must be one of'],
      [{ experiment: 'partition-read', params: { limit: 5000 } }, 'params.limit'],
      [{ experiment: 'partition-read', params: { cql: 'DROP KEYSPACE system' } }, 'unknown parameter cql'],
      [{ experiment: 'allow-filtering', params: { userId: "x' OR 1=1" } }, 'userId must be a user id'],
      [{ experiment: 'tombstones', params: { userId: 'abc' } }, 'partition key is (user_id, event_date)'],
      ['{not json', 'The body must be JSON'],
    ];
    for (const [body, message] of cases) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
    }
  });

  it('runs one experiment at a time: a second one meanwhile is a 409', async () => {
    const first = run('ttl-expiry', { ttlSeconds: 2 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await post({ experiment: 'partition-read' });
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { message: string } }).error.message).toContain(
      'Another Cassandra experiment is running',
    );
    await first;
    expect((await post({ experiment: 'partition-read' })).status).toBe(200);
  });

  it('without a services-tier run whose export succeeded, answers the one-line fix', async () => {
    writeManifest('failed');
    try {
      const answer = (await (await post({ experiment: 'partition-read' })).json()) as CassandraCellAnswer;
      expect(answer.available).toBe(false);
      if (!answer.available) expect(answer.reason).toContain('npm run services -- up');
    } finally {
      writeManifest('succeeded');
    }
  });
});
