import cassandra from 'cassandra-driver';
import {
  servingTable,
  type PartitionSpread,
  type PartitionTimeline,
  type ServingReader,
  type TimelineRow,
} from '../../contracts/serving';
import { cassandraClient } from './cassandra-client';
import { servingKeyspace } from './serving-keyspace';

/** Every column a row stores besides the partition key. */
const storedColumns = [
  'event_ts',
  'event_id',
  'event_type',
  'session_id',
  'product_id',
  'order_id',
  'search_query',
  'quantity',
  'device',
  'referrer',
];
const timelineColumns = `${storedColumns.join(', ')}, TTL(event_type) AS ttl`;

/** Bytes of one value as the native protocol encodes it: UTF-8 for text, 8 for a timestamp, 4 for an int. */
function valueBytes(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (value instanceof Date) return 8;
  if (typeof value === 'number') return 4;
  return Buffer.byteLength(String(value));
}

const percentile = (sorted: number[], share: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0);

/**
 * The console's reads of a run's serving table: one partition by its full key (user and day), and the spread of
 * rows over partitions. The driver connects on the first request, so opening a reader costs nothing while
 * Cassandra is down; the read then fails with the driver's reason.
 */
export function openCassandraServingReader(contactPoints: string, runId: string): ServingReader {
  const client = cassandraClient(contactPoints, { requestTimeoutMs: 20_000 });
  const keyspace = servingKeyspace(runId);
  const table = `${keyspace}.${servingTable.name}`;
  return {
    location: `Cassandra ${contactPoints} · ${table}`,
    keyspace,
    table: servingTable.name,
    ttlSeconds: servingTable.ttlSeconds,
    async timeline({ userId, eventDate, limit }): Promise<PartitionTimeline> {
      const cql = `SELECT ${timelineColumns} FROM ${table} WHERE user_id = ? AND event_date = ?`;
      const started = performance.now();
      const result = await client.execute(cql, [userId, cassandra.types.LocalDate.fromString(eventDate)], {
        prepare: true,
        fetchSize: 1_000,
      });
      const rows: TimelineRow[] = [];
      // The partition key's bytes are stored once per partition; every row carries its clustering key and values.
      let partitionBytes = Buffer.byteLength(userId) + 4;
      let partitionRows = 0;
      for await (const row of result) {
        partitionRows++;
        for (const column of storedColumns) partitionBytes += valueBytes(row.get(column));
        if (rows.length < limit) {
          const quantity = row.get('quantity') as number | null;
          rows.push({
            eventTs: (row.get('event_ts') as Date).getTime(),
            eventId: String(row.get('event_id')),
            eventType: String(row.get('event_type')),
            productId: (row.get('product_id') as string | null) ?? null,
            orderId: (row.get('order_id') as string | null) ?? null,
            searchQuery: (row.get('search_query') as string | null) ?? null,
            quantity: quantity ?? null,
            device: (row.get('device') as string | null) ?? null,
            ttlSeconds: (row.get('ttl') as number | null) ?? null,
          });
        }
      }
      return {
        userId,
        eventDate,
        cql: `SELECT ${timelineColumns} FROM ${table} WHERE user_id = '${userId.replaceAll("'", "''")}' AND event_date = '${eventDate}';`,
        rows,
        partitionRows,
        partitionBytes,
        readMs: Math.round((performance.now() - started) * 10) / 10,
      };
    },
    async spread(largest): Promise<PartitionSpread> {
      const started = performance.now();
      const result = await client.execute(
        `SELECT user_id, event_date, count(*) AS n FROM ${table} GROUP BY user_id, event_date`,
        [],
        { fetchSize: 5_000, readTimeout: 120_000 },
      );
      const counts: Array<{ userId: string; eventDate: string; rows: number }> = [];
      for await (const row of result) {
        counts.push({
          userId: String(row.get('user_id')),
          eventDate: String(row.get('event_date')),
          rows: Number(row.get('n')),
        });
      }
      const scanMs = Math.round(performance.now() - started);
      const sorted = counts.map((entry) => entry.rows).sort((a, b) => a - b);
      return {
        partitions: counts.length,
        rows: sorted.reduce((sum, n) => sum + n, 0),
        p50: percentile(sorted, 0.5),
        p99: percentile(sorted, 0.99),
        max: sorted.at(-1) ?? 0,
        largest: counts.sort((a, b) => b.rows - a.rows || a.userId.localeCompare(b.userId)).slice(0, largest),
        scanMs,
      };
    },
    close: () => client.shutdown(),
  };
}
