import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../pipeline/core/clock';
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
});
