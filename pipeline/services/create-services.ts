import { basename, join } from 'node:path';
import type { AnalyticsWarehouse, RunStore, Services, Tier } from '../contracts/services';
import type { Clock } from '../core/clock';
import { openClickHouseAnalytics } from './clickhouse/clickhouse-analytics';
import { openDuckDbWarehouse } from './embedded/duckdb-warehouse';
import { EmbeddedEventLog } from './embedded/event-log/embedded-event-log';
import { LocalObjectStore } from './embedded/local-object-store';
import { openPgliteRunStore } from './embedded/pglite-run-store';
import { KafkaEventLog } from './kafka/kafka-event-log';
import { openPostgresOperationalDb } from './postgres/postgres-operational-db';
import { openPostgresRunStore } from './postgres/postgres-run-store';
import { openRedisKv } from './redis/redis-kv';
import { CachedS3Lake } from './s3/cached-s3-lake';
import { S3ObjectStore } from './s3/s3-object-store';
import { servicesEnv } from './services-env';
import { withServicesEnvFile } from './services-env-file';

/**
 * Builds the Services of a run. Embedded tier: the in-process event log in `<runDir>/log`, the lake in
 * `<runDir>/lake`, the working DuckDB warehouse in `<runDir>/work/etl.duckdb` (so a resumed run finds every
 * finished stage's tables) and the PGlite run store shared by all runs (`runStoreDir`, default `.data/runstore`).
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
}

export async function createServices(options: CreateServicesOptions): Promise<Services> {
  if (options.tier === 'services') return createServicesTier(options);
  const [warehouse, runs] = await Promise.all([
    openDuckDbWarehouse({
      path: join(options.runDir, 'work', 'etl.duckdb'),
      threads: options.threads ?? 2,
      memoryLimit: options.memoryLimit ?? '1GB',
      tempDirectory: join(options.runDir, 'work', 'spill'),
    }),
    options.runStore ? Promise.resolve(options.runStore) : openPgliteRunStore({ dir: options.runStoreDir }),
  ]);
  const logRoot = join(options.runDir, 'log');
  const log = new EmbeddedEventLog({ root: logRoot, clock: options.clock });
  const lake = new LocalObjectStore(join(options.runDir, 'lake'));
  const ownsRunStore = options.runStore === undefined;
  return {
    tier: 'embedded',
    connections: { tier: 'embedded', logRoot },
    log,
    lake,
    warehouse,
    runs,
    async close() {
      await log.close();
      await warehouse.close();
      if (ownsRunStore) await runs.close();
    },
  };
}

/**
 * The services tier: topics on Kafka and the lake on S3 (both namespaced by the run id), the run store and
 * the shop's operational tables (profiles, orders) on PostgreSQL, the speed layer's state in Redis. The batch SQL still runs in DuckDB over a local cache of the
 * lake; with CLICKHOUSE_URL set, the export stage also loads the curated Parquet into ClickHouse.
 */
async function createServicesTier(options: CreateServicesOptions): Promise<Services> {
  const env = servicesEnv(withServicesEnvFile());
  const runId = basename(options.runDir);
  const warehouse = await openDuckDbWarehouse({
    path: join(options.runDir, 'work', 'etl.duckdb'),
    threads: options.threads ?? 2,
    memoryLimit: options.memoryLimit ?? '1GB',
    tempDirectory: join(options.runDir, 'work', 'spill'),
  });
  const opened: Array<() => Promise<void>> = [() => warehouse.close()];
  try {
    const connections = {
      tier: 'services' as const,
      kafkaBrokers: env.KAFKA_BROKERS.split(','),
      kafkaPrefix: `pipeline-lab.${runId}.`,
      redisUrl: env.REDIS_URL,
      redisNamespace: `pipeline-lab:${runId}:`,
    };
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
    const s3 = new S3ObjectStore({
      endpoint: env.S3_ENDPOINT,
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      prefix: `runs/${runId}/lake/`,
    });
    const lake = new CachedS3Lake(s3, new LocalObjectStore(join(options.runDir, 'lake')));
    opened.push(async () => lake.close());
    return {
      tier: 'services',
      connections,
      log,
      lake,
      warehouse,
      runs,
      kv,
      operational,
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
