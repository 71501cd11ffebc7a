import { parseIsoUtcBytes } from '../../core/iso-time';
import { JsonFieldSpans, KnownWords } from '../../core/json-field';
import { PipelineError } from '../../contracts/errors';
import { eventTypes } from '../../contracts/records';
import type { EventLog } from '../../contracts/services';
import { eventTimeNamesOf, namesOf } from '../field-aliases';
import type { SpeedStore } from './speed-store';
import { MinuteWindows, type SpeedSnapshot } from './windows';

export const speedGroupId = 'speed-layer';
/** How far an event's time may run ahead of the time it was received before it is not believed. */
const clockSkewMs = 60_000;
/** The topics the speed layer reads. */
export const speedTopics = ['events', 'orders'];

/**
 * The streaming half of the lambda architecture: a second consumer group over `events` and `orders` that
 * keeps per-minute counts by event type, revenue and active sessions. Each snapshot carries the offsets its
 * figures include, and a restart seeks there (not to the group's committed offsets, which may lag behind the
 * snapshot if the process died between saving and committing): figures are never counted twice.
 */
export async function runSpeedLayer(options: {
  log: EventLog;
  store: SpeedStore;
  signal: AbortSignal;
  isProducerDone: () => boolean;
  allowedLatenessMs?: number;
  /** Save and commit after this many records (the snapshot cadence). */
  checkpointEvery?: number;
}): Promise<SpeedSnapshot> {
  const saved = await options.store.load();
  // Every partition of both topics that holds records holds the watermark back until it has been read from (see
  // windows.ts). An empty one is left out: it would hold the watermark at -Infinity for the whole run (Flink's
  // idleness problem); should records arrive there later, its first record adds it.
  const sources: string[] = [];
  for (const topic of speedTopics) {
    for (const { partition, startOffset, endOffset } of await options.log.offsets(topic))
      if (endOffset > startOffset) sources.push(`${topic}/${partition}`);
  }
  const windows = saved
    ? MinuteWindows.restore(saved, sources)
    : new MinuteWindows(options.allowedLatenessMs ?? 5 * 60_000, sources);
  // The four fields of an event it needs, in the order producers write them (one scan of the record's bytes).
  const eventFields = new JsonFieldSpans([
    namesOf('events', 'event_type'),
    eventTimeNamesOf('events'),
    namesOf('events', 'ingested_at'),
    ['session_id'],
  ]);
  const [typeField, timeField, receivedField, sessionField] = [0, 1, 2, 3] as const;
  const typeNames = new KnownWords(eventTypes);
  const consumer = await options.log.consumer({
    groupId: speedGroupId,
    topics: speedTopics,
    fromBeginning: true,
  });
  const checkpointEvery = options.checkpointEvery ?? 100_000;
  const positions = new Map<string, { topic: string; partition: number; offset: number }>();
  const consumed = new Map<string, { topic: string; partition: number; offset: number }>(
    (saved?.offsets ?? []).map((entry) => [`${entry.topic}/${entry.partition}`, entry]),
  );
  for (const entry of consumed.values()) {
    await consumer.seek(entry.topic, entry.partition, entry.offset);
    // Commit what the snapshot already includes: the group may have died before committing it.
    positions.set(`${entry.topic}/${entry.partition}`, entry);
  }
  let sinceCheckpoint = 0;
  const snapshot = (): SpeedSnapshot => ({ ...windows.snapshot(), offsets: [...consumed.values()] });

  const checkpoint = async () => {
    if (positions.size === 0) return;
    await options.store.save(snapshot());
    await consumer.commit([...positions.values()]);
    positions.clear();
    sinceCheckpoint = 0;
  };

  try {
    for (;;) {
      if (options.signal.aborted) throw new PipelineError('CANCELLED', 'The speed layer was cancelled.');
      const batch = await consumer.poll({
        maxRecords: 20_000,
        maxWaitMs: options.isProducerDone() ? 50 : 200,
      });
      let source = '';
      for (let index = 0; index < batch.length; index++) {
        const record = batch[index]!;
        if (
          index === 0 ||
          record.partition !== batch[index - 1]!.partition ||
          record.topic !== batch[index - 1]!.topic
        )
          source = `${record.topic}/${record.partition}`;
        if (record.topic === 'events') {
          const value = record.value;
          eventFields.scan(value);
          const eventMs = eventFields.has(timeField)
            ? parseIsoUtcBytes(value, eventFields.starts[timeField]!, eventFields.ends[timeField]!)
            : Number.NaN;
          // An event cannot have happened after it was received: a time later than its ingested_at (beyond a
          // minute of clock skew) is a producer clock gone wrong. Counted as unusable, it never reaches a window
          // or the watermark (one such record would otherwise push the watermark into the future and make every
          // later record late). An unreadable ingested_at gives NaN, and nothing is later than NaN.
          const plausible =
            !eventFields.has(receivedField) ||
            !(
              eventMs >
              parseIsoUtcBytes(value, eventFields.starts[receivedField]!, eventFields.ends[receivedField]!) +
                clockSkewMs
            );
          const type = eventFields.has(typeField)
            ? typeNames.text(value, eventFields.starts[typeField]!, eventFields.ends[typeField]!)
            : 'unknown';
          if (plausible) windows.addEvent(eventMs, type, eventFields.text(value, sessionField), source);
          else windows.addUnusable('event_after_received', source);
        } else {
          const [time, totalCents] = orderFigures(record.value);
          windows.addOrder(time, totalCents, source);
        }
        // A poll hands out runs of one partition's records: note the position once per run, not per record.
        const following = batch[index + 1];
        if (
          following === undefined ||
          following.partition !== record.partition ||
          following.topic !== record.topic
        ) {
          const next = { topic: record.topic, partition: record.partition, offset: record.offset + 1 };
          positions.set(source, next);
          consumed.set(source, next);
        }
      }
      sinceCheckpoint += batch.length;
      if (sinceCheckpoint >= checkpointEvery) await checkpoint();
      if (batch.length === 0 && options.isProducerDone()) {
        await checkpoint();
        const lag = [
          ...(await options.log.lag(speedGroupId, 'events')),
          ...(await options.log.lag(speedGroupId, 'orders')),
        ];
        if (lag.every((partition) => partition.lag === 0)) {
          // The producer has finished and everything is consumed: no record can still arrive for any window.
          windows.closeAll();
          await options.store.save(snapshot());
          break;
        }
      }
    }
  } finally {
    await consumer.close();
  }
  return snapshot();
}

/** [event time, total in cents] of an order line; NaN marks what cannot be read. */
function orderFigures(value: Buffer): [number, number] {
  try {
    const order = JSON.parse(value.toString('utf8')) as Record<string, unknown>;
    const time =
      typeof order.order_ts === 'string'
        ? order.order_ts
        : typeof order.created_at === 'string'
          ? order.created_at
          : '';
    const total =
      typeof order.total === 'number'
        ? order.total
        : typeof order.amount === 'number'
          ? order.amount
          : Number.NaN;
    return [Date.parse(time), Math.round(total * 100)];
  } catch {
    return [Number.NaN, Number.NaN];
  }
}
