import { basename } from 'node:path';
import { servicesEnv } from '../contracts/services-env';
import type { Tier } from '../contracts/services';
import { dropServingKeyspace } from './cassandra/cassandra-serving-store';
import { KafkaEventLog } from './kafka/kafka-event-log';
import { openPostgresOperationalDb } from './postgres/postgres-operational-db';
import { openPostgresRunStore } from './postgres/postgres-run-store';
import { removeRedisNamespace } from './redis/redis-kv';
import { S3ObjectStore } from './s3/s3-object-store';
import { withServicesEnvFile } from './services-env-file';

export interface RemovedFromServices {
  topics: number;
  groups: number;
  objects: number;
  keys: number;
  /** The run's Cassandra keyspaces dropped (0 or 1). */
  keyspaces: number;
}

async function* nothing<T>(): AsyncIterable<T[]> {}

/**
 * Removes what a services-tier run wrote to the shared systems: its topics and consumer groups on Kafka, its
 * objects on S3, its rows in PostgreSQL (run store and the shop's tables), its keys in Redis and its keyspace on
 * Cassandra (dropped whole: no tombstones left). An embedded
 * run's data is all in its folder, which the caller removes. Each system is tried even when another fails; the
 * first failure is thrown at the end.
 */
export async function removeRunFromServices(options: {
  tier: Tier;
  runDir: string;
}): Promise<RemovedFromServices> {
  const removed: RemovedFromServices = { topics: 0, groups: 0, objects: 0, keys: 0, keyspaces: 0 };
  if (options.tier === 'embedded') return removed;
  const env = servicesEnv(withServicesEnvFile());
  const runId = basename(options.runDir);
  const failures: unknown[] = [];
  const attempt = async (work: () => Promise<void>) => {
    await work().catch((error: unknown) => failures.push(error));
  };
  await Promise.all([
    attempt(async () => {
      const log = await KafkaEventLog.connect({
        brokers: env.KAFKA_BROKERS.split(','),
        prefix: `pipeline-lab.${runId}.`,
        clientId: 'pipeline-lab-remove',
        retries: 1,
      });
      try {
        Object.assign(removed, await log.removeAll());
      } finally {
        await log.close();
      }
    }),
    attempt(async () => {
      const s3 = new S3ObjectStore({
        endpoint: env.S3_ENDPOINT,
        bucket: env.S3_BUCKET,
        region: env.S3_REGION,
        accessKeyId: env.S3_ACCESS_KEY_ID,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY,
        prefix: `runs/${runId}/`,
      });
      try {
        const objects = await s3.list('');
        for (let start = 0; start < objects.length; start += 16)
          await Promise.all(objects.slice(start, start + 16).map((object) => s3.delete(object.key)));
        removed.objects = objects.length;
      } finally {
        s3.close();
      }
    }),
    attempt(async () => {
      const operational = await openPostgresOperationalDb(env.DATABASE_URL, runId);
      try {
        // Replacing the run's rows with none deletes them, in one transaction.
        await operational.replaceRun({ users: nothing(), orders: nothing() });
      } finally {
        await operational.close();
      }
      const runs = await openPostgresRunStore(env.DATABASE_URL);
      try {
        await runs.deleteRun(runId);
      } finally {
        await runs.close();
      }
    }),
    attempt(async () => {
      removed.keys = await removeRedisNamespace(env.REDIS_URL, `pipeline-lab:${runId}:`);
    }),
    attempt(async () => {
      removed.keyspaces = (await dropServingKeyspace(env.CASSANDRA_CONTACT_POINTS, runId)) ? 1 : 0;
    }),
  ]);
  if (failures.length > 0) throw failures[0];
  return removed;
}
