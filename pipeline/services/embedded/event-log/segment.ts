import {
  closeSync,
  existsSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { PipelineError } from '../../../contracts/errors';
import {
  decodeBatch,
  isDecodeProblem,
  readBatch,
  type RecordOrigin,
  type StoredRecord,
} from './record-codec';

/** Write an index entry every this many bytes of log, like Kafka's index.interval.bytes (4096 there). */
const indexIntervalBytes = 64 * 1024;

const pad = (offset: number) => String(offset).padStart(20, '0');

/**
 * One segment of a partition: `<baseOffset>.log` holds record batches (record-codec.ts), `<baseOffset>.index` a
 * sparse map from the relative base offset of a batch to its byte position (pairs of u32). Only the newest
 * segment of a partition is written to.
 */
export class Segment {
  readonly logPath: string;
  readonly indexPath: string;
  private fd: number;
  size: number;
  /** Next offset to be written into this segment. */
  nextOffset: number;
  maxTimestamp = -Infinity;
  /** Byte position of the first undecodable record found when a closed segment was opened (undefined: sound). */
  damagedAt: number | undefined;
  private indexOffsets: number[] = [];
  private indexPositions: number[] = [];
  private bytesSinceIndex = 0;

  private constructor(
    private readonly dir: string,
    readonly baseOffset: number,
    private readonly origin: RecordOrigin,
    /** Opened by a reader beside the writer (another thread): never truncates, never writes. */
    private readonly readOnly = false,
  ) {
    this.logPath = `${dir}/${pad(baseOffset)}.log`;
    this.indexPath = `${dir}/${pad(baseOffset)}.index`;
    this.fd = openSync(this.logPath, readOnly ? 'r' : existsSync(this.logPath) ? 'r+' : 'w+');
    this.size = statSync(this.logPath).size;
    this.nextOffset = baseOffset;
  }

  static create(dir: string, baseOffset: number, origin: RecordOrigin): Segment {
    return new Segment(dir, baseOffset, origin);
  }

  /**
   * Opens an existing segment. The active (last) one is scanned from its last index entry so that a torn
   * write at the end (a process killed mid-append) is cut off, as Kafka's log recovery does.
   */
  static open(
    dir: string,
    baseOffset: number,
    active: boolean,
    origin: RecordOrigin,
    readOnly = false,
  ): Segment {
    const segment = new Segment(dir, baseOffset, origin, readOnly);
    segment.loadIndex();
    segment.recover(active);
    return segment;
  }

  private loadIndex(): void {
    if (!existsSync(this.indexPath)) return;
    const bytes = readFileSync(this.indexPath);
    for (let position = 0; position + 8 <= bytes.length; position += 8) {
      const relative = bytes.readUInt32LE(position);
      const at = bytes.readUInt32LE(position + 4);
      if (at >= this.size) break;
      this.indexOffsets.push(this.baseOffset + relative);
      this.indexPositions.push(at);
    }
  }

  private recover(active: boolean): void {
    let position = this.indexPositions.at(-1) ?? 0;
    let nextOffset = this.indexOffsets.at(-1) ?? this.baseOffset;
    const chunk = Buffer.allocUnsafe(4 * 1024 * 1024);
    let buffered = Buffer.alloc(0);
    let bufferStart = position;
    let unsupportedFormat = false;
    for (;;) {
      const read = readSync(this.fd, chunk, 0, chunk.length, bufferStart + buffered.length);
      if (read === 0) break;
      buffered = Buffer.concat([buffered, chunk.subarray(0, read)]);
      let cursor = position - bufferStart;
      for (;;) {
        const batch = readBatch(buffered, cursor, buffered.length);
        if (isDecodeProblem(batch)) {
          unsupportedFormat = batch.kind === 'corrupt' && batch.unsupportedFormat === true;
          break;
        }
        nextOffset = batch.baseOffset + batch.count;
        if (batch.count > 0) this.maxTimestamp = Math.max(this.maxTimestamp, batch.maxTimestamp);
        cursor = batch.end;
      }
      position = bufferStart + cursor;
      buffered = buffered.subarray(cursor);
      bufferStart = position;
    }
    if (position < this.size) {
      // A sound batch in another format (a topic written by an older version) is not a torn write: cutting it off
      // would silently empty the topic. It is kept, like a damaged closed segment, and fails loudly when read.
      if (!active || unsupportedFormat) {
        // A closed segment is never truncated: its damaged bytes stay where they are and fail loudly when read
        // (CORRUPT_DATA naming this file), while the partition's other segments and offsets stay usable.
        // The partition sets nextOffset from the following segment's base offset.
        this.damagedAt = position;
        this.nextOffset = nextOffset;
        return;
      }
      // A torn tail: the bytes after the last whole batch never completed. Cut them off; a read-only reader
      // only ignores them (they may be a batch the writer is appending right now).
      if (!this.readOnly) ftruncateSync(this.fd, position);
      this.size = position;
    }
    this.nextOffset = nextOffset;
  }

  /** Appends one encoded batch (record-codec.ts) whose records start at `firstOffset`. */
  append(bytes: Buffer, firstOffset: number, count: number, maxTimestamp: number): void {
    writeSync(this.fd, bytes, 0, bytes.length, this.size);
    if (this.indexPositions.length === 0 || this.bytesSinceIndex >= indexIntervalBytes) {
      const entry = Buffer.allocUnsafe(8);
      entry.writeUInt32LE(firstOffset - this.baseOffset, 0);
      entry.writeUInt32LE(this.size, 4);
      const indexFd = openSync(this.indexPath, 'a');
      writeSync(indexFd, entry);
      closeSync(indexFd);
      this.indexOffsets.push(firstOffset);
      this.indexPositions.push(this.size);
      this.bytesSinceIndex = 0;
    }
    this.bytesSinceIndex += bytes.length;
    this.size += bytes.length;
    this.nextOffset = firstOffset + count;
    this.maxTimestamp = Math.max(this.maxTimestamp, maxTimestamp);
  }

  /** Byte position from which to scan for `offset` (the nearest index entry at or before it). */
  private positionFor(offset: number): number {
    let low = 0;
    let high = this.indexOffsets.length - 1;
    let found = 0;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.indexOffsets[middle]! <= offset) {
        found = this.indexPositions[middle]!;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  /**
   * How many bytes to read from `position` for about `wanted`: up to a batch boundary the index knows, so a
   * read ends on a whole batch instead of cutting the last one in half (and reading it again next time).
   */
  private readLength(position: number, wanted: number): number {
    const end = Math.min(this.size, position + wanted);
    if (end === this.size) return end - position;
    // The first index position after `position`, by binary search (positions ascend).
    let low = 0;
    let high = this.indexPositions.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.indexPositions[middle]! <= position) low = middle + 1;
      else high = middle;
    }
    const next = this.indexPositions[low];
    if (next === undefined) return end - position; // past the last index entry: the tail is short
    if (next > end) return next - position; // the batch here is larger than wanted: read it whole
    let boundary = next;
    for (
      let index = low + 1;
      index < this.indexPositions.length && this.indexPositions[index]! <= end;
      index++
    )
      boundary = this.indexPositions[index]!;
    return boundary - position;
  }

  /** Reads records with offset ≥ fromOffset, stopping after maxRecords or about maxBytes. */
  read(fromOffset: number, maxRecords: number, maxBytes: number, into: StoredRecord[]): void {
    // Caught up: nothing at or after fromOffset here. Without this a consumer at the end would re-read (and
    // re-verify) the segment's last batch on every poll.
    if (fromOffset >= this.nextOffset && this.damagedAt === undefined) return;
    let position = this.positionFor(fromOffset);
    let wanted = Math.max(maxBytes, 64 * 1024);
    const collectedBefore = into.length;
    while (position < this.size && maxRecords > 0) {
      const length = this.readLength(position, wanted);
      const chunk = Buffer.allocUnsafe(length);
      readSync(this.fd, chunk, 0, length, position);
      let cursor = 0;
      let decodedAny = false;
      while (maxRecords > 0) {
        const batch = readBatch(chunk, cursor, length);
        if (isDecodeProblem(batch)) {
          // A length that runs past the end of the segment is damage, not a batch still being written.
          const damage =
            batch.kind === 'corrupt'
              ? batch.reason
              : position + cursor < this.size && position + cursor + batch.needed > this.size
                ? `a batch of ${batch.needed} bytes runs past the end of the segment`
                : undefined;
          if (batch.kind === 'incomplete' && damage === undefined) {
            wanted = Math.max(wanted, batch.needed);
            break;
          }
          throw this.corrupt(fromOffset, position + cursor, damage ?? 'unreadable batch');
        }
        decodedAny = true;
        if (batch.baseOffset + batch.count > fromOffset) {
          try {
            maxRecords -= decodeBatch(chunk, batch, this.origin, fromOffset, maxRecords, into);
          } catch (error) {
            throw this.corrupt(
              fromOffset,
              position + cursor,
              error instanceof Error ? error.message : String(error),
            );
          }
        }
        cursor = batch.end;
      }
      position += cursor;
      // One chunk that yielded records is enough for this call; the caller asks again for more.
      if (decodedAny && into.length > collectedBefore) return;
    }
  }

  private corrupt(fromOffset: number, position: number, damage: string): PipelineError {
    return new PipelineError(
      'CORRUPT_DATA',
      `Segment ${this.logPath} is corrupt at byte ${position} (${damage}): offsets from ${fromOffset} in this ` +
        'segment cannot be read. Other partitions and other segments are unaffected; re-run the produce stage to rebuild the topic.',
      { details: { file: this.logPath, position } },
    );
  }

  /** First offset whose timestamp is ≥ the given time, or undefined when none in this segment. */
  offsetForTimestamp(timestampMs: number): number | undefined {
    const records: StoredRecord[] = [];
    let from = this.baseOffset;
    while (from < this.nextOffset) {
      records.length = 0;
      this.read(from, 10_000, 4 * 1024 * 1024, records);
      if (records.length === 0) return undefined;
      const hit = records.find((record) => record.timestamp >= timestampMs);
      if (hit) return hit.offset;
      from = records.at(-1)!.offset + 1;
    }
    return undefined;
  }

  close(): void {
    closeSync(this.fd);
  }

  remove(): void {
    this.close();
    unlinkSync(this.logPath);
    if (existsSync(this.indexPath)) unlinkSync(this.indexPath);
  }
}
