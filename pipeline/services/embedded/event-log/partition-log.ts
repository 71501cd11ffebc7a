import { mkdirSync, readdirSync } from 'node:fs';
import { PipelineError } from '../../../contracts/errors';
import type { RecordOrigin, StoredRecord } from './record-codec';
import { Segment } from './segment';

export interface PartitionLogOptions extends RecordOrigin {
  /** Roll to a new segment when the active one reaches this size (Kafka's segment.bytes, 1 GiB there). */
  segmentBytes: number;
  /** A reader beside the writer (another thread): segments are opened read-only and never recovered by truncation. */
  readOnly?: boolean;
}

/**
 * The append-only log of one partition: a list of segments, the last one active. Offsets are dense and
 * start at 0; retention deletes whole old segments, which moves the log-start offset forward.
 */
export class PartitionLog {
  private segments: Segment[] = [];

  constructor(
    readonly dir: string,
    private readonly options: PartitionLogOptions,
  ) {
    mkdirSync(dir, { recursive: true });
    const bases = readdirSync(dir)
      .filter((name) => /^\d{20}\.log$/.test(name))
      .map((name) => Number(name.slice(0, 20)))
      .sort((a, b) => a - b);
    this.segments = bases.map((base, index) =>
      Segment.open(dir, base, index === bases.length - 1, options, options.readOnly),
    );
    // A damaged closed segment could not be scanned to its end: the next segment's base offset is its end.
    this.segments.forEach((segment, index) => {
      const next = this.segments[index + 1];
      if (next && segment.damagedAt !== undefined) segment.nextOffset = next.baseOffset;
    });
    if (this.segments.length === 0) {
      if (options.readOnly) throw new PipelineError('NOT_FOUND', `Partition ${dir} has no segment to read.`);
      this.segments.push(Segment.create(dir, 0, options));
    }
  }

  get startOffset(): number {
    return this.segments[0]!.baseOffset;
  }

  get endOffset(): number {
    return this.segments.at(-1)!.nextOffset;
  }

  get sizeBytes(): number {
    return this.segments.reduce((sum, segment) => sum + segment.size, 0);
  }

  /** Appends an encoded batch (see EmbeddedEventLog.produce) that starts at endOffset; returns that offset. */
  append(bytes: Buffer, count: number, maxTimestamp: number): number {
    if (this.options.readOnly)
      throw new PipelineError('INVALID_ARGUMENT', `Partition ${this.dir} was opened read-only.`);
    let active = this.segments.at(-1)!;
    if (active.damagedAt !== undefined) {
      // Its end is unknown (a segment in an older format, say): appending would reuse offsets already in it.
      throw new PipelineError(
        'CORRUPT_DATA',
        `Cannot append to ${active.logPath}: it is damaged at byte ${active.damagedAt}. Re-run the produce stage to rebuild the topic.`,
      );
    }
    if (active.size > 0 && active.size + bytes.length > this.options.segmentBytes) {
      active = Segment.create(this.dir, active.nextOffset, this.options);
      this.segments.push(active);
    }
    const first = active.nextOffset;
    active.append(bytes, first, count, maxTimestamp);
    return first;
  }

  /** Closed segments found damaged when the partition was opened (for diagnostics: `doctor`, the console). */
  damagedSegments(): Array<{ file: string; position: number }> {
    return this.segments.flatMap((segment) =>
      segment.damagedAt === undefined ? [] : [{ file: segment.logPath, position: segment.damagedAt }],
    );
  }

  /** Records from fromOffset on (at most maxRecords, about maxBytes), appended to `records`, which is returned. */
  read(
    fromOffset: number,
    maxRecords: number,
    maxBytes: number,
    records: StoredRecord[] = [],
  ): StoredRecord[] {
    const wanted = records.length + maxRecords;
    let from = Math.max(fromOffset, this.startOffset);
    let index = this.segmentIndexFor(from);
    while (index < this.segments.length && records.length < wanted) {
      const segment = this.segments[index]!;
      const before = records.length;
      segment.read(from, wanted - records.length, maxBytes, records);
      if (records.length > before) return records;
      index++;
      from = Math.max(from, this.segments[index]?.baseOffset ?? from);
    }
    return records;
  }

  offsetForTimestamp(timestampMs: number): number {
    for (const segment of this.segments) {
      const offset = segment.offsetForTimestamp(timestampMs);
      if (offset !== undefined) return offset;
    }
    return this.endOffset;
  }

  /** Deletes whole closed segments that are too old or push the partition over its size limit. */
  applyRetention(nowMs: number, retentionMs: number | undefined, retentionBytes: number | undefined): number {
    let removed = 0;
    while (this.segments.length > 1) {
      const oldest = this.segments[0]!;
      const tooOld = retentionMs !== undefined && oldest.maxTimestamp < nowMs - retentionMs;
      const tooBig =
        retentionBytes !== undefined &&
        this.sizeBytes - oldest.size >= retentionBytes &&
        this.sizeBytes > retentionBytes;
      if (!tooOld && !tooBig) break;
      oldest.remove();
      this.segments.shift();
      removed++;
    }
    return removed;
  }

  private segmentIndexFor(offset: number): number {
    for (let index = this.segments.length - 1; index >= 0; index--) {
      if (this.segments[index]!.baseOffset <= offset) return index;
    }
    return 0;
  }

  close(): void {
    for (const segment of this.segments) segment.close();
  }
}
