import { crc32 } from 'node:zlib';

/**
 * On-disk format of the embedded log (little-endian): a segment is a sequence of record batches, one per
 * partition per produce call, as Kafka's RecordBatch (v2) is. One checksum and one header per batch, not per
 * record: that is what lets the log move a million records a second (a crc32 call per 200-byte record cost
 * more than the bytes themselves).
 *
 *   batch  = u32 bodyLength · u32 crc32(body) · body
 *   body   = u8 magic (2) · f64 baseOffset · u32 count · f64 maxTimestamp · record × count
 *   record = f64 timestamp · i32 keyLength (-1 = null) · key · i32 valueLength · value
 *            · i32 headersLength (0 = none) · headers as JSON
 *
 * The CRC lets a reader tell a torn or corrupted batch from a good one; the magic byte tells this format
 * from the per-record format of earlier versions (whose body began with an f64 offset).
 */
export const batchMagic = 2;
export const batchFrameBytes = 8;
const batchHeaderBytes = 1 + 8 + 4 + 8;
const recordFixedBytes = 8 + 4 + 4 + 4;
/** A batch larger than this is damage, not data (a produce call of 10,000 records is a few MiB). */
const maxBatchBytes = 256 * 1024 * 1024;

/** Which topic and partition a segment belongs to: decoded records carry it, so a consumer hands them out as they are. */
export interface RecordOrigin {
  topic: string;
  partition: number;
}

/** Field for field a ConsumedRecord: decoding builds the consumer's record directly (one object per record). */
export interface StoredRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

/** Shared by every record without headers: one object per record fewer for the collector. Never mutate it. */
const noHeaders: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** A record ready to be written: lengths measured once, by the producer, so the batch is sized exactly. */
export interface RecordToEncode {
  key: string | null;
  keyBytes: number;
  value: Buffer | string;
  valueBytes: number;
  timestamp: number;
  headers: Buffer | null;
}

export function encodedRecordSize(record: RecordToEncode): number {
  return recordFixedBytes + record.keyBytes + record.valueBytes + (record.headers?.length ?? 0);
}

/**
 * Encodes one batch: `records` get offsets baseOffset, baseOffset + 1, …; `recordBytes` is the sum of their
 * encodedRecordSize. Returns the bytes and the batch's largest timestamp (the segment keeps it for retention).
 */
export function encodeBatch(
  records: readonly RecordToEncode[],
  baseOffset: number,
  recordBytes: number,
): { bytes: Buffer; maxTimestamp: number } {
  const target = Buffer.allocUnsafe(batchFrameBytes + batchHeaderBytes + recordBytes);
  let maxTimestamp = -Infinity;
  let cursor = batchFrameBytes + batchHeaderBytes;
  for (const record of records) {
    if (record.timestamp > maxTimestamp) maxTimestamp = record.timestamp;
    cursor = target.writeDoubleLE(record.timestamp, cursor);
    if (record.key === null) {
      cursor = target.writeInt32LE(-1, cursor);
    } else {
      cursor = target.writeInt32LE(record.keyBytes, cursor);
      cursor += target.write(record.key, cursor, record.keyBytes, 'utf8');
    }
    cursor = target.writeInt32LE(record.valueBytes, cursor);
    // TypedArray.set, not Buffer.copy: for values of a few hundred bytes copy's argument handling costs more than the bytes.
    if (typeof record.value === 'string') target.write(record.value, cursor, record.valueBytes, 'utf8');
    else target.set(record.value, cursor);
    cursor += record.valueBytes;
    const headerLength = record.headers?.length ?? 0;
    cursor = target.writeInt32LE(headerLength, cursor);
    if (record.headers) cursor += record.headers.copy(target, cursor);
  }
  let header = batchFrameBytes;
  header = target.writeUInt8(batchMagic, header);
  header = target.writeDoubleLE(baseOffset, header);
  header = target.writeUInt32LE(records.length, header);
  target.writeDoubleLE(records.length === 0 ? 0 : maxTimestamp, header);
  target.writeUInt32LE(cursor - batchFrameBytes, 0);
  target.writeUInt32LE(crc32(target.subarray(batchFrameBytes, cursor)), 4);
  return { bytes: target, maxTimestamp };
}

export type DecodeProblem =
  /** Not enough bytes in the buffer for the whole batch: read more. */
  | { kind: 'incomplete'; needed: number }
  /** `unsupportedFormat`: a sound frame (its checksum holds) in a format this version does not read. */
  | { kind: 'corrupt'; reason: string; unsupportedFormat?: true };

/** A verified batch in a buffer: where it starts and ends, and what its header says. */
export interface BatchHeader {
  start: number;
  end: number;
  baseOffset: number;
  count: number;
  maxTimestamp: number;
}

export type BatchResult = BatchHeader | DecodeProblem;

export function isDecodeProblem(result: BatchResult): result is DecodeProblem {
  return 'kind' in result;
}

/** Reads and verifies (length, magic, checksum) the batch at `position`; its records are not decoded yet. */
export function readBatch(source: Buffer, position: number, end: number): BatchResult {
  if (end - position < batchFrameBytes) return { kind: 'incomplete', needed: batchFrameBytes };
  const bodyLength = source.readUInt32LE(position);
  if (bodyLength < batchHeaderBytes || bodyLength > maxBatchBytes)
    return { kind: 'corrupt', reason: `impossible batch length ${bodyLength}` };
  const total = batchFrameBytes + bodyLength;
  if (end - position < total) return { kind: 'incomplete', needed: total };
  const bodyStart = position + batchFrameBytes;
  if (crc32(source.subarray(bodyStart, bodyStart + bodyLength)) !== source.readUInt32LE(position + 4))
    return { kind: 'corrupt', reason: 'checksum mismatch' };
  const magic = source[bodyStart];
  if (magic !== batchMagic) {
    return {
      kind: 'corrupt',
      reason: `unknown batch format ${magic}, expected ${batchMagic} (written by an older version of Pipeline Lab? re-run the produce stage)`,
      unsupportedFormat: true,
    };
  }
  return {
    start: position,
    end: position + total,
    baseOffset: source.readDoubleLE(bodyStart + 1),
    count: source.readUInt32LE(bodyStart + 9),
    maxTimestamp: source.readDoubleLE(bodyStart + 13),
  };
}

/**
 * Appends the batch's records with offset ≥ fromOffset to `into`, at most `maxRecords` of them; returns how
 * many. Values are views into `source` (no copy). Lengths that do not add up to the batch are corruption.
 */
export function decodeBatch(
  source: Buffer,
  batch: BatchHeader,
  origin: RecordOrigin,
  fromOffset: number,
  maxRecords: number,
  into: StoredRecord[],
): number {
  const { topic, partition } = origin;
  let cursor = batch.start + batchFrameBytes + batchHeaderBytes;
  let index = 0;
  // Records before fromOffset (a read that starts mid-batch): step over them by their lengths alone.
  for (const skip = Math.min(batch.count, fromOffset - batch.baseOffset); index < skip; index++) {
    const keyLength = source.readInt32LE(cursor + 8);
    cursor += 12 + Math.max(0, keyLength);
    cursor += 4 + source.readInt32LE(cursor);
    cursor += 4 + source.readInt32LE(cursor);
    if (cursor > batch.end) throw new RangeError('field lengths do not add up');
  }
  const first = index;
  const last = Math.min(batch.count, first + maxRecords);
  for (; index < last; index++) {
    if (cursor + recordFixedBytes > batch.end) throw new RangeError('field lengths do not add up');
    const timestamp = source.readDoubleLE(cursor);
    const keyLength = source.readInt32LE(cursor + 8);
    cursor += 12;
    let key: string | null = null;
    if (keyLength >= 0) {
      key = source.toString('utf8', cursor, cursor + keyLength);
      cursor += keyLength;
    }
    const valueLength = source.readInt32LE(cursor);
    const valueStart = cursor + 4;
    cursor = valueStart + valueLength;
    const headersLength = source.readInt32LE(cursor);
    cursor += 4;
    if (keyLength < -1 || valueLength < 0 || headersLength < 0 || cursor + headersLength > batch.end)
      throw new RangeError('field lengths do not add up');
    const headers =
      headersLength > 0
        ? (JSON.parse(source.toString('utf8', cursor, cursor + headersLength)) as Record<string, string>)
        : noHeaders;
    into.push({
      topic,
      partition,
      offset: batch.baseOffset + index,
      timestamp,
      key,
      value: source.subarray(valueStart, cursor - 4),
      headers,
    });
    cursor += headersLength;
  }
  if (index === batch.count && cursor !== batch.end) throw new RangeError('field lengths do not add up');
  return last - first;
}
