import { type JsonFieldSpans, looksLikeJsonObject } from '../../core/json-field';
import { deadLetterTopic, type Entity } from '../../contracts/records';
import type { EventLog, ObjectStore } from '../../contracts/services';
import type { RejectReason } from '../../contracts/faults';
import { classifyUnplaceable } from './unplaceable';
import type { WindowBuffer } from './window-buffer';

export interface LandedWindow {
  raw: number;
  deadLettered: number;
  files: string[];
  reasons: Partial<Record<RejectReason, number>>;
  /** Per reason, the smallest "<entity>: <message>" of this window: an example that does not depend on timing. */
  examples: Partial<Record<RejectReason, string>>;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Lands one offset window of one partition: records grouped by event date into
 * `raw/<entity>/event_date=YYYY-MM-DD/part-<partition>-<firstOffset>-<lastOffset>.ndjson`, unchanged, and
 * records that cannot be placed (not a JSON object, no readable event time; reason from classifyUnplaceable) into
 * `quarantine/<entity>/ingest/part-…ndjson` and the dead-letter topic. File names depend only on the offsets
 * in the window, so landing the same window again after a crash rewrites byte-identical files.
 */
export async function landWindow(options: {
  lake: ObjectStore;
  log: EventLog;
  entity: Entity;
  topic: string;
  partition: number;
  records: WindowBuffer;
  /** Finds the record's event time (field 0: the entity's event-time field and its old names). */
  timeField: JsonFieldSpans;
  /**
   * For dimension entities (users, products): changes from before the run's window are the initial snapshot
   * and land in the partition of the window's first day, instead of one tiny file per historical date
   * (years of signup dates would otherwise make thousands of files: the small-files problem).
   */
  snapshotDate?: string;
}): Promise<LandedWindow> {
  const { entity, partition, records } = options;
  // Records in offset order fall into runs of one date (a partition's events arrive roughly in time order):
  // a date whose records form one run lands as one slice of the window's bytes, without a copy.
  const runsByDate = new Map<string, Array<[from: number, to: number]>>();
  const rejected: Array<{ index: number; code: RejectReason; reason: string; field: string | null }> = [];
  const reject = (index: number) =>
    rejected.push({ index, ...classifyUnplaceable(records.line(index), options.timeField.fields[0]!) });
  let runDate: string | undefined;
  let runStart = 0;
  const closeRun = (end: number) => {
    if (runDate === undefined || end === runStart) return;
    let runs = runsByDate.get(runDate);
    if (!runs) runsByDate.set(runDate, (runs = []));
    runs.push([runStart, end]);
  };
  // The last date read, as the 10 bytes it was read from: most records repeat the one before them, and are then
  // placed with a byte comparison instead of a new string and a pattern test.
  const time = options.timeField;
  const lastBytes = Buffer.alloc(10);
  let lastDate: string | undefined;
  for (let index = 0; index < records.count; index++) {
    const line = records.line(index);
    let date: string | undefined;
    if (!looksLikeJsonObject(line)) {
      reject(index);
    } else {
      time.scan(line);
      const start = time.starts[0]!;
      if (
        start !== -1 &&
        time.ends[0]! - start >= 10 &&
        lastDate !== undefined &&
        sameBytes(line, start, lastBytes)
      ) {
        date = lastDate;
      } else {
        date = start === -1 ? undefined : line.toString('latin1', start, Math.min(start + 10, time.ends[0]!));
        if (!date || !datePattern.test(date)) {
          reject(index);
          date = undefined;
        } else {
          line.copy(lastBytes, 0, start, start + 10);
          if (options.snapshotDate && date < options.snapshotDate) date = options.snapshotDate;
          lastDate = date;
        }
      }
    }
    if (date !== runDate) {
      closeRun(index);
      runDate = date;
      runStart = index;
    }
  }
  closeRun(records.count);

  const landed: LandedWindow = {
    raw: 0,
    deadLettered: rejected.length,
    files: [],
    reasons: {},
    examples: {},
  };
  const objects: Array<{ key: string; body: Buffer | string }> = [];
  for (const [date, runs] of [...runsByDate].sort(([a], [b]) => a.localeCompare(b))) {
    const first = records.offsetAt(runs[0]![0]);
    const last = records.offsetAt(runs.at(-1)![1] - 1);
    const key = `raw/${entity}/event_date=${date}/part-${partition}-${first}-${last}.ndjson`;
    const body =
      runs.length === 1
        ? records.lines(runs[0]![0], runs[0]![1])
        : Buffer.concat(runs.map(([from, to]) => records.lines(from, to)));
    objects.push({ key, body });
    landed.files.push(key);
    for (const [from, to] of runs) landed.raw += to - from;
  }
  if (rejected.length > 0) {
    const first = records.offsetAt(rejected[0]!.index);
    const last = records.offsetAt(rejected.at(-1)!.index);
    const lines = rejected.map(({ index, code, reason, field }) =>
      JSON.stringify({
        reason_code: code,
        reason,
        field,
        raw: records.line(index).toString('utf8'),
        source: { topic: options.topic, partition, offset: records.offsetAt(index) },
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
      rejected.map(({ index, code, reason }) => {
        const offset = records.offsetAt(index);
        return {
          key: `${options.topic}-${partition}-${offset}`,
          // A copy: the window's buffer is reused for a later window once this one is landed.
          value: Buffer.from(records.line(index)),
          headers: {
            reason_code: code,
            reason,
            source_topic: options.topic,
            source_partition: String(partition),
            source_offset: String(offset),
          },
        };
      }),
    );
    for (const { code, reason } of rejected) {
      landed.reasons[code] = (landed.reasons[code] ?? 0) + 1;
      const example = `${entity}: ${reason}`;
      if (!landed.examples[code] || example < landed.examples[code]) landed.examples[code] = example;
    }
  }
  return landed;
}

/** Whether line[start, start + 10) holds the bytes of `date`. */
function sameBytes(line: Buffer, start: number, date: Buffer): boolean {
  for (let index = 0; index < 10; index++) if (line[start + index] !== date[index]) return false;
  return true;
}
