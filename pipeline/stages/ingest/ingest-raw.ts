import { JsonFieldSpans } from '../../core/json-field';
import type { Entity } from '../../contracts/records';
import { entities, topicByEntity } from '../../contracts/records';
import type { ConsumerLagSample } from '../../contracts/consumer-lag';
import type { EventLog, ObjectStore, PartitionLag } from '../../contracts/services';
import { PipelineError } from '../../contracts/errors';
import { eventTimeNamesOf } from '../field-aliases';
import { landWindow } from './land-window';
import { WindowBuffer } from './window-buffer';

/**
 * Offsets per landing window. File boundaries are a pure function of offsets (window k holds offsets
 * [k·W, (k+1)·W)), which is what makes a restart rewrite exactly the same files. Never change it for an
 * existing run.
 */
export const windowSize = 50_000;
export const ingestGroupId = 'ingest-raw';
/** Windows being written at once: enough to keep the disk busy while the CPU consumes, bounded for memory. */
const maxWindowsInFlight = 8;
/**
 * How long the producer may be done, the group not caught up, and no record arrive before the ingest gives up
 * with a retriable error (the stage is then retried with a fresh consumer from the committed offsets): longer
 * than a Kafka rebalance takes (session timeout 10 s + rebalance timeout 20 s), short enough that a stuck
 * consumer does not sit out the 30-minute stage timeout.
 */
export const defaultStallTimeoutMs = 60_000;

export interface IngestProgress {
  landed: number;
  lag: Array<PartitionLag & { topic: string }>;
}

export interface IngestResult {
  perEntity: Record<Entity, { raw: number; deadLettered: number; files: number }>;
  reasons: Record<string, number>;
  /** Per reason code, one message (the smallest "<entity>: <message>", so the same for every run of the data). */
  examples: Record<string, string>;
  lagSamples: Array<{ landed: number; totalLag: number }>;
  finalLag: ConsumerLagSample[];
}

/** The ingest group's lag on every partition of the entity topics (a partition never committed in counts whole). */
export async function ingestLag(log: EventLog): Promise<ConsumerLagSample[]> {
  return (
    await Promise.all(
      entities.map(async (entity) =>
        (await log.lag(ingestGroupId, topicByEntity[entity])).map((partition) => ({
          group: ingestGroupId,
          topic: topicByEntity[entity],
          partition: partition.partition,
          lag: partition.lag,
        })),
      ),
    )
  ).flat();
}

interface PartitionBuffer {
  entity: Entity;
  topic: string;
  partition: number;
  window: number;
  records: WindowBuffer;
}

/**
 * The ingest consumer group: consumes every entity topic and lands complete windows in the raw zone,
 * committing each window's offsets only after its files are durably written (at-least-once delivery made
 * effectively-once by deterministic, atomically replaced files). `isProducerDone` decides when a partial
 * last window may be landed: while the producer may still append, only full windows are.
 */
export async function ingestRaw(options: {
  log: EventLog;
  lake: ObjectStore;
  signal: AbortSignal;
  isProducerDone: () => boolean;
  onProgress?: (progress: IngestProgress) => void;
  /** Tests use small windows to exercise many boundaries; runs keep the default. */
  windowSize?: number;
  /** Called after a window's files are durable and before its offsets are committed (crash-test hook). */
  onWindowWritten?: () => void;
  /** First day of the run's data (config.startDate): the partition of the dimensions' initial snapshot. */
  startDate?: string;
  /**
   * What the producer wrote, per `topic/partition`: ingest is done only when it has landed up to these
   * offsets. A broker that was just restarted after a crash may report a stale high watermark for a moment;
   * trusting it would end the ingest early.
   */
  expectedEndOffsets?: ReadonlyMap<string, number>;
  /** See defaultStallTimeoutMs; tests shorten it. */
  stallTimeoutMs?: number;
}): Promise<IngestResult> {
  const { log, lake } = options;
  const offsetsPerWindow = options.windowSize ?? windowSize;
  const entityByTopic = new Map(entities.map((entity) => [topicByEntity[entity], entity] as const));
  const timeFields = new Map(
    entities.map((entity) => [entity, new JsonFieldSpans([eventTimeNamesOf(entity)])] as const),
  );
  const consumer = await log.consumer({
    groupId: ingestGroupId,
    topics: [...entityByTopic.keys()],
    fromBeginning: true,
  });
  const buffers = new Map<string, PartitionBuffer>();
  const result: IngestResult = {
    perEntity: Object.fromEntries(
      entities.map((entity) => [entity, { raw: 0, deadLettered: 0, files: 0 }]),
    ) as IngestResult['perEntity'],
    reasons: {},
    examples: {},
    lagSamples: [],
    finalLag: [],
  };
  let landedTotal = 0;

  // Windows are written concurrently (each file's fsync waits on the disk, not the CPU) while consuming goes
  // on, but their offsets are committed strictly in the order they were landed, each only after its own files
  // are durable: a crash can never leave a committed offset ahead of a file that is not on disk.
  let commitChain: Promise<void> = Promise.resolve();
  const inFlight: Array<Promise<void>> = [];
  // Landed windows' buffers come back here once written: reused, they are already grown and paged in.
  const spare: WindowBuffer[] = [];
  // The largest window each entity has needed so far, plus a tenth: a new buffer starts that big instead of growing
  // to it by doubling (an events window of 50k records is about 22 MB, and every doubling copies what it holds).
  const neededBytes = new Map<Entity, number>();
  const takeBuffer = (entity: Entity) => {
    if (spare.length === 0) return new WindowBuffer(neededBytes.get(entity));
    // The largest spare: an events window needs tens of MiB, and growing a small one again means copying.
    let largest = 0;
    for (let index = 1; index < spare.length; index++)
      if (spare[index]!.capacity > spare[largest]!.capacity) largest = index;
    return spare.splice(largest, 1)[0]!;
  };
  const land = async (buffer: PartitionBuffer) => {
    if (buffer.records.count === 0) return;
    const records = buffer.records;
    neededBytes.set(
      buffer.entity,
      Math.max(neededBytes.get(buffer.entity) ?? 0, Math.ceil(records.byteLength * 1.1)),
    );
    buffer.records = takeBuffer(buffer.entity);
    const lastOffset = records.lastOffset!;
    const written = landWindow({
      lake,
      log,
      entity: buffer.entity,
      topic: buffer.topic,
      partition: buffer.partition,
      records,
      timeField: timeFields.get(buffer.entity)!,
      snapshotDate: buffer.entity === 'users' || buffer.entity === 'products' ? options.startDate : undefined,
    });
    written.catch(() => undefined); // its failure surfaces through the commit chain below, not as unhandled
    const committed = commitChain.then(async () => {
      const landed = await written;
      const counts = result.perEntity[buffer.entity];
      counts.raw += landed.raw;
      counts.deadLettered += landed.deadLettered;
      counts.files += landed.files.length;
      for (const [code, count] of Object.entries(landed.reasons))
        result.reasons[code] = (result.reasons[code] ?? 0) + count;
      for (const [code, example] of Object.entries(landed.examples)) {
        const known = result.examples[code];
        if (known === undefined || example < known) result.examples[code] = example;
      }
      options.onWindowWritten?.();
      await consumer.commit([{ topic: buffer.topic, partition: buffer.partition, offset: lastOffset + 1 }]);
      landedTotal += records.count;
      records.clear();
      spare.push(records);
      await sampleLag();
    });
    commitChain = committed;
    inFlight.push(committed);
    if (inFlight.length >= maxWindowsInFlight) await inFlight.shift();
  };
  /** Everything landed so far is durable and committed (or the first failure is thrown). */
  const settle = async () => {
    inFlight.length = 0;
    await commitChain;
  };

  const sampleLag = async () => {
    const lag = (
      await Promise.all(
        [...entityByTopic.keys()].map(async (topic) =>
          (await log.lag(ingestGroupId, topic)).map((partition) => ({ topic, ...partition })),
        ),
      )
    ).flat();
    const totalLag = lag.reduce((sum, partition) => sum + partition.lag, 0);
    if (result.lagSamples.length < 500) result.lagSamples.push({ landed: landedTotal, totalLag });
    options.onProgress?.({ landed: landedTotal, lag });
  };

  // After a check found the group not caught up yet, polls wait for records instead of spinning on the log's offsets.
  let waitingForRecords = false;
  const stallTimeoutMs = options.stallTimeoutMs ?? defaultStallTimeoutMs;
  /** When the group was first found behind with the producer done and no records arriving (reset by any record). */
  let stalledSince: number | undefined;
  try {
    for (;;) {
      if (options.signal.aborted) throw new PipelineError('CANCELLED', 'Ingest was cancelled.');
      const batch = await consumer.poll({
        maxRecords: 20_000,
        maxWaitMs: options.isProducerDone() && !waitingForRecords ? 0 : 200,
      });
      for (const record of batch) {
        const key = `${record.topic}/${record.partition}`;
        const window = Math.floor(record.offset / offsetsPerWindow);
        let buffer = buffers.get(key);
        if (!buffer) {
          const entity = entityByTopic.get(record.topic)!;
          buffer = {
            entity,
            topic: record.topic,
            partition: record.partition,
            window,
            records: takeBuffer(entity),
          };
          buffers.set(key, buffer);
        }
        const last = buffer.records.lastOffset;
        if (last !== undefined && record.offset <= last) {
          // Delivered again (after a rebalance or a broker restart the group resumes from its committed offset):
          // drop the uncommitted copies so the window holds each offset once, in order.
          buffer.records.truncateFrom(record.offset);
        }
        if (window !== buffer.window) {
          if (window > buffer.window) await land(buffer);
          else buffer.records.clear();
          buffer.window = window;
        }
        // The value's bytes are copied into the window's NDJSON buffer: the record itself is garbage at once.
        buffer.records.push(record.offset, record.value);
      }
      if (batch.length === 0 && options.isProducerDone()) {
        // The producer has finished: a partial last window is final once it reaches the partition's end. An
        // empty poll alone proves nothing (a broker may simply not have answered yet), and landing a window
        // early would split it into different files than a clean run makes.
        const ends = new Map<string, number>();
        for (const topic of entityByTopic.keys()) {
          for (const { partition, endOffset } of await log.offsets(topic)) {
            const key = `${topic}/${partition}`;
            ends.set(key, Math.max(endOffset, options.expectedEndOffsets?.get(key) ?? 0));
          }
        }
        for (const [key, buffer] of buffers) {
          if (buffer.records.count > 0 && buffer.records.lastOffset! + 1 === ends.get(key))
            await land(buffer);
        }
        await settle();
        const committed = await Promise.all(
          [...entityByTopic.keys()].map(async (topic) =>
            (await log.lag(ingestGroupId, topic)).map((partition) => ({ topic, ...partition })),
          ),
        );
        const caughtUp = committed.flat().every(({ topic, partition, lag, committedOffset }) => {
          const expected = options.expectedEndOffsets?.get(`${topic}/${partition}`);
          return lag === 0 && (expected === undefined || expected === 0 || committedOffset >= expected);
        });
        if (caughtUp) break;
        stalledSince ??= performance.now();
        if (performance.now() - stalledSince > stallTimeoutMs) {
          const behind = committed.flat().flatMap(({ topic, partition, lag, committedOffset }) => {
            const expected = options.expectedEndOffsets?.get(`${topic}/${partition}`) ?? 0;
            if (lag > 0) return [`${topic}/${partition} (${lag} behind)`];
            // No lag but short of what was produced: the log no longer holds those records (deleted by retention,
            // or the topic was re-created), so no retry can land them.
            if (expected > 0 && committedOffset < expected)
              return [
                `${topic}/${partition} (landed up to ${Math.max(0, committedOffset)} of ${expected} produced, and the log no longer holds the rest)`,
              ];
            return [];
          });
          throw new PipelineError(
            'SERVICE_UNAVAILABLE',
            `Ingest stalled: the producer has finished but no record arrived for ${Math.round(stallTimeoutMs / 1000)} s while ` +
              `${behind.length > 0 ? behind.join(', ') : 'some partitions'} still had records to land. ` +
              'The stage is retried with a fresh consumer, which resumes from the committed offsets (nothing landed is lost or landed twice).',
            { retriable: true, details: { behind } },
          );
        }
        waitingForRecords = true;
      } else if (batch.length > 0) {
        waitingForRecords = false;
        stalledSince = undefined;
      }
    }
    await settle();
  } finally {
    // After a failure, wait for the writes still in flight (their errors are already reported) before leaving.
    await commitChain.catch(() => undefined);
    await consumer.close();
  }
  result.finalLag = await ingestLag(log);
  return result;
}
