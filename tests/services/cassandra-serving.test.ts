import cassandra from 'cassandra-driver';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { servingTable, type ServingEvent } from '../../pipeline/contracts/serving';
import {
  dropServingKeyspace,
  openCassandraServingStore,
} from '../../pipeline/services/cassandra/cassandra-serving-store';
import { servingKeyspace } from '../../pipeline/services/cassandra/serving-keyspace';
import { checkCassandra } from '../../pipeline/services/health/cassandra-check';
import { freePort } from '../../scripts/services/kafka-broker';

/**
 * The serving table on the suite's real Cassandra node: what the export stage writes, written twice and resumed
 * half-way, must leave each event exactly once, with the table's TTL, and removing the run must drop it all.
 */
const contactPoints = inject('cassandraContactPoints');
const runId = `serving-test-${process.pid}`;
const client = new cassandra.Client({
  contactPoints: [contactPoints],
  localDataCenter: 'datacenter1',
});
afterAll(async () => {
  await dropServingKeyspace(contactPoints, runId);
  await client.shutdown();
});

/** 600 events of 40 users over 3 days: several events per partition, two of them in the same millisecond. */
function events(): ServingEvent[] {
  const day = Date.UTC(2025, 7, 24);
  return Array.from({ length: 600 }, (_, index) => {
    const dayIndex = index % 3;
    const eventTs = day + dayIndex * 86_400_000 + Math.floor(index / 2) * 1_000;
    return {
      userId: `user-${index % 40}`,
      eventDate: new Date(day + dayIndex * 86_400_000).toISOString().slice(0, 10),
      eventTs,
      eventId: `event-${String(index).padStart(4, '0')}`,
      eventType: index % 7 === 0 ? 'purchase' : 'page_view',
      sessionId: `session-${index % 90}`,
      productId: index % 7 === 0 ? `product-${index % 11}` : null,
      orderId: index % 7 === 0 ? `order-${index}` : null,
      searchQuery: null,
      quantity: index % 7 === 0 ? 1 + (index % 3) : null,
      device: 'mobile',
      referrer: 'direct',
    };
  });
}

async function* inBatches(all: ServingEvent[], size: number): AsyncIterable<ServingEvent[]> {
  for (let start = 0; start < all.length; start += size) yield all.slice(start, start + size);
}

/** Rows per (user, day) partition as Cassandra holds them, read partition by partition. */
async function rowsPerPartition(keyspace: string, all: ServingEvent[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const keys = [...new Set(all.map((event) => `${event.userId}|${event.eventDate}`))];
  for (const key of keys) {
    const [userId, eventDate] = key.split('|');
    const result = await client.execute(
      `SELECT count(*) AS n FROM ${keyspace}.${servingTable.name} WHERE user_id = ? AND event_date = ?`,
      [userId, eventDate],
      { prepare: true },
    );
    counts.set(key, Number(result.first().get('n')));
  }
  return counts;
}

const expectedPerPartition = (all: ServingEvent[]) => {
  const counts = new Map<string, number>();
  for (const event of all) {
    const key = `${event.userId}|${event.eventDate}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
};

describe("Cassandra's serving table", () => {
  it('answers the health check with its version, and a closed port with the fix', async () => {
    const ok = await checkCassandra(contactPoints);
    expect(ok).toMatchObject({ status: 'ok', version: '5.0.6' });
    const closed = await checkCassandra(`127.0.0.1:${await freePort()}`, 'services');
    expect(closed.status).toBe('fail');
    expect(closed.fix).toContain('npm run services -- up');
  });

  it('holds each event once after a resumed write and a full re-run, partition by partition, with the TTL', async () => {
    const all = events();
    const store = await openCassandraServingStore(contactPoints, runId);
    try {
      expect(store.keyspace).toBe(servingKeyspace(runId));
      await store.prepare();
      // A first attempt that stopped after 250 events, then the resumed stage writing everything again.
      const partial = await store.writeEvents(inBatches(all.slice(0, 250), 100));
      expect(partial.written).toBe(250);
      const resumed = await store.writeEvents(inBatches(all, 64));
      expect(resumed).toMatchObject({ written: 600, partitions: 120 });
      expect(await store.countRows()).toBe(600);
      // A whole re-run of the stage: every row is an upsert of the same primary key.
      await store.prepare();
      await store.writeEvents(inBatches(all, 600));
      expect(await store.countRows()).toBe(600);
      expect(await rowsPerPartition(store.keyspace, all)).toEqual(expectedPerPartition(all));
    } finally {
      await store.close();
    }

    const table = await client.execute(
      'SELECT default_time_to_live, gc_grace_seconds FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?',
      [servingKeyspace(runId), servingTable.name],
      { prepare: true },
    );
    expect(table.first().get('default_time_to_live')).toBe(servingTable.ttlSeconds);
    // Cassandra's default: ten days before a tombstone may be purged.
    expect(table.first().get('gc_grace_seconds')).toBe(864_000);
    const newest = await client.execute(
      `SELECT event_id, event_ts, TTL(event_type) AS ttl FROM ${servingKeyspace(runId)}.${servingTable.name}
       WHERE user_id = ? AND event_date = ? LIMIT 2`,
      ['user-0', '2025-08-24'],
      { prepare: true },
    );
    // Newest first (CLUSTERING ORDER BY event_ts DESC), and every row counting down from the table's TTL.
    const [first, second] = newest.rows;
    expect(first!.get('event_ts').getTime()).toBeGreaterThan(second!.get('event_ts').getTime());
    expect(first!.get('ttl')).toBeGreaterThan(servingTable.ttlSeconds - 600);
    expect(first!.get('ttl')).toBeLessThanOrEqual(servingTable.ttlSeconds);
  });

  it('removing the run drops its keyspace, and a second removal finds nothing', async () => {
    const store = await openCassandraServingStore(contactPoints, `${runId}-removed`);
    try {
      await store.prepare();
      await store.writeEvents(inBatches(events().slice(0, 10), 10));
    } finally {
      await store.close();
    }
    expect(await dropServingKeyspace(contactPoints, `${runId}-removed`)).toBe(true);
    const left = await client.execute(
      'SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?',
      [servingKeyspace(`${runId}-removed`)],
      { prepare: true },
    );
    expect(left.rowLength).toBe(0);
    expect(await dropServingKeyspace(contactPoints, `${runId}-removed`)).toBe(false);
  });

  it('keeps keyspace names legal and distinct for every run id', () => {
    expect(servingKeyspace('services-1234')).toBe('pipeline_lab_services_1234');
    const long = 'a'.repeat(40);
    expect(servingKeyspace(long)).toMatch(/^pipeline_lab_a+_[0-9a-f]{8}$/);
    expect(servingKeyspace(long).length).toBeLessThanOrEqual(48);
    expect(servingKeyspace(long)).not.toBe(servingKeyspace(`${long}b`));
  });
});
