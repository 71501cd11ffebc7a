import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { servicesEnv } from '../../pipeline/contracts/services-env';
import { fixedClock } from '../../pipeline/core/clock';
import { readManifest } from '../../pipeline/core/manifest-file';
import { removeServicesRun } from '../../pipeline/services/remove-services-run';
import { createRandom } from '../../pipeline/core/random';
import { isPipelineError } from '../../pipeline/contracts/errors';
import { entities, topicByEntity } from '../../pipeline/contracts/records';
import type { EventLog } from '../../pipeline/contracts/services';
import { EmbeddedEventLog } from '../../pipeline/services/embedded/event-log/embedded-event-log';
import { LocalObjectStore } from '../../pipeline/services/shared/local-object-store';
import { KafkaEventLog } from '../../pipeline/services/kafka/kafka-event-log';
import { generateDataset } from '../../pipeline/stages/generate/generate-dataset';
import { ingestRaw } from '../../pipeline/stages/ingest/ingest-raw';
import { produceEntity } from '../../pipeline/stages/produce/produce-entity';
import { startKafkaBroker, type RunningBroker } from '../../scripts/services/kafka-broker';

// This test owns its broker: it kills it with SIGKILL in the middle of an ingest and starts it again.
const clock = fixedClock(1_756_000_000_000);
const windowSize = 2_000;
let broker: RunningBroker;
let dir: string;

async function produceAll(log: EventLog, generated: string): Promise<void> {
  for (const entity of entities) {
    await log.createTopic({ name: topicByEntity[entity], partitions: 3 });
    await produceEntity({
      log,
      topic: topicByEntity[entity],
      entity,
      file: join(generated, `${entity}.ndjson`),
      batchSize: 5_000,
      fallbackTimestamp: 0,
      signal: new AbortController().signal,
      onBatch: () => undefined,
    });
  }
  await log.createTopic({ name: 'dead-letter', partitions: 3 });
}

async function fingerprint(lake: LocalObjectStore): Promise<Map<string, string>> {
  return new Map(
    (await lake.list('')).map((object) => [
      object.key,
      createHash('sha256')
        .update(readFileSync(lake.localPath(object.key)))
        .digest('hex'),
    ]),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'broker-restart-'));
  broker = await startKafkaBroker();
  await generateDataset({
    options: { seed: 11, events: 30_000, days: 3, faults: 'realistic', startDate: '2025-08-24' },
    outDir: join(dir, 'generated'),
    format: 'ndjson',
    gzip: false,
    hash: false,
    groundTruthPath: join(dir, 'generated', 'ground-truth.json'),
    random: createRandom(11),
    clock,
    signal: new AbortController().signal,
    onProgress: () => undefined,
  });
}, 120_000);

afterAll(async () => {
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a Kafka broker restart during ingestion', () => {
  it('ends with every record in the lake exactly once, as a clean run lands it', async () => {
    const clean = new EmbeddedEventLog({ root: join(dir, 'clean-log'), clock });
    await produceAll(clean, join(dir, 'generated'));
    const cleanLake = new LocalObjectStore(join(dir, 'clean-lake'));
    await ingestRaw({
      log: clean,
      lake: cleanLake,
      signal: new AbortController().signal,
      isProducerDone: () => true,
      windowSize,
      startDate: '2025-08-24',
    });
    await clean.close();

    const kafka = await KafkaEventLog.connect({
      brokers: [broker.bootstrap],
      prefix: `restart-${process.pid}.`,
    });
    await produceAll(kafka, join(dir, 'generated'));
    const lake = new LocalObjectStore(join(dir, 'kafka-lake'));
    const expectedEndOffsets = new Map<string, number>();
    for (const entity of entities) {
      for (const { partition, endOffset } of await kafka.offsets(topicByEntity[entity]))
        expectedEndOffsets.set(`${topicByEntity[entity]}/${partition}`, endOffset);
    }
    let windows = 0;
    let restarted = false;
    let restart: Promise<void> | undefined;
    let attempts = 0;
    // The runner's behaviour: a stage that fails with a retriable error runs again; the landing is idempotent.
    for (;;) {
      attempts++;
      try {
        await ingestRaw({
          log: kafka,
          lake,
          signal: new AbortController().signal,
          isProducerDone: () => true,
          windowSize,
          startDate: '2025-08-24',
          expectedEndOffsets,
          onWindowWritten: () => {
            if (++windows === 4 && !restarted) {
              restarted = true;
              restart = broker.restart();
            }
          },
        });
        break;
      } catch (error) {
        if (!isPipelineError(error) || !error.retriable || attempts > 8) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
    await restart;
    await kafka.close();
    expect(restarted).toBe(true);
    expect(attempts).toBeGreaterThan(1);
    const expected = await fingerprint(cleanLake);
    const actual = await fingerprint(lake);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, hash] of expected) expect(actual.get(key), key).toBe(hash);
  }, 240_000);

  it('a services-tier run stops within seconds on Ctrl+C while its broker is down', async () => {
    const runId = `cancel-down-${process.pid}`;
    const runDir = join(dir, runId);
    const env = {
      ...process.env,
      KAFKA_BROKERS: broker.bootstrap,
      S3_ENDPOINT: inject('s3Endpoint'),
      S3_BUCKET: inject('s3Bucket'),
      S3_ACCESS_KEY_ID: 'test',
      S3_SECRET_ACCESS_KEY: 'test',
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: inject('redisUrl'),
      CASSANDRA_CONTACT_POINTS: inject('cassandraContactPoints'),
      // Never the stack of whoever runs the tests: no services.env here.
      PIPELINE_LAB_SERVICES_DIR: join(dir, 'no-stack'),
    };
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const child = spawn(
      tsx,
      ['pipeline/cli.ts', 'run', '--events', '30000', '--tier', 'services', '--out', runDir],
      { env, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      // The broker dies while the ingest consumes: every Kafka call from then on waits out kafkajs's retries.
      const deadline = Date.now() + 150_000;
      const ingestRunning = async () =>
        existsSync(join(runDir, 'manifest.json')) &&
        (await readManifest(runDir))?.stages.find((stage) => stage.name === 'ingest')?.status === 'running';
      while (!(await ingestRunning().catch(() => false))) {
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`the run never reached its ingest:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const killed = new Promise((done) => broker.process.once('exit', done));
      broker.process.kill('SIGKILL');
      await killed;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const interrupted = performance.now();
      child.kill('SIGINT');
      const code = await exited;
      const seconds = (performance.now() - interrupted) / 1000;
      console.log(`Ctrl+C with the broker down: the run process exited after ${seconds.toFixed(1)} s`);
      // Waiting out kafkajs's retries took 40-97 s; 15 s leaves room for a loaded machine (6.5 s at load 36).
      expect(seconds, stderr).toBeLessThan(15);
      expect(code).toBe(130);
      expect((await readManifest(runDir))?.status).toBe('cancelled');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await broker.restart();
      await removeServicesRun(servicesEnv(env), runId);
    }
  }, 300_000);
});
