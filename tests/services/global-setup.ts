import type { TestProject } from 'vitest/node';
import { startCassandraNode, type RunningCassandra } from '../../scripts/services/cassandra-node';
import { startKafkaBroker, type RunningBroker } from '../../scripts/services/kafka-broker';
import { startS3Server, type RunningS3 } from '../../scripts/services/s3-server';

/**
 * Starts the real servers the services-tier suite talks to: an Apache Kafka broker, an S3-compatible server and
 * one Apache Cassandra node from Maven Central jars (no Docker), plus the PostgreSQL and Redis already running on
 * the machine (override with DATABASE_URL / REDIS_URL). With CASSANDRA_CONTACT_POINTS set (CI points it at the
 * node `npm run services -- up` started), the suite shares that node instead of starting a second one; its tests
 * work in keyspaces of their own and drop them. Tests read the addresses with `inject(...)`.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
    s3Endpoint: string;
    s3Bucket: string;
    databaseUrl: string;
    redisUrl: string;
    clickhouseUrl: string;
    cassandraContactPoints: string;
    /** When the broker was ready (ms since the epoch; 0 for an external one): its first retention check is 30 s later. */
    kafkaStartedAt: number;
  }
}

let broker: RunningBroker | undefined;
let s3: RunningS3 | undefined;
let cassandra: RunningCassandra | undefined;

export async function setup(project: TestProject): Promise<void> {
  const external = process.env.CASSANDRA_CONTACT_POINTS;
  const [kafka, s3Server, node] = await Promise.allSettled([
    startKafkaBroker(),
    startS3Server(),
    external ? Promise.resolve(undefined) : startCassandraNode(),
  ]);
  broker = kafka.status === 'fulfilled' ? kafka.value : undefined;
  s3 = s3Server.status === 'fulfilled' ? s3Server.value : undefined;
  cassandra = node.status === 'fulfilled' ? node.value : undefined;
  const failed = [kafka, s3Server, node].find((result) => result.status === 'rejected');
  if (failed) {
    // Stop the servers that did start: a failed setup never runs teardown, and they would outlive the suite.
    await teardown();
    throw failed.reason;
  }
  if (!broker || !s3) throw new Error('Kafka and S3 must have started here');
  project.provide('cassandraContactPoints', external ?? cassandra?.contactPoint ?? '');
  project.provide('kafkaBrokers', process.env.KAFKA_BROKERS ?? broker.bootstrap);
  project.provide('kafkaStartedAt', process.env.KAFKA_BROKERS ? 0 : Date.now());
  project.provide('s3Endpoint', s3.endpoint);
  project.provide('s3Bucket', s3.bucket);
  project.provide('databaseUrl', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  project.provide('redisUrl', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  project.provide('clickhouseUrl', process.env.CLICKHOUSE_URL ?? '');
}

export async function teardown(): Promise<void> {
  await Promise.all([broker?.stop(), s3?.stop(), cassandra?.stop()]);
}

/** For the broker-restart fault test. */
export function runningBroker(): RunningBroker | undefined {
  return broker;
}
