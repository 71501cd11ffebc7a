import { basename, join } from 'node:path';
import type { AnalyticsWarehouse, RunStore, Services, ServicesReader, Tier } from '../contracts/services';
import { PipelineError } from '../contracts/errors';
import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import { runDirectoryProblem } from '../core/run-directory';
import { lockRun } from '../core/run-lock';
import { assertServicesTierReachable } from './health/services-preflight';
import { openCassandraServingReader } from './cassandra/cassandra-serving-reader';
import { openCassandraServingStore } from './cassandra/cassandra-serving-store';
import { openClickHouseAnalytics } from './clickhouse/clickhouse-analytics';
import { embeddedOperationalFile, openDuckDbOperationalDb } from './embedded/duckdb-operational-db';
import { EmbeddedEventLog } from './embedded/event-log/embedded-event-log';
import { FileKeyValueStore } from './embedded/file-key-value-store';
import { memoryRunStore } from './embedded/memory-run-store';
import { openPgliteRunStore, type RunStoreWait } from './embedded/pglite-run-store';
import { KafkaEventLog } from './kafka/kafka-event-log';
import { openPostgresOperationalDb } from './postgres/postgres-operational-db';
import { openPostgresRunStore } from './postgres/postgres-run-store';
import { openRedisKv } from './redis/redis-kv';
import { CachedS3Lake } from './s3/cached-s3-lake';
import { S3ObjectStore } from './s3/s3-object-store';
import { servicesEnv, type ServicesEnv } from '../contracts/services-env';
import { withServicesEnvFile } from './services-env-file';
import { openDuckDbWarehouse } from './shared/duckdb-warehouse';
import { LocalObjectStore } from './shared/local-object-store';
import type { ThreadConnections } from './threads/thread-connections';
import { threadRunner } from './threads/thread-runner';

export { removeRunFromServices, type RemovedFromServices } from './remove-run';
// The wide-column lesson's experiments on a run's serving table (docs/decisions/010).
export { runCassandraExperiment } from './cassandra/lab/run-experiment';
export { servingKeyspace } from './cassandra/serving-keyspace';

/**
 * Builds the Services of a run. Embedded tier: the in-process event log in `<runDir>/log`, the lake in
 * `<runDir>/lake`, the key-value store in `<runDir>/kv`, the shop's tables in `<runDir>/oltp/shop.duckdb`, the working DuckDB warehouse in `<runDir>/work/etl.duckdb`
 * (so a resumed run finds every finished stage's tables) and the PGlite run store shared by all runs
 * (`runStoreDir`, default `.data/runstore`).
 */
export interface CreateServicesOptions {
  tier: Tier;
  runDir: string;
  runStoreDir: string;
  clock: Clock;
  /** DuckDB threads (default 2) and memory_limit (default '1GB'): the machine is shared. */
  threads?: number;
  memoryLimit?: string;
  /** A run store to share instead of opening one (a process keeps one run store). */
  runStore?: RunStore;
  /** Told while the embedded run store is held by another process's run (see openPgliteRunStore). */
  onRunStoreWait?: (wait: RunStoreWait) => void;
}

/** The embedded tier's key files of a run (the speed layer's state). */
export function embeddedKvDirectory(runDir: string): string {
  return join(runDir, 'kv');
}

export async function createServices(options: CreateServicesOptions): Promise<Services> {
  // The run directory is checked and locked before anything opens in it: a second process on the same run is
  // refused with CONFLICT at once, and a bad directory fails here with nothing left open.
  const problem = await runDirectoryProblem(options.runDir);
  if (problem)
    throw new PipelineError('IO_ERROR', `Cannot use ${options.runDir} as a run directory: ${problem}.`, {
      details: { runDir: options.runDir },
    });
  const unlock = await lockRun(options.runDir);
  try {
    const services =
      options.tier === 'services' ? await createServicesTier(options) : await createEmbedded(options);
    return {
      ...services,
      async close() {
        try {
          await services.close();
        } finally {
          await unlock();
        }
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function createEmbedded(options: CreateServicesOptions): Promise<Services> {
  const ownsRunStore = options.runStore === undefined;
  const [opening, storing] = await Promise.allSettled([
    openDuckDbWarehouse({
      path: join(options.runDir, 'work', 'etl.duckdb'),
      threads: options.threads ?? 2,
      memoryLimit: options.memoryLimit ?? '1GB',
      tempDirectory: join(options.runDir, 'work', 'spill'),
    }),
    options.runStore
      ? Promise.resolve(options.runStore)
      : openPgliteRunStore({ dir: options.runStoreDir, onWait: options.onRunStoreWait }),
  ]);
  if (opening.status === 'rejected' || storing.status === 'rejected') {
    // Close the part that did open: an open run store holds its lock (every other run waits) and keeps the
    // process alive.
    if (opening.status === 'fulfilled') await opening.value.close().catch(() => undefined);
    if (storing.status === 'fulfilled' && ownsRunStore) await storing.value.close().catch(() => undefined);
    throw opening.status === 'rejected' ? opening.reason : (storing as PromiseRejectedResult).reason;
  }
  const warehouse = opening.value;
  const runs = storing.value;
  const logRoot = join(options.runDir, 'log');
  const kvDirectory = embeddedKvDirectory(options.runDir);
  const log = new EmbeddedEventLog({ root: logRoot, clock: options.clock });
  const lake = new LocalObjectStore(join(options.runDir, 'lake'));
  const operational = openDuckDbOperationalDb(
    embeddedOperationalFile(options.runDir),
    basename(options.runDir),
  );
  return {
    tier: 'embedded',
    log,
    lake,
    warehouse,
    runs,
    kv: new FileKeyValueStore(kvDirectory),
    operational,
    threads: threadRunner({ tier: 'embedded', logRoot, kvDirectory }),
    async close() {
      await operational.close();
      await log.close();
      await warehouse.close();
      if (ownsRunStore) await runs.close();
    },
  };
}

/**
 * Whether a tier's services answer, before a run is started on it: the doctor's checks side by side (a few seconds
 * at most). Throws SERVICE_UNAVAILABLE with their one-line reason and fix; the embedded tier has nothing to check.
 */
export async function assertTierReachable(tier: Tier): Promise<void> {
  if (tier === 'services') await assertServicesTierReachable(servicesEnv(withServicesEnvFile()));
}

/**
 * A run store in this process's memory, for a process that runs one job and keeps the run's durable record in its
 * manifest (the web console's embedded runs). Not PGlite: even in memory it costs seconds (initdb) and about
 * 650 MB, which the console's warm child would hold while it waits (docs/decisions/006).
 */
export async function openMemoryRunStore(): Promise<RunStore> {
  return memoryRunStore();
}

export function servicesConnections(
  env: ServicesEnv,
  runId: string,
): Extract<ThreadConnections, { tier: 'services' }> {
  return {
    tier: 'services',
    kafkaBrokers: env.KAFKA_BROKERS.split(','),
    kafkaPrefix: `pipeline-lab.${runId}.`,
    redisUrl: env.REDIS_URL,
    redisNamespace: `pipeline-lab:${runId}:`,
  };
}

function s3Lake(env: ServicesEnv, runId: string): S3ObjectStore {
  return new S3ObjectStore({
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    prefix: s3LakePrefix(runId),
  });
}

export const s3LakePrefix = (runId: string) => `runs/${runId}/lake/`;

/**
 * The services tier: topics on Kafka and the lake on S3 (both namespaced by the run id), the run store and
 * the shop's operational tables (profiles, orders) on PostgreSQL, the speed layer's state in Redis, the accepted
 * events' serving table on Cassandra (keyspace per run). The batch SQL still runs in DuckDB over a local cache of the
 * lake; with CLICKHOUSE_URL set, the export stage also loads the curated Parquet into ClickHouse.
 */
async function createServicesTier(options: CreateServicesOptions): Promise<Services> {
  const env = servicesEnv(withServicesEnvFile());
  await assertServicesTierReachable(env);
  const runId = basename(options.runDir);
  const warehouse = await openDuckDbWarehouse({
    path: join(options.runDir, 'work', 'etl.duckdb'),
    threads: options.threads ?? 2,
    memoryLimit: options.memoryLimit ?? '1GB',
    tempDirectory: join(options.runDir, 'work', 'spill'),
  });
  const opened: Array<() => Promise<void>> = [() => warehouse.close()];
  try {
    const connections = servicesConnections(env, runId);
    const log = await KafkaEventLog.connect({
      brokers: connections.kafkaBrokers,
      prefix: connections.kafkaPrefix,
    });
    opened.push(() => log.close());
    const runs = options.runStore ?? (await openPostgresRunStore(env.DATABASE_URL));
    if (!options.runStore) opened.push(() => runs.close());
    const operational = await openPostgresOperationalDb(env.DATABASE_URL, runId);
    opened.push(() => operational.close());
    const kv = await openRedisKv(connections.redisUrl, connections.redisNamespace);
    opened.push(() => kv.close());
    let analytics: AnalyticsWarehouse | undefined;
    if (env.CLICKHOUSE_URL) {
      const clickhouse = await openClickHouseAnalytics(env.CLICKHOUSE_URL, runId);
      opened.push(() => clickhouse.close());
      analytics = clickhouse;
    }
    const serving = await openCassandraServingStore(env.CASSANDRA_CONTACT_POINTS, runId);
    opened.push(() => serving.close());
    const lake = new CachedS3Lake(s3Lake(env, runId), new LocalObjectStore(join(options.runDir, 'lake')));
    opened.push(async () => lake.close());
    return {
      tier: 'services',
      log,
      lake,
      warehouse,
      runs,
      kv,
      operational,
      serving,
      threads: threadRunner(connections),
      ...(analytics ? { analytics } : {}),
      async close() {
        for (const close of opened.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of opened.reverse()) await close().catch(() => undefined);
    throw error;
  }
}

/**
 * Opens a run's services for reading beside the process that runs it (the web console; see ServicesReader):
 * no warehouse, no run store, nothing written. The embedded log is opened read-only on every call, so it reflects
 * the writer's progress; the services tier connects to Kafka, S3, Redis and PostgreSQL.
 */
export async function openServicesReader(options: { tier: Tier; runDir: string }): Promise<ServicesReader> {
  const runId = basename(options.runDir);
  if (options.tier === 'embedded') {
    const log = new EmbeddedEventLog({
      root: join(options.runDir, 'log'),
      clock: systemClock,
      readOnly: true,
    });
    return {
      tier: 'embedded',
      log,
      lake: new LocalObjectStore(join(options.runDir, 'lake')),
      lakeLocation: `${runId}/lake/ in the runs folder`,
      kvLocation: `${runId}/kv/ in the runs folder (one file per key)`,
      kv: new FileKeyValueStore(embeddedKvDirectory(options.runDir)),
      operational: openDuckDbOperationalDb(embeddedOperationalFile(options.runDir), runId),
      close: () => log.close(),
    };
  }
  const env = servicesEnv(withServicesEnvFile());
  const connections = servicesConnections(env, runId);
  const opened: Array<() => Promise<void>> = [];
  try {
    const log = await KafkaEventLog.connect({
      brokers: connections.kafkaBrokers,
      prefix: connections.kafkaPrefix,
      clientId: 'pipeline-lab-console',
      retries: 1,
    });
    opened.push(() => log.close());
    const kv = await openRedisKv(connections.redisUrl, connections.redisNamespace);
    opened.push(() => kv.close());
    const operational = await openPostgresOperationalDb(env.DATABASE_URL, runId);
    opened.push(() => operational.close());
    const lake = s3Lake(env, runId);
    opened.push(async () => lake.close());
    // Connects on its first read: a Cassandra that is down fails the timeline, not the whole console.
    const serving = openCassandraServingReader(env.CASSANDRA_CONTACT_POINTS, runId);
    opened.push(() => serving.close());
    return {
      tier: 'services',
      log,
      lake,
      serving,
      lakeLocation: `s3://${env.S3_BUCKET}/${s3LakePrefix(runId)} at ${hostOf(env.S3_ENDPOINT)}`,
      kvLocation: `Redis ${hostOf(env.REDIS_URL)} · keys ${connections.redisNamespace}*`,
      kv,
      operational,
      async close() {
        for (const close of opened.reverse()) await close().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const close of opened.reverse()) await close().catch(() => undefined);
    throw error;
  }
}

/** host:port of a URL, never its credentials. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unparsable URL)';
  }
}
