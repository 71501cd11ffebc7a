/**
 * The one interface both tiers implement. The embedded tier: an in-process partitioned log, the local file
 * system, DuckDB and PGlite. The services tier: Kafka, S3, ClickHouse/DuckDB and Postgres. Stages only see
 * these types, so the same stage code runs on both, and tests/contracts/ runs one suite against both.
 */
import type { Readable } from 'node:stream';
import type { OrderRecord, UserRecord } from './records';
import type { ServingReader, ServingStore } from './serving';

// ───────────────────────────── Event log (Kafka semantics) ─────────────────────────────

export interface TopicConfig {
  name: string;
  partitions: number;
  /** Delete whole segments older than this (ms); undefined keeps everything. */
  retentionMs?: number;
  /** Delete the oldest segments while a partition is larger than this (bytes). */
  retentionBytes?: number;
}

export interface ProduceRecord {
  /** null → sticky partitioning (a batch sticks to one partition, as Kafka ≥ 2.4 does). */
  key: string | null;
  value: Buffer | string;
  /** Milliseconds since the epoch; the log's own clock when absent. */
  timestamp?: number;
  headers?: Record<string, string>;
}

export interface ProducedBatch {
  /** Per partition touched, the first and last offset written. */
  partitions: Array<{ partition: number; firstOffset: number; lastOffset: number }>;
}

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: Buffer;
  timestamp: number;
  headers: Record<string, string>;
}

export interface PartitionLag {
  partition: number;
  /** Next offset to be written (Kafka's high watermark / log-end offset). */
  endOffset: number;
  /** Next offset the group will read; -1 when the group has never committed. */
  committedOffset: number;
  lag: number;
}

export type OffsetReset = 'earliest' | 'latest';

export interface ConsumerOptions {
  groupId: string;
  topics: string[];
  /** Where to start in a partition with no committed offset. */
  fromBeginning?: boolean;
  /** Member id; generated when absent. */
  memberId?: string;
}

export interface Assignment {
  topic: string;
  partitions: number[];
}

/** One member of a consumer group. Offsets are committed explicitly, after the work is durable. */
export interface Consumer {
  readonly memberId: string;
  /** Partitions currently assigned to this member (changes on rebalance). */
  assignment(): Promise<Assignment[]>;
  /** Up to maxRecords records from the assigned partitions, waiting at most maxWaitMs when none are ready. */
  poll(options?: { maxRecords?: number; maxWaitMs?: number }): Promise<ConsumedRecord[]>;
  /** Commit "next offset to read" per partition. */
  commit(offsets: Array<{ topic: string; partition: number; offset: number }>): Promise<void>;
  seek(topic: string, partition: number, offset: number | OffsetReset): Promise<void>;
  /** First offset whose timestamp is ≥ the given time, per assigned partition. */
  seekToTimestamp(topic: string, timestampMs: number): Promise<void>;
  close(): Promise<void>;
}

export interface EventLog {
  createTopic(config: TopicConfig): Promise<void>;
  deleteTopic(name: string): Promise<void>;
  listTopics(): Promise<TopicConfig[]>;
  /** Which partition a key goes to: murmur2(key) & 0x7fffffff % partitions, as Kafka's default partitioner. */
  partitionFor(topic: string, key: string): Promise<number>;
  produce(topic: string, records: ProduceRecord[]): Promise<ProducedBatch>;
  consumer(options: ConsumerOptions): Promise<Consumer>;
  /** Per partition: log-start and log-end offsets. */
  offsets(topic: string): Promise<Array<{ partition: number; startOffset: number; endOffset: number }>>;
  lag(groupId: string, topic: string): Promise<PartitionLag[]>;
  /** Consumer groups that have committed offsets in this log, by name, sorted. */
  groups(): Promise<string[]>;
  /** A group's lag on every partition it has committed an offset in (sorted by topic, then partition). */
  groupLag(groupId: string): Promise<Array<PartitionLag & { topic: string }>>;
  /**
   * Up to maxRecords records of one partition from fromOffset on, outside any consumer group (no offsets are
   * committed): what an inspector reads to show a topic's records.
   */
  read(topic: string, partition: number, fromOffset: number, maxRecords: number): Promise<ConsumedRecord[]>;
  close(): Promise<void>;
}

// ───────────────────────────── Object store (the lake) ─────────────────────────────

export interface ObjectInfo {
  key: string;
  size: number;
  /** Milliseconds since the epoch. */
  modifiedAt: number;
}

/**
 * Keys are relative, '/'-separated (`raw/events/event_date=2025-08-24/part-0-0-999.ndjson`). Implementations
 * reject keys that escape the store (`..`, absolute paths). A put is atomic: readers see the old object or the
 * whole new one, never a half-written file.
 */
export interface ObjectStore {
  put(key: string, body: Buffer | string): Promise<void>;
  /** Several objects at once, each atomic; durable when the promise resolves (one flush for the lot). */
  putMany?(objects: Array<{ key: string; body: Buffer | string }>): Promise<void>;
  putStream(key: string, body: Readable): Promise<void>;
  get(key: string): Promise<Buffer>;
  getStream(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  list(prefix: string): Promise<ObjectInfo[]>;
  delete(key: string): Promise<void>;
  /** A local file path for the key when the store is the local file system (DuckDB reads it directly). */
  localPath?(key: string): string;
  /**
   * After a stage wrote the file at localPath(key) itself (DuckDB's COPY), make it an object of the store:
   * a no-op on the local file system, an upload for a lake on S3 with a local cache.
   */
  publishLocal?(key: string): Promise<void>;
}

// ───────────────────────────── Key-value store (speed-layer state) ─────────────────────────────

/** Small state that must survive a restart: Redis in the services tier, one file per key in the embedded tier. */
export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

// ───────────────────────────── Operational database (the shop's OLTP) ─────────────────────────────

export interface OperationalWriteCounts {
  /** Rows written; a record whose key was already written in this run (an exact duplicate) is not counted. */
  users: number;
  orders: number;
  orderLines: number;
}

/** Where the operational rows of a run live, as a learner would look for them, with their count per table. */
export interface OperationalTables {
  /** e.g. `PostgreSQL · schema pipeline_lab_oltp`. */
  location: string;
  tables: Array<{ table: string; rows: number }>;
}

/**
 * The shop's own database that profiles and orders are written to (PostgreSQL in the services tier, a DuckDB file
 * of the run in the embedded tier). The pipeline never reads it back: its input is the topics.
 */
export interface OperationalDatabase {
  /**
   * Replaces everything this run wrote before with these records, in one transaction: a re-run never doubles
   * rows, and a failure half-way leaves the previous state. Batches are written as they arrive.
   */
  replaceRun(records: {
    users: AsyncIterable<UserRecord[]>;
    orders: AsyncIterable<OrderRecord[]>;
  }): Promise<OperationalWriteCounts>;
  /** This run's rows per table, read back for inspection (the pipeline itself never reads them). */
  tables(): Promise<OperationalTables>;
  close(): Promise<void>;
}

// ───────────────────────────── Warehouse ─────────────────────────────

export type SqlValue = string | number | boolean | null | bigint;
export type SqlRow = Record<string, SqlValue>;

export interface Warehouse {
  /** Run statements (DDL, INSERT … SELECT); returns nothing. */
  exec(sql: string): Promise<void>;
  query<T extends SqlRow = SqlRow>(sql: string, params?: SqlValue[]): Promise<T[]>;
  close(): Promise<void>;
}

// ───────────────────────────── Analytics warehouse (ClickHouse) ─────────────────────────────

export interface CuratedTable {
  name: string;
  /** The table's Parquet file in the local lake (lake/curated/<name>.parquet). */
  parquetPath: string;
  /** Column names and DuckDB types, in file order. */
  columns: Array<{ name: string; type: string }>;
}

/**
 * Where the curated tables are served to analysts: ClickHouse in the services tier when CLICKHOUSE_URL is set;
 * absent otherwise. The batch SQL itself always runs in DuckDB (the same SQL on both tiers).
 */
export interface AnalyticsWarehouse {
  /** Replaces this run's copy of each table with its Parquet file's rows; returns the rows now in each. */
  loadCurated(tables: CuratedTable[]): Promise<Array<{ table: string; rows: number }>>;
  close(): Promise<void>;
}

// ───────────────────────────── Run store ─────────────────────────────

export type RunStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type StageStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';

export interface RunRow {
  runId: string;
  status: RunStatus;
  config: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export interface StageStateRow {
  runId: string;
  stage: string;
  status: StageStatus;
  attempts: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: string | null;
  /** Stage outputs and counts, as written to the manifest. */
  result: Record<string, unknown> | null;
}

/** Where runs and their stage states are kept (PGlite embedded, Postgres in the services tier). */
export interface RunStore {
  upsertRun(run: RunRow): Promise<void>;
  getRun(runId: string): Promise<RunRow | null>;
  listRuns(): Promise<RunRow[]>;
  deleteRun(runId: string): Promise<void>;
  upsertStage(state: StageStateRow): Promise<void>;
  getStages(runId: string): Promise<StageStateRow[]>;
  close(): Promise<void>;
}

// ───────────────────────────── The bundle ─────────────────────────────

export type Tier = 'embedded' | 'services';

/** What a job on another thread gets: its own connections to the run's event log and key-value store. */
export interface ThreadServices {
  log: EventLog;
  kv: KeyValueStore;
}

/**
 * A job module's default export: `(services, input) => result`, run on a thread of its own. Input and result
 * cross threads by structured clone.
 */
export type ThreadJob<I, O> = (services: ThreadServices, input: I) => Promise<O>;

export interface ThreadRunner {
  /**
   * Runs the default export of the module at `job` (a ThreadJob) on a new thread beside this one, with its own
   * connections to this run's log (only `topics`, read-only, on the embedded tier) and key-value store. Returns
   * null where no thread can be built (bundled server code without the sources): the caller then runs the job on
   * its own thread. Aborting the signal ends the thread and rejects with CANCELLED.
   */
  run<O>(options: {
    job: URL;
    input: unknown;
    topics: readonly string[];
    signal: AbortSignal;
  }): Promise<O> | null;
}

/** A ThreadRunner for services built by hand (tests): every job runs on the caller's thread. */
export const sameThreadOnly: ThreadRunner = { run: () => null };

export interface Services {
  tier: Tier;
  log: EventLog;
  lake: ObjectStore;
  warehouse: Warehouse;
  runs: RunStore;
  /** Redis in the services tier, files in `<runDir>/kv` in the embedded tier. */
  kv: KeyValueStore;
  /** The shop's own tables: PostgreSQL in the services tier, `<runDir>/oltp/shop.duckdb` in the embedded tier. */
  operational: OperationalDatabase;
  /** Present in the services tier when CLICKHOUSE_URL is set. */
  analytics?: AnalyticsWarehouse;
  /** Cassandra's query-first table of accepted events, on the services tier; the embedded tier has none (010). */
  serving?: ServingStore;
  threads: ThreadRunner;
  close(): Promise<void>;
}

/**
 * A run's services opened for reading beside the process that writes them (the web console): the embedded log
 * read-only (never recovered or truncated), the lake where its objects are the truth (S3 itself in the services
 * tier, not the local cache), the key-value store, and the shop's rows.
 */
export interface ServicesReader {
  tier: Tier;
  log: EventLog;
  lake: ObjectStore;
  kv: KeyValueStore;
  /** Where the lake's keys live, as a learner would find them (`s3://bucket/runs/<runId>/lake/`, `<runDir>/lake/`). */
  lakeLocation: string;
  /** Where the key-value store's keys live (`Redis localhost:6379 · keys pipeline-lab:<runId>:*`, `<runDir>/kv/`). */
  kvLocation: string;
  operational: Pick<OperationalDatabase, 'tables'>;
  /** The run's serving table (Cassandra) on the services tier; absent on the embedded tier. */
  serving?: ServingReader;
  close(): Promise<void>;
}
