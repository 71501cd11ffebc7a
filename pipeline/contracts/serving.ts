/**
 * The serving store: a query-first copy of the accepted events, laid out for one question, "what did this user do
 * on this day?" (Apache Cassandra on the services tier, docs/decisions/010). The warehouse answers every question by
 * scanning; this table answers one by reading a single partition. Stages see only these types.
 */

/** One accepted event as the serving table keeps it: the partition key, the clustering key, then the values. */
export interface ServingEvent {
  userId: string;
  /** YYYY-MM-DD of eventTs (UTC): with userId, the partition key. */
  eventDate: string;
  /** Milliseconds since the epoch: the clustering key, newest first, then eventId. */
  eventTs: number;
  eventId: string;
  eventType: string;
  sessionId: string | null;
  productId: string | null;
  orderId: string | null;
  searchQuery: string | null;
  quantity: number | null;
  device: string | null;
  referrer: string | null;
}

/** The table's name and what a learner needs to find it and read it. */
export const servingTable = {
  name: 'events_by_user_day',
  partitionKey: ['user_id', 'event_date'],
  clustering: ['event_ts DESC', 'event_id ASC'],
  /**
   * Every row expires this long after it was written (the table's default_time_to_live): a serving table keeps
   * recent activity, the warehouse keeps history. Counted from the write, not from the event's time: the generator's
   * events lie in the past, and a TTL from event time would expire them on arrival.
   */
  ttlSeconds: 30 * 24 * 60 * 60,
} as const;

export interface ServingWriteResult {
  /** Rows written (an upsert of a row already there counts again: the table still holds it once). */
  written: number;
  /** Distinct (user_id, event_date) partitions written. */
  partitions: number;
  durationMs: number;
}

/** Where a run's serving table lives, e.g. `Cassandra 127.0.0.1:9042 · pipeline_lab_x.events_by_user_day`. */
export interface ServingLocation {
  location: string;
  keyspace: string;
  table: string;
  ttlSeconds: number;
}

/**
 * Writes a run's accepted events. Writes are upserts by primary key, so writing an event twice (a re-run, a
 * resumed stage) leaves one row; the store bounds its requests in flight and uses prepared statements.
 */
export interface ServingStore extends ServingLocation {
  /** Creates the run's keyspace and table when missing; idempotent. */
  prepare(): Promise<void>;
  writeEvents(
    batches: AsyncIterable<ServingEvent[]>,
    onWritten?: (rows: number) => void,
  ): Promise<ServingWriteResult>;
  /** Rows in the run's table, counted by the server (a full scan: for checks, not for serving). */
  countRows(): Promise<number>;
  close(): Promise<void>;
}

/** One row of a timeline, as the console shows it. */
export interface TimelineRow {
  eventTs: number;
  eventId: string;
  eventType: string;
  productId: string | null;
  orderId: string | null;
  searchQuery: string | null;
  quantity: number | null;
  device: string | null;
  /** Seconds left before the row expires (CQL's TTL()). */
  ttlSeconds: number | null;
}

/** One user's day read from one partition, with what the partition holds. */
export interface PartitionTimeline {
  userId: string;
  eventDate: string;
  /** The CQL that read it, for the learner to copy. */
  cql: string;
  rows: TimelineRow[];
  /** Rows in the partition (all of them, not only those shown). */
  partitionRows: number;
  /**
   * The partition's values in bytes as CQL encodes them (each column's value, with the clustering key of each row):
   * an estimate of its size before Cassandra's per-row overhead, compression and on-disk layout.
   */
  partitionBytes: number;
  /** Milliseconds the partition read took, as the driver measured it from this process. */
  readMs: number;
}

/** The run's serving table read for the console: by partition key only. */
export interface ServingReader extends ServingLocation {
  timeline(options: { userId: string; eventDate: string; limit: number }): Promise<PartitionTimeline>;
  /** Scans every partition (a full-table GROUP BY): for the console and the lesson, never for serving. */
  spread(largest: number): Promise<PartitionSpread>;
  close(): Promise<void>;
}

/** How rows spread over the table's partitions: what a hot partition looks like, measured by a full scan. */
export interface PartitionSpread {
  partitions: number;
  rows: number;
  /** Rows in the median partition, the 99th percentile's, and the largest's. */
  p50: number;
  p99: number;
  max: number;
  /** The largest partitions, largest first. */
  largest: Array<{ userId: string; eventDate: string; rows: number }>;
  /** Milliseconds the scan (GROUP BY user_id, event_date over every partition) took. */
  scanMs: number;
}
