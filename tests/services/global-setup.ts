import type { TestProject } from 'vitest/node';
import { startKafkaBroker, type RunningBroker } from '../../scripts/services/kafka-broker';
import { startS3Server, type RunningS3 } from '../../scripts/services/s3-server';

/**
 * Starts the real servers the services-tier suite talks to: an Apache Kafka broker and an S3-compatible
 * server from Maven Central jars (no Docker), plus the PostgreSQL and Redis already running on the machine
 * (override with DATABASE_URL / REDIS_URL). Tests read the addresses with `inject(...)`.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
    s3Endpoint: string;
    s3Bucket: string;
    databaseUrl: string;
    redisUrl: string;
    clickhouseUrl: string;
    /** When the broker was ready (ms since the epoch; 0 for an external one): its first retention check is 30 s later. */
    kafkaStartedAt: number;
  }
}

let broker: RunningBroker | undefined;
let s3: RunningS3 | undefined;

export async function setup(project: TestProject): Promise<void> {
  [broker, s3] = await Promise.all([startKafkaBroker(), startS3Server()]);
  project.provide('kafkaBrokers', process.env.KAFKA_BROKERS ?? broker.bootstrap);
  project.provide('kafkaStartedAt', process.env.KAFKA_BROKERS ? 0 : Date.now());
  project.provide('s3Endpoint', s3.endpoint);
  project.provide('s3Bucket', s3.bucket);
  project.provide('databaseUrl', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  project.provide('redisUrl', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  project.provide('clickhouseUrl', process.env.CLICKHOUSE_URL ?? '');
}

export async function teardown(): Promise<void> {
  await Promise.all([broker?.stop(), s3?.stop()]);
}

/** For the broker-restart fault test. */
export function runningBroker(): RunningBroker | undefined {
  return broker;
}
