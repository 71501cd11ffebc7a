import { PipelineError } from '../../contracts/errors';
import type { ServingEvent } from '../../contracts/serving';
import type { StageContext } from '../../contracts/stage';
import { asNumber, throwIfAborted } from '../etl-support';

/** Rows read from the warehouse per round trip: a page of fact_events by rowid, never the whole table at once. */
const pageRows = 10_000;

interface FactEventRow extends Record<string, string | number | boolean | bigint | null> {
  user_id: string;
  event_date: string;
  event_ms: number;
  event_id: string;
  event_type: string;
  session_id: string | null;
  product_id: string | null;
  order_id: string | null;
  search_query: string | null;
  quantity: number | null;
  device: string | null;
  referrer: string | null;
}

async function* factEventPages(context: StageContext): AsyncIterable<ServingEvent[]> {
  const { warehouse } = context.services;
  const [bounds] = await warehouse.query('SELECT coalesce(max(rowid), -1) + 1 AS n FROM fact_events');
  const end = asNumber(bounds?.n);
  for (let start = 0; start < end; start += pageRows) {
    throwIfAborted(context);
    const rows = await warehouse.query<FactEventRow>(
      `SELECT user_id, strftime(event_ts, '%Y-%m-%d') AS event_date, epoch_ms(event_ts)::DOUBLE AS event_ms,
              event_id, event_type, session_id, product_id, order_id, search_query, quantity, device, referrer
       FROM fact_events WHERE rowid >= ? AND rowid < ?`,
      [start, start + pageRows],
    );
    yield rows.map((row) => ({
      userId: row.user_id,
      eventDate: row.event_date,
      eventTs: row.event_ms,
      eventId: row.event_id,
      eventType: row.event_type,
      sessionId: row.session_id,
      productId: row.product_id,
      orderId: row.order_id,
      searchQuery: row.search_query,
      quantity: row.quantity,
      device: row.device,
      referrer: row.referrer,
    }));
  }
}

/**
 * On a tier with a serving store (Cassandra), writes every accepted event (fact_events) to the run's query-first
 * table and checks that the table then holds exactly as many rows: the writes are upserts by primary key, so a
 * second export of the same run leaves the count unchanged, and a count that differs means a lost or a foreign row.
 * Returns the figures for the stage metrics, or undefined on a tier without one (the embedded tier).
 */
export async function serveAcceptedEvents(context: StageContext) {
  const serving = context.services.serving;
  if (!serving) return undefined;
  const [total] = await context.services.warehouse.query('SELECT count(*) AS n FROM fact_events');
  const accepted = asNumber(total?.n);
  await serving.prepare();
  const result = await serving.writeEvents(factEventPages(context));
  const stored = await serving.countRows();
  if (result.written !== accepted || stored !== accepted) {
    throw new PipelineError(
      'CORRUPT_DATA',
      `Cassandra's ${serving.keyspace}.${serving.table} holds ${stored} rows after writing ${result.written}; fact_events has ${accepted}.`,
    );
  }
  const metrics = {
    location: serving.location,
    keyspace: serving.keyspace,
    table: serving.table,
    ttlSeconds: serving.ttlSeconds,
    rows: stored,
    partitions: result.partitions,
    durationMs: result.durationMs,
  };
  context.log.child('export').log('info', 'wrote the accepted events to Cassandra', metrics);
  return metrics;
}
