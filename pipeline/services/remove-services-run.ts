import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import type { ServicesEnv } from '../contracts/services-env';
import { dropServingKeyspace } from './cassandra/cassandra-serving-store';
import { s3LakePrefix, servicesConnections } from './create-services';
import { operationalSchemaName } from './shared/operational-rows';
import { S3ObjectStore } from './s3/s3-object-store';
import { deleteGroupsWhenReady } from './kafka/kafka-retry';

export interface RemovedServicesRun {
  kafkaTopics: number;
  kafkaGroups: number;
  s3Objects: number;
  redisKeys: number;
  /** Rows of the run store (runs, with their stage states) and of the operational tables (users, orders, lines). */
  postgresRows: number;
  /** 1 when the run's Cassandra keyspace (its serving table) was dropped, 0 when it had none. */
  cassandraKeyspaces: number;
}

/**
 * Removes what a services-tier run wrote to the shared systems: its topics and consumer groups on Kafka, its
 * lake on S3, its speed-layer keys in Redis, its run-store rows and operational rows in PostgreSQL, its keyspace
 * on Cassandra. Benches and tests call it, so a run on a shared machine leaves nothing behind. Everything is found
 * by the run's namespace (`pipeline-lab.<runId>.`, `runs/<runId>/`, `pipeline-lab:<runId>:`, `run_id`,
 * `pipeline_lab_<runId>`).
 */
export async function removeServicesRun(env: ServicesEnv, runId: string): Promise<RemovedServicesRun> {
  const connections = servicesConnections(env, runId);
  const [kafka, s3Objects, redisKeys, postgresRows, dropped] = await Promise.all([
    removeKafka(connections.kafkaBrokers, connections.kafkaPrefix),
    removeS3(env, runId),
    removeRedis(connections.redisUrl, connections.redisNamespace),
    removePostgres(env.DATABASE_URL, runId),
    dropServingKeyspace(env.CASSANDRA_CONTACT_POINTS, runId),
  ]);
  return { ...kafka, s3Objects, redisKeys, postgresRows, cassandraKeyspaces: dropped ? 1 : 0 };
}

async function removeKafka(
  brokers: string[],
  prefix: string,
): Promise<{ kafkaTopics: number; kafkaGroups: number }> {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((name) => name.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
    const groups = (await admin.listGroups()).groups
      .map((group) => group.groupId)
      .filter((id) => id.startsWith(prefix));
    if (groups.length > 0) await deleteGroupsWhenReady(admin, groups);
    return { kafkaTopics: topics.length, kafkaGroups: groups.length };
  } finally {
    await admin.disconnect();
  }
}

async function removeS3(env: ServicesEnv, runId: string): Promise<number> {
  const store = new S3ObjectStore({
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    // Everything of the run, the lake and anything beside it.
    prefix: s3LakePrefix(runId).replace(/lake\/$/, ''),
  });
  try {
    const objects = await store.list('');
    for (let start = 0; start < objects.length; start += 16) {
      await Promise.all(objects.slice(start, start + 16).map((object) => store.delete(object.key)));
    }
    return objects.length;
  } finally {
    store.close();
  }
}

async function removeRedis(url: string, namespace: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let removed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}*`, 'COUNT', 500);
      if (keys.length > 0) removed += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    return removed;
  } finally {
    redis.disconnect();
  }
}

async function removePostgres(databaseUrl: string, runId: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let removed = 0;
    // A table that does not exist yet (nothing ever ran here) holds nothing of the run.
    const tables = [
      'stage_states',
      'runs',
      `${operationalSchemaName}.order_lines`,
      `${operationalSchemaName}.orders`,
      `${operationalSchemaName}.users`,
    ];
    for (const table of tables) {
      const exists = await client.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [table]);
      if (!exists.rows[0]?.found) continue;
      removed += (await client.query(`DELETE FROM ${table} WHERE run_id = $1`, [runId])).rowCount ?? 0;
    }
    return removed;
  } finally {
    await client.end();
  }
}
