import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deadLetterTopic, entities, topicByEntity, type Entity } from '../../contracts/records';
import type { StageDefinition, StageResult } from '../../contracts/stage';
import { speedStoreFor } from '../speed-layer/speed-store';
import { produceEntity, type ProducedCounts } from './produce-entity';

/** Records per produce call: large enough to amortise the write, small enough to show progress. */
const batchSize = 10_000;

/**
 * Streams the generated files into partitioned topics (users, products, events, orders; plus the dead-letter
 * topic the ingest writes to). The topics are re-created first, so re-running the stage never appends a
 * second copy of the data.
 */
export const produceStage: StageDefinition = {
  name: 'produce',
  async run(context): Promise<StageResult> {
    const { log } = context.services;
    const logger = context.log.child('produce');
    const partitions = context.config.partitions;
    const existing = new Set((await log.listTopics()).map((topic) => topic.name));
    for (const topic of [...entities.map((entity) => topicByEntity[entity]), deadLetterTopic]) {
      if (existing.has(topic)) await log.deleteTopic(topic);
      await log.createTopic({ name: topic, partitions });
    }
    // The speed layer's snapshot points at offsets of the topics just re-created, and whatever an earlier
    // ingest landed came from the old topics: start both afresh so nothing is counted twice.
    await speedStoreFor(context).reset();
    const stale = [...(await context.services.lake.list('raw/')), ...(await context.services.lake.list('quarantine/'))];
    for (const object of stale) await context.services.lake.delete(object.key);
    if (stale.length > 0) logger.log('info', 'removed the previous landing of this run', { objects: stale.length });
    const perEntity: Partial<Record<Entity, ProducedCounts>> = {};
    let total = 0;
    const started = context.clock.monotonic();
    for (const entity of entities) {
      const before = total;
      perEntity[entity] = await produceEntity({
        log,
        topic: topicByEntity[entity],
        entity,
        file: join(context.runDir, 'generated', `${entity}.ndjson`),
        batchSize,
        fallbackTimestamp: context.clock.now(),
        signal: context.signal,
        onBatch: (produced) => context.progress({ done: before + produced, unit: 'records' }),
      });
      total += perEntity[entity].records;
      logger.log('info', `produced ${entity}`, { topic: topicByEntity[entity], ...perEntity[entity] });
    }
    // What was written, per partition: the ingest trusts this over a broker's (possibly stale) high watermark.
    const endOffsets: Record<string, number> = {};
    for (const entity of entities) {
      for (const { partition, endOffset } of await log.offsets(topicByEntity[entity])) endOffsets[`${topicByEntity[entity]}/${partition}`] = endOffset;
    }
    await writeFile(join(context.runDir, 'produced-offsets.json'), JSON.stringify(endOffsets));
    const seconds = (context.clock.monotonic() - started) / 1000;
    return {
      inputRows: total,
      outputRows: total,
      rejectedRows: 0,
      rejectReasons: {},
      outputs: [],
      metrics: {
        perEntity,
        partitions,
        topics: await log.listTopics(),
        messagesPerSecond: seconds > 0 ? Math.round(total / seconds) : null,
      },
    };
  },
};
