import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../pipeline/core/clock';
import { createRandom } from '../pipeline/core/random';
import { entities, topicByEntity } from '../pipeline/contracts/records';
import { EmbeddedEventLog } from '../pipeline/services/embedded/event-log/embedded-event-log';
import { LocalObjectStore } from '../pipeline/services/embedded/local-object-store';
import { generateDataset } from '../pipeline/stages/generate/generate-dataset';
import { ingestRaw } from '../pipeline/stages/ingest/ingest-raw';
import { produceEntity } from '../pipeline/stages/produce/produce-entity';
const events = Number(process.argv[2] ?? 300000);
const dir = `/tmp/eng5/ing-${events}`;
const generated = join(dir, 'generated');
if (!existsSync(join(generated, 'events.ndjson'))) {
  await generateDataset({ options: { seed: 42, events, days: 14, faults: 'realistic', startDate: '2025-08-24' }, outDir: generated, format: 'ndjson', gzip: false, hash: false, groundTruthPath: join(generated, 'ground-truth.json'), random: createRandom(42), clock: systemClock, signal: new AbortController().signal, onProgress: () => undefined });
}
rmSync(join(dir, 'log'), { recursive: true, force: true }); rmSync(join(dir, 'lake'), { recursive: true, force: true });
const log = new EmbeddedEventLog({ root: join(dir, 'log'), clock: systemClock });
for (const entity of entities) {
  await log.createTopic({ name: topicByEntity[entity], partitions: 6 });
  await produceEntity({ log, topic: topicByEntity[entity], entity, file: join(generated, `${entity}.ndjson`), batchSize: 10_000, fallbackTimestamp: 0, signal: new AbortController().signal, onBatch: () => undefined });
}
await log.createTopic({ name: 'dead-letter', partitions: 6 });
const c0 = process.cpuUsage(); const t0 = performance.now();
const r = await ingestRaw({ log, lake: new LocalObjectStore(join(dir, 'lake')), signal: new AbortController().signal, isProducerDone: () => true, startDate: '2025-08-24' });
const cpu = process.cpuUsage(c0);
console.log(JSON.stringify({ wall: ((performance.now() - t0) / 1000).toFixed(2), user: (cpu.user / 1e6).toFixed(2), sys: (cpu.system / 1e6).toFixed(2), files: Object.values(r.perEntity).reduce((s, c) => s + c.files, 0) }));
await log.close();
