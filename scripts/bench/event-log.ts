import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../pipeline/core/clock';
import type { ProduceRecord } from '../../pipeline/contracts/services';
import { EmbeddedEventLog } from '../../pipeline/services/embedded/event-log/embedded-event-log';
import type { Benchmark } from './types';

/**
 * Embedded event log throughput: produce and consume N 200-byte keyed records in batches of 10,000
 * through 6 partitions, beside a baseline measured in the same run: writing and reading the same bytes as one
 * plain file (the floor any log on this disk pays). Target: ≥ 1M messages/s each way.
 */
const recordBytes = 200;
const batchSize = 10_000;

function rawFileBaseline(dir: string, records: number): { writePerSecond: number; readPerSecond: number } {
  const file = join(dir, 'baseline.bin');
  const chunk = Buffer.alloc(recordBytes * batchSize, 120);
  let started = performance.now();
  const fd = openSync(file, 'w');
  for (let written = 0; written < records; written += batchSize) writeSync(fd, chunk);
  closeSync(fd);
  const writeSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const readFd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  while (readSync(readFd, buffer, 0, buffer.length, null) > 0);
  closeSync(readFd);
  const readSeconds = (performance.now() - started) / 1000;
  return {
    writePerSecond: Math.round(records / writeSeconds),
    readPerSecond: Math.round(records / readSeconds),
  };
}

export const benchmark: Benchmark = {
  name: 'embedded-event-log',
  async run({ events }) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-log-'));
    try {
      const loadAverage = Number(loadavg()[0]!.toFixed(2));
      const baseline = rawFileBaseline(dir, events);
      const log = new EmbeddedEventLog({ root: join(dir, 'log'), clock: systemClock });
      await log.createTopic({ name: 'bench', partitions: 6 });
      const value = Buffer.alloc(recordBytes - 20, 97);
      let started = performance.now();
      for (let produced = 0; produced < events; produced += batchSize) {
        const batch: ProduceRecord[] = new Array(Math.min(batchSize, events - produced));
        for (let index = 0; index < batch.length; index++)
          batch[index] = { key: `user-${(produced + index) % 50_000}`, value };
        await log.produce('bench', batch);
      }
      const produceSeconds = (performance.now() - started) / 1000;
      const consumer = await log.consumer({ groupId: 'bench', topics: ['bench'], fromBeginning: true });
      started = performance.now();
      let consumed = 0;
      while (consumed < events) consumed += (await consumer.poll({ maxRecords: 50_000 })).length;
      const consumeSeconds = (performance.now() - started) / 1000;
      await consumer.close();
      await log.close();
      const producePerSecond = Math.round(events / produceSeconds);
      const consumePerSecond = Math.round(events / consumeSeconds);
      return {
        records: events,
        recordBytes,
        partitions: 6,
        loadAverage,
        producePerSecond,
        consumePerSecond,
        baselineFileWritePerSecond: baseline.writePerSecond,
        baselineFileReadPerSecond: baseline.readPerSecond,
        produceRatioToFileWrite: Number((producePerSecond / baseline.writePerSecond).toFixed(2)),
        consumeRatioToFileRead: Number((consumePerSecond / baseline.readPerSecond).toFixed(2)),
        meetsTarget: producePerSecond >= 1_000_000 && consumePerSecond >= 1_000_000,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
