import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../pipeline/core/clock';
import { createRandom } from '../../../pipeline/core/random';
import { deadLetterTopic, entities, topicByEntity } from '../../../pipeline/contracts/records';
import type { PartitionLag } from '../../../pipeline/contracts/services';
import { EmbeddedEventLog } from '../../../pipeline/services/embedded/event-log/embedded-event-log';
import { LocalObjectStore } from '../../../pipeline/services/shared/local-object-store';
import { generateDataset } from '../../../pipeline/stages/generate/generate-dataset';
import { ingestRaw } from '../../../pipeline/stages/ingest/ingest-raw';
import { produceEntity } from '../../../pipeline/stages/produce/produce-entity';

const clock = fixedClock(1_756_000_000_000);
const windowSize = 500;
const cleanup: string[] = [];
let generatedDir: string;

function fingerprint(root: string, keys: string[]): Map<string, string> {
  return new Map(
    keys.map((key) => [
      key,
      createHash('sha256')
        .update(readFileSync(join(root, key)))
        .digest('hex'),
    ]),
  );
}

async function openRun(): Promise<{ root: string; log: EmbeddedEventLog; lake: LocalObjectStore }> {
  const runDir = mkdtempSync(join(tmpdir(), 'ingest-streaming-'));
  cleanup.push(runDir);
  const log = new EmbeddedEventLog({ root: join(runDir, 'log'), clock });
  for (const entity of entities) await log.createTopic({ name: topicByEntity[entity], partitions: 3 });
  await log.createTopic({ name: deadLetterTopic, partitions: 3 });
  return { root: join(runDir, 'lake'), log, lake: new LocalObjectStore(join(runDir, 'lake')) };
}

async function produceAll(log: EmbeddedEventLog, between: () => Promise<void>): Promise<void> {
  for (const entity of entities) {
    await produceEntity({
      log,
      topic: topicByEntity[entity],
      entity,
      file: join(generatedDir, `${entity}.ndjson`),
      batchSize: 1_000,
      fallbackTimestamp: clock.now(),
      signal: new AbortController().signal,
      onBatch: () => undefined,
    });
    await between();
  }
}

beforeAll(async () => {
  generatedDir = mkdtempSync(join(tmpdir(), 'ingest-streaming-generated-'));
  cleanup.push(generatedDir);
  await generateDataset({
    options: { seed: 11, events: 15_000, days: 2, faults: 'realistic', startDate: '2025-08-24' },
    outDir: generatedDir,
    format: 'ndjson',
    gzip: false,
    hash: false,
    groundTruthPath: join(generatedDir, 'ground-truth.json'),
    random: createRandom(11),
    clock,
    signal: new AbortController().signal,
    onProgress: () => undefined,
  });
});

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

describe('ingest as a micro-batch stream beside the producer', () => {
  it('lands windows while the producer still writes, reports per-partition lag, and ends with the batch lake', async () => {
    const batch = await openRun();
    await produceAll(batch.log, async () => undefined);
    await ingestRaw({
      log: batch.log,
      lake: batch.lake,
      signal: new AbortController().signal,
      isProducerDone: () => true,
      windowSize,
    });
    const batchKeys = (await batch.lake.list('')).map((object) => object.key).sort();
    const expected = fingerprint(batch.root, batchKeys);
    await batch.log.close();

    const streaming = await openRun();
    let producerDone = false;
    const whileProducing: Array<{ landed: number; lag: PartitionLag[] }> = [];
    const ingesting = ingestRaw({
      log: streaming.log,
      lake: streaming.lake,
      signal: new AbortController().signal,
      isProducerDone: () => producerDone,
      windowSize,
      onProgress: (progress) => {
        if (!producerDone) whileProducing.push(progress);
      },
    });
    // The producer yields between topics, as a real producer waits on the network: the consumer runs meanwhile.
    await produceAll(streaming.log, () => new Promise((resolve) => setTimeout(resolve, 30)));
    producerDone = true;
    const result = await ingesting;

    expect(whileProducing.length).toBeGreaterThan(0);
    expect(whileProducing.some(({ landed }) => landed > 0)).toBe(true);
    // The console's figure: one lag entry per topic partition, each between 0 and the partition's end offset.
    const sample = whileProducing.at(-1)!.lag;
    expect(sample).toHaveLength(entities.length * 3);
    expect(sample.every((partition) => partition.lag >= 0 && partition.lag <= partition.endOffset)).toBe(
      true,
    );
    expect(result.finalLag.every((partition) => partition.lag === 0)).toBe(true);

    const streamingKeys = (await streaming.lake.list('')).map((object) => object.key).sort();
    expect(streamingKeys).toEqual(batchKeys);
    const actual = fingerprint(streaming.root, streamingKeys);
    for (const [key, hash] of expected) expect(actual.get(key), key).toBe(hash);
    await streaming.log.close();
  }, 120_000);
});
