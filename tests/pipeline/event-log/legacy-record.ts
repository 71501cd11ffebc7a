import { crc32 } from 'node:zlib';

/**
 * One record in the per-record on-disk format of earlier versions (before record batches): u32 length ·
 * u32 crc32(body) · body, the body starting with an f64 offset (0 here), then timestamp, key (null), value
 * ('hello') and no headers. Appended to a segment, it is what a topic written by an older version looks like.
 */
export function legacyRecordFrame(): Buffer {
  const body = Buffer.alloc(8 + 8 + 4 + 4 + 5 + 4);
  body.writeDoubleLE(0, 0);
  body.writeDoubleLE(1_700_000_000_000, 8);
  body.writeInt32LE(-1, 16);
  body.writeInt32LE(5, 20);
  body.write('hello', 24);
  body.writeInt32LE(0, 29);
  const frame = Buffer.alloc(8);
  frame.writeUInt32LE(body.length, 0);
  frame.writeUInt32LE(crc32(body), 4);
  return Buffer.concat([frame, body]);
}
