import { JsonFieldReader, looksLikeJsonObject } from '../../core/json-field';
import { deadLetterTopic, type Entity } from '../../contracts/records';
import type { EventLog, ObjectStore } from '../../contracts/services';
import type { RejectReason } from '../../contracts/faults';

export interface BufferedRecord {
  offset: number;
  value: Buffer;
}

export interface LandedWindow {
  raw: number;
  deadLettered: number;
  files: string[];
  reasons: Partial<Record<RejectReason, number>>;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Lands one offset window of one partition: records grouped by event date into
 * `raw/<entity>/event_date=YYYY-MM-DD/part-<partition>-<firstOffset>-<lastOffset>.ndjson`, unchanged, and
 * records that cannot be placed (not a JSON object, no readable event time) into
 * `quarantine/<entity>/ingest/part-…ndjson` and the dead-letter topic. File names depend only on the offsets
 * in the window, so landing the same window again after a crash rewrites byte-identical files.
 */
export async function landWindow(options: {
  lake: ObjectStore;
  log: EventLog;
  entity: Entity;
  topic: string;
  partition: number;
  records: BufferedRecord[];
  timeReader: JsonFieldReader;
  /**
   * For dimension entities (users, products): changes from before the run's window are the initial snapshot
   * and land in the partition of the window's first day, instead of one tiny file per historical date
   * (years of signup dates would otherwise make thousands of files: the small-files problem).
   */
  snapshotDate?: string;
}): Promise<LandedWindow> {
  const { entity, partition, records } = options;
  const byDate = new Map<string, BufferedRecord[]>();
  const rejected: Array<{ record: BufferedRecord; code: RejectReason; reason: string }> = [];
  for (const record of records) {
    if (!looksLikeJsonObject(record.value)) {
      rejected.push({ record, code: 'MALFORMED', reason: 'not a JSON object (truncated or garbled line)' });
      continue;
    }
    const time = options.timeReader.read(record.value);
    let date = time?.slice(0, 10);
    if (!date || !datePattern.test(date)) {
      rejected.push({ record, code: 'MISSING_FIELD', reason: 'no readable event time, so the record cannot be date-partitioned' });
      continue;
    }
    if (options.snapshotDate && date < options.snapshotDate) date = options.snapshotDate;
    let group = byDate.get(date);
    if (!group) byDate.set(date, (group = []));
    group.push(record);
  }

  const landed: LandedWindow = { raw: 0, deadLettered: rejected.length, files: [], reasons: {} };
  const objects: Array<{ key: string; body: Buffer | string }> = [];
  for (const [date, group] of [...byDate].sort(([a], [b]) => a.localeCompare(b))) {
    const key = `raw/${entity}/event_date=${date}/part-${partition}-${group[0]!.offset}-${group.at(-1)!.offset}.ndjson`;
    objects.push({ key, body: joinLines(group) });
    landed.files.push(key);
    landed.raw += group.length;
  }
  if (rejected.length > 0) {
    const first = rejected[0]!.record.offset;
    const last = rejected.at(-1)!.record.offset;
    const lines = rejected.map(({ record, code, reason }) =>
      JSON.stringify({
        reason_code: code,
        reason,
        raw: record.value.toString('utf8'),
        source: { topic: options.topic, partition, offset: record.offset },
      }),
    );
    const key = `quarantine/${entity}/ingest/part-${partition}-${first}-${last}.ndjson`;
    objects.push({ key, body: `${lines.join('\n')}\n` });
    landed.files.push(key);
  }
  // Every file of the window is durable before the function returns (and so before the offsets are committed).
  if (options.lake.putMany) await options.lake.putMany(objects);
  else for (const object of objects) await options.lake.put(object.key, object.body);
  if (rejected.length > 0) {
    // The lake file is the record of truth; the dead-letter topic feeds alerting and replays. Its key names the
    // source offset, so a consumer can drop the copy a crash-and-retry may produce.
    await options.log.produce(
      deadLetterTopic,
      rejected.map(({ record, code, reason }) => ({
        key: `${options.topic}-${partition}-${record.offset}`,
        value: record.value,
        headers: { reason_code: code, reason, source_topic: options.topic, source_partition: String(partition), source_offset: String(record.offset) },
      })),
    );
    for (const { code } of rejected) landed.reasons[code] = (landed.reasons[code] ?? 0) + 1;
  }
  return landed;
}

/** The records as NDJSON, unchanged: one copy into one buffer (no per-record arrays for Buffer.concat). */
function joinLines(records: BufferedRecord[]): Buffer {
  let total = 0;
  for (const record of records) total += record.value.length + 1;
  const body = Buffer.allocUnsafe(total);
  let position = 0;
  for (const record of records) {
    body.set(record.value, position); // TypedArray.set: Buffer.copy's argument handling costs more than a short line
    position += record.value.length;
    body[position++] = 10; // '\n'
  }
  return body;
}
