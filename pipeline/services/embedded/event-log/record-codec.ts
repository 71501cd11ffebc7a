import { crc32 } from 'node:zlib';

/**
 * On-disk record format of the embedded log (little-endian), one after another in a segment file:
 *
 *   u32 bodyLength · u32 crc32(body) · body
 *   body = f64 offset · f64 timestamp · i32 keyLength (-1 = null) · key · i32 valueLength · value
 *          · i32 headersLength (0 = none) · headers as JSON
 *
 * The CRC lets a reader tell a torn or corrupted record from a good one, as Kafka's record batches do.
 */
export const recordHeaderBytes = 8;
const fixedBodyBytes = 8 + 8 + 4 + 4 + 4;

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

export interface RecordToEncode {
  key: Buffer | null;
  value: Buffer;
  timestamp: number;
  headers: Buffer | null;
}

export function encodedSize(record: RecordToEncode): number {
  return recordHeaderBytes + fixedBodyBytes + (record.key?.length ?? 0) + record.value.length + (record.headers?.length ?? 0);
}

/** Writes one record at `position` of `target`; returns the position after it. */
export function encodeRecord(target: Buffer, position: number, offset: number, record: RecordToEncode): number {
  const bodyStart = position + recordHeaderBytes;
  let cursor = bodyStart;
  cursor = target.writeDoubleLE(offset, cursor);
  cursor = target.writeDoubleLE(record.timestamp, cursor);
  if (record.key === null) {
    cursor = target.writeInt32LE(-1, cursor);
  } else {
    cursor = target.writeInt32LE(record.key.length, cursor);
    cursor += record.key.copy(target, cursor);
  }
  cursor = target.writeInt32LE(record.value.length, cursor);
  cursor += record.value.copy(target, cursor);
  const headerLength = record.headers?.length ?? 0;
  cursor = target.writeInt32LE(headerLength, cursor);
  if (record.headers) cursor += record.headers.copy(target, cursor);
  target.writeUInt32LE(cursor - bodyStart, position);
  target.writeUInt32LE(crc32(target.subarray(bodyStart, cursor)), position + 4);
  return cursor;
}

export type DecodeProblem =
  /** Not enough bytes in the buffer for the whole record: read more. */
  | { kind: 'incomplete'; needed: number }
  | { kind: 'corrupt'; reason: string };

/** A record, or why there is none at this position. A good record comes back bare: no wrapper object per record. */
export type DecodeResult = StoredRecord | DecodeProblem;

export function isDecodeProblem(result: DecodeResult): result is DecodeProblem {
  return 'kind' in result;
}

/** Where the record that starts at `position` ends (valid once decodeRecord returned a record there). */
export function recordEnd(source: Buffer, position: number): number {
  return position + recordHeaderBytes + source.readUInt32LE(position);
}

/** Decodes the record at `position`; values are views into `source` (no copy). */
export function decodeRecord(source: Buffer, position: number, end: number, origin: RecordOrigin): DecodeResult {
  if (end - position < recordHeaderBytes) return { kind: 'incomplete', needed: recordHeaderBytes };
  const bodyLength = source.readUInt32LE(position);
  if (bodyLength < fixedBodyBytes || bodyLength > 256 * 1024 * 1024) {
    return { kind: 'corrupt', reason: `impossible record length ${bodyLength}` };
  }
  const total = recordHeaderBytes + bodyLength;
  if (end - position < total) return { kind: 'incomplete', needed: total };
  const bodyStart = position + recordHeaderBytes;
  const bodyEnd = bodyStart + bodyLength;
  if (crc32(source.subarray(bodyStart, bodyEnd)) !== source.readUInt32LE(position + 4)) return { kind: 'corrupt', reason: 'checksum mismatch' };
  // Fields are read at absolute positions: one view per record (the value), no intermediate body view.
  let cursor = bodyStart;
  const offset = source.readDoubleLE(cursor);
  const timestamp = source.readDoubleLE(cursor + 8);
  const keyLength = source.readInt32LE(cursor + 16);
  cursor += 20;
  let key: string | null = null;
  if (keyLength >= 0) {
    key = source.toString('utf8', cursor, cursor + keyLength);
    cursor += keyLength;
  }
  const valueLength = source.readInt32LE(cursor);
  cursor += 4;
  const value = source.subarray(cursor, (cursor += valueLength));
  const headersLength = source.readInt32LE(cursor);
  cursor += 4;
  const headers = headersLength > 0 ? (JSON.parse(source.toString('utf8', cursor, cursor + headersLength)) as Record<string, string>) : {};
  if (cursor + headersLength !== bodyEnd) return { kind: 'corrupt', reason: 'field lengths do not add up' };
  return { topic: origin.topic, partition: origin.partition, offset, timestamp, key, value, headers };
}
