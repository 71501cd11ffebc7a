import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deadLetterTopic, entities, topicByEntity, type Entity } from '../../contracts/records';
import type { StageContext, StageDefinition, StageResult } from '../../contracts/stage';
import { speedStoreOn } from '../speed-layer/speed-store';
import { operationalRecords, type RefusedCounts } from './operational-records';
import { produceEntity, type ProducedCounts } from './produce-entity';

/** Records per produce call: large enough to amortise the write, small enough to show progress. */
const batchSize = 10_000;

/**
 * Streams the generated files into partitioned topics (users, products, events, orders; plus the dead-letter
 * topic the ingest writes to). The topics are re-created first, so re-running the stage never appends a
 * second copy of the data. The profiles and orders are also written to the shop's operational database
 * (PostgreSQL on the services tier), as the shop itself would; nothing downstream reads them from there.
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
    await speedStoreOn(context.services.kv).reset();
    const stale = [
      ...(await context.services.lake.list('raw/')),
      ...(await context.services.lake.list('quarantine/')),
    ];
    for (const object of stale) await context.services.lake.delete(object.key);
    if (stale.length > 0)
      logger.log('info', 'removed the previous landing of this run', { objects: stale.length });
    const started = context.clock.monotonic();
    // The operational database is written beside the topics, not after them: on the services tier both wait
    // mostly on other processes (Kafka, PostgreSQL). Both have settled before the stage returns or throws.
    const operationalWrite = writeOperationalDatabase(context);
    operationalWrite.catch(() => undefined); // awaited below; this only keeps an early failure from being unhandled
    const { perEntity, total } = await produceTopics(context).catch(async (error: unknown) => {
      await operationalWrite.catch(() => undefined);
      throw error;
    });
    const operational = await operationalWrite;
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
        operational,
      },
    };
  },
};

/** Every generated file into its topic; then `produced-offsets.json`, what was written per partition. */
async function produceTopics(
  context: StageContext,
): Promise<{ perEntity: Partial<Record<Entity, ProducedCounts>>; total: number }> {
  const { log } = context.services;
  const logger = context.log.child('produce');
  const perEntity: Partial<Record<Entity, ProducedCounts>> = {};
  let total = 0;
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
    for (const { partition, endOffset } of await log.offsets(topicByEntity[entity]))
      endOffsets[`${topicByEntity[entity]}/${partition}`] = endOffset;
  }
  await writeFile(join(context.runDir, 'produced-offsets.json'), JSON.stringify(endOffsets));
  return { perEntity, total };
}

/** Profiles and orders into the operational database (it replaces this run's rows). */
async function writeOperationalDatabase(context: StageContext) {
  const database = context.services.operational;
  const refused: RefusedCounts = { users: 0, orders: 0 };
  const started = context.clock.monotonic();
  const written = await database.replaceRun({
    users: operationalRecords('users', join(context.runDir, 'generated', 'users.ndjson'), refused),
    orders: operationalRecords('orders', join(context.runDir, 'generated', 'orders.ndjson'), refused),
  });
  const result = { ...written, refused, durationMs: Math.round(context.clock.monotonic() - started) };
  context.log.child('produce').log('info', 'wrote profiles and orders to the operational database', result);
  return result;
}
