import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../pipeline/core/clock';
import { createRandom } from '../../pipeline/core/random';
import { entities, topicByEntity } from '../../pipeline/contracts/records';
import { EmbeddedEventLog } from '../../pipeline/services/embedded/event-log/embedded-event-log';
import { LocalObjectStore } from '../../pipeline/services/shared/local-object-store';
import { generateDataset } from '../../pipeline/stages/generate/generate-dataset';
import { ingestRaw } from '../../pipeline/stages/ingest/ingest-raw';
import { produceEntity } from '../../pipeline/stages/produce/produce-entity';
import type { Benchmark } from './types';

/**
 * Ingest throughput: N generated events (realistic faults) produced into 6 partitions, then landed
 * from the topics into the raw zone by the ingest consumer group. Target: 1M events in under 3 s. The
 * produce time is reported beside it.
 */
export const benchmark: Benchmark = {
  name: 'ingest-raw',
  async run({ events }) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
    try {
      const loadAverage = Number(loadavg()[0]!.toFixed(2));
      const generated = join(dir, 'generated');
      await generateDataset({
        options: { seed: 42, events, days: 14, faults: 'realistic', startDate: '2025-08-24' },
        outDir: generated,
        format: 'ndjson',
        gzip: false,
        hash: false,
        groundTruthPath: join(generated, 'ground-truth.json'),
        random: createRandom(42),
        clock: systemClock,
        signal: new AbortController().signal,
        onProgress: () => undefined,
      });
      const log = new EmbeddedEventLog({ root: join(dir, 'log'), clock: systemClock });
      let started = performance.now();
      let records = 0;
      for (const entity of entities) {
        await log.createTopic({ name: topicByEntity[entity], partitions: 6 });
        const counts = await produceEntity({
          log,
          topic: topicByEntity[entity],
          entity,
          file: join(generated, `${entity}.ndjson`),
          batchSize: 10_000,
          fallbackTimestamp: 0,
          signal: new AbortController().signal,
          onBatch: () => undefined,
        });
        records += counts.records;
      }
      await log.createTopic({ name: 'dead-letter', partitions: 6 });
      const produceSeconds = (performance.now() - started) / 1000;
      started = performance.now();
      const cpuBefore = process.cpuUsage();
      const result = await ingestRaw({
        log,
        lake: new LocalObjectStore(join(dir, 'lake')),
        signal: new AbortController().signal,
        isProducerDone: () => true,
        startDate: '2025-08-24',
      });
      const ingestSeconds = (performance.now() - started) / 1000;
      // CPU time (all threads, GC included) beside wall time: the wall figure also pays for whatever else runs.
      const cpu = process.cpuUsage(cpuBefore);
      const ingestCpuSeconds = (cpu.user + cpu.system) / 1e6;
      await log.close();
      const landed = Object.values(result.perEntity).reduce(
        (sum, counts) => sum + counts.raw + counts.deadLettered,
        0,
      );
      const files = Object.values(result.perEntity).reduce((sum, counts) => sum + counts.files, 0);
      return {
        events,
        records,
        landed,
        files,
        loadAverage,
        produceSeconds: Number(produceSeconds.toFixed(3)),
        producePerSecond: Math.round(records / produceSeconds),
        ingestSeconds: Number(ingestSeconds.toFixed(3)),
        ingestPerSecond: Math.round(landed / ingestSeconds),
        ingestCpuSeconds: Number(ingestCpuSeconds.toFixed(3)),
        ...(events === 1_000_000 ? { meetsMillionUnder3s: ingestSeconds < 3 } : {}),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
