import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KafkaEventLog } from '../../pipeline/services/kafka/kafka-event-log';
import type { ProduceRecord } from '../../pipeline/contracts/services';
import { servicesEnv } from '../../pipeline/contracts/services-env';
import { removeServicesRun } from '../../pipeline/services/remove-services-run';
import { startCassandraNode } from '../services/cassandra-node';
import { ensureKafkaJars, startKafkaBroker } from '../services/kafka-broker';
import { startS3Server } from '../services/s3-server';
import type { Benchmark } from './types';

const run = promisify(execFile);

/**
 * Services tier, against servers started here: kafkajs produce throughput for N 200-byte records
 * beside the same broker's own Java ProducerPerformance (kafka-producer-perf-test) in the same run — target
 * ≥ 25% of it — and an end-to-end run of N events on Kafka, S3, PostgreSQL and Redis — target < 60 s for 1M.
 */
export const benchmark: Benchmark = {
  name: 'services-tier',
  tier: 'services',
  async run({ events }) {
    // The export stage writes every accepted event to Cassandra: a node of our own unless one is named.
    const [broker, s3, cassandra] = await Promise.all([
      startKafkaBroker(),
      startS3Server(),
      process.env.CASSANDRA_CONTACT_POINTS ? Promise.resolve(undefined) : startCassandraNode(),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'bench-services-'));
    try {
      const loadAverage = Number(loadavg()[0]!.toFixed(2));
      const log = await KafkaEventLog.connect({ brokers: [broker.bootstrap], prefix: 'bench.' });
      await log.createTopic({ name: 'kafkajs', partitions: 6 });
      // 200-byte values as ProducerPerformance's --record-size 200 sends (ours carry a key on top, which Java's lack).
      const value = Buffer.alloc(200, 97);
      let started = performance.now();
      for (let produced = 0; produced < events; produced += 10_000) {
        const batch: ProduceRecord[] = Array.from(
          { length: Math.min(10_000, events - produced) },
          (_, index) => ({ key: `user-${(produced + index) % 50_000}`, value }),
        );
        await log.produce('kafkajs', batch);
      }
      const kafkajsPerSecond = Math.round(events / ((performance.now() - started) / 1000));
      await log.createTopic({ name: 'java', partitions: 6 });
      await log.close();

      const runEnv = {
        KAFKA_BROKERS: broker.bootstrap,
        S3_ENDPOINT: s3.endpoint,
        S3_BUCKET: s3.bucket,
        S3_ACCESS_KEY_ID: 'bench',
        S3_SECRET_ACCESS_KEY: 'bench',
        DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        CASSANDRA_CONTACT_POINTS: process.env.CASSANDRA_CONTACT_POINTS ?? cassandra?.contactPoint ?? '',
      };
      const perf = await run(
        'java',
        [
          '-Xmx512m',
          '-cp',
          join(ensureKafkaJars(), '*'),
          'org.apache.kafka.tools.ProducerPerformance',
          '--topic',
          'bench.java',
          '--num-records',
          String(events),
          '--record-size',
          '200',
          '--throughput',
          '-1',
          '--producer-props',
          `bootstrap.servers=${broker.bootstrap}`,
          'acks=all',
          'enable.idempotence=true',
        ],
        { maxBuffer: 16 * 1024 * 1024 },
      );
      const javaPerSecond = Math.round(
        Number(/([\d.]+) records\/sec/.exec(perf.stdout.trim().split('\n').at(-1) ?? '')?.[1] ?? Number.NaN),
      );

      started = performance.now();
      // A run id of its own: the run store, the operational tables and Redis are the machine's, shared.
      const runId = `bench-services-${process.pid}-${Date.now().toString(36)}`;
      const out = join(dir, runId);
      let endToEndSeconds: number;
      try {
        await run(
          join(process.cwd(), 'node_modules', '.bin', 'tsx'),
          [
            'pipeline/cli.ts',
            'run',
            '--seed',
            '42',
            '--events',
            String(events),
            '--tier',
            'services',
            '--out',
            out,
          ],
          {
            maxBuffer: 256 * 1024 * 1024,
            env: { ...process.env, ...runEnv },
          },
        );
        endToEndSeconds = (performance.now() - started) / 1000;
      } finally {
        // Leave nothing in the machine's PostgreSQL and Redis (the broker and S3 server go with this bench).
        await removeServicesRun(servicesEnv({ ...process.env, ...runEnv }), runId);
      }
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
        status: string;
        stages: Array<{ name: string; durationMs: number }>;
      };
      return {
        records: events,
        loadAverage,
        kafkajsProducePerSecond: kafkajsPerSecond,
        javaProducerPerformancePerSecond: javaPerSecond,
        ratioToJava: Number((kafkajsPerSecond / javaPerSecond).toFixed(2)),
        meetsProduceTarget: kafkajsPerSecond >= 0.25 * javaPerSecond,
        endToEndSeconds: Number(endToEndSeconds.toFixed(1)),
        endToEndStatus: manifest.status,
        stageSeconds: manifest.stages
          .map((stage) => `${stage.name} ${(stage.durationMs / 1000).toFixed(1)}`)
          .join(', '),
        ...(events === 1_000_000 ? { meetsEndToEndUnder60s: endToEndSeconds < 60 } : {}),
      };
    } finally {
      await Promise.all([broker.stop(), s3.stop(), cassandra?.stop()]);
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
