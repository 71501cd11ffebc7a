import cassandra from 'cassandra-driver';
import { PipelineError } from '../../contracts/errors';
import { servingTable, type ServingEvent, type ServingStore } from '../../contracts/serving';
import { cassandraClient, defaultDataCenter } from './cassandra-client';
import { createKeyspaceCql, createTableCql, insertEventCql, servingKeyspace } from './serving-keyspace';

/**
 * Requests in flight at once. Enough to keep one node's write path busy from a single connection (the driver
 * pipelines them), few enough that a slow node makes the writer wait instead of timing requests out.
 */
const writesInFlight = 32;
/** Rows of one partition sent as one unlogged batch at most (a hot partition is split into several). */
const rowsPerBatch = 100;

/**
 * A page's events grouped by partition, in chunks of at most rowsPerBatch. Each chunk becomes one UNLOGGED BATCH of
 * one partition: Cassandra applies it as a single mutation on the replicas that own the partition (one request
 * instead of one per row, about 8 rows per user and day here). A batch across partitions would make one
 * coordinator fan out to many replicas, the batch anti-pattern; a LOGGED batch would add the batchlog's writes.
 */
function byPartition(events: ServingEvent[]): Map<string, ServingEvent[]> {
  const groups = new Map<string, ServingEvent[]>();
  for (const event of events) {
    const partition = `${event.userId}\u0000${event.eventDate}`;
    let chunk = 0;
    while ((groups.get(`${partition}\u0000${chunk}`)?.length ?? 0) >= rowsPerBatch) chunk++;
    const key = `${partition}\u0000${chunk}`;
    const group = groups.get(key);
    if (group) group.push(event);
    else groups.set(key, [event]);
  }
  return groups;
}

/** Runs `work` over every item with at most `limit` promises pending; rejects with the first failure. */
async function inFlight<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * A run's serving table on Cassandra: the keyspace `pipeline_lab_<runId>` (servingKeyspace), the table
 * events_by_user_day. Writes are prepared INSERTs, which Cassandra applies as upserts by primary key, so a re-run
 * or a resumed export overwrites the same rows instead of adding copies.
 */
export async function openCassandraServingStore(contactPoints: string, runId: string): Promise<ServingStore> {
  const client = cassandraClient(contactPoints);
  try {
    await client.connect();
  } catch (error) {
    await client.shutdown().catch(() => undefined);
    throw new PipelineError(
      'SERVICE_UNAVAILABLE',
      `Cannot connect to Cassandra at ${contactPoints}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const keyspace = servingKeyspace(runId);
  const table = `${keyspace}.${servingTable.name}`;
  return {
    location: `Cassandra ${contactPoints} · ${table}`,
    keyspace,
    table: servingTable.name,
    ttlSeconds: servingTable.ttlSeconds,
    async prepare() {
      const local = await client.execute("SELECT data_center FROM system.local WHERE key = 'local'");
      const dataCenter = String(local.first()?.get('data_center') ?? defaultDataCenter);
      await client.execute(createKeyspaceCql(keyspace, dataCenter));
      // The driver waits for every node to agree on the schema after each of these (maxSchemaAgreementWaitSeconds).
      await client.execute(createTableCql(keyspace));
    },
    async writeEvents(batches, onWritten) {
      const started = performance.now();
      const partitions = new Set<string>();
      let written = 0;
      const insert = insertEventCql(keyspace);
      for await (const batch of batches) {
        if (batch.length === 0) continue;
        for (const event of batch) partitions.add(`${event.userId}\u0000${event.eventDate}`);
        const groups = byPartition(batch);
        await inFlight([...groups.values()], writesInFlight, (rows) =>
          client.batch(
            rows.map((event) => ({ query: insert, params: eventParams(event) })),
            { prepare: true, logged: false },
          ),
        );
        written += batch.length;
        onWritten?.(written);
      }
      return { written, partitions: partitions.size, durationMs: Math.round(performance.now() - started) };
    },
    async countRows() {
      // Counted here, page by page, rather than with count(*): a count over the whole table is one request that
      // must finish within the server's range_request_timeout (10 s by default), which a busy node misses.
      const result = await client.execute(`SELECT event_id FROM ${table}`, [], { fetchSize: 5_000 });
      let rows = 0;
      for await (const row of result) if (row) rows++;
      return rows;
    },
    close: () => client.shutdown(),
  };
}

/**
 * A missing value is bound as `unset`, not null: a null bound in an INSERT writes a tombstone cell for that column
 * (measured here: 20 000 events wrote about 3.3 tombstone cells per row, enough for a scan to pass
 * tombstone_warn_threshold), while an unset column is simply not written.
 */
const orUnset = (value: string | number | null): unknown => value ?? cassandra.types.unset;

function eventParams(event: ServingEvent): unknown[] {
  return [
    event.userId,
    cassandra.types.LocalDate.fromString(event.eventDate),
    new Date(event.eventTs),
    event.eventId,
    event.eventType,
    orUnset(event.sessionId),
    orUnset(event.productId),
    orUnset(event.orderId),
    orUnset(event.searchQuery),
    orUnset(event.quantity),
    orUnset(event.device),
    orUnset(event.referrer),
  ];
}

/** Drops a run's keyspace (its serving table with it); returns whether there was one. */
export async function dropServingKeyspace(contactPoints: string, runId: string): Promise<boolean> {
  const client = cassandraClient(contactPoints);
  await client.connect();
  try {
    const keyspace = servingKeyspace(runId);
    const found = await client.execute(
      'SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?',
      [keyspace],
    );
    if (found.rowLength === 0) return false;
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`, [], { readTimeout: 60_000 });
    return true;
  } finally {
    await client.shutdown();
  }
}
