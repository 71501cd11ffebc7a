/**
 * Kafka's murmur2 (org.apache.kafka.common.utils.Utils.murmur2) and its default partitioner for keyed
 * records: toPositive(murmur2(utf8(key))) % partitions. Pure and dependency-free so the browser (the lessons'
 * partition explorer) and both tiers compute the same partition for a key.
 */
const encoder = new TextEncoder();

export function murmur2(data: Uint8Array): number {
  const length = data.length;
  const m = 0x5bd1e995;
  const r = 24;
  let h = 0x9747b28c ^ length;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = (data[i4]! & 0xff) | ((data[i4 + 1]! & 0xff) << 8) | ((data[i4 + 2]! & 0xff) << 16) | ((data[i4 + 3]! & 0xff) << 24);
    k = Math.imul(k, m);
    k ^= k >>> r;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const tail = length4 * 4;
  const remainder = length & 3;
  if (remainder === 3) h ^= (data[tail + 2]! & 0xff) << 16;
  if (remainder >= 2) h ^= (data[tail + 1]! & 0xff) << 8;
  if (remainder >= 1) {
    h ^= data[tail]! & 0xff;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's Utils.toPositive: clears the sign bit (not Math.abs, which breaks for the minimum int). */
export function toPositive(value: number): number {
  return value & 0x7fffffff;
}

/** True when every UTF-16 unit of `text` is below 0x80, so its UTF-8 bytes are its char codes. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

/**
 * murmur2 of the UTF-8 bytes of `key`, without encoding an ASCII key first (the producer's hot path: one
 * allocation per record fewer). `utf8Length` is the key's UTF-8 byte length; when it differs from the string's
 * length the key is not ASCII and is encoded as usual.
 */
export function murmur2OfString(key: string, utf8Length: number): number {
  if (utf8Length !== key.length) return murmur2(encoder.encode(key));
  const length = key.length;
  const m = 0x5bd1e995;
  let h = 0x9747b28c ^ length;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = key.charCodeAt(i4) | (key.charCodeAt(i4 + 1) << 8) | (key.charCodeAt(i4 + 2) << 16) | (key.charCodeAt(i4 + 3) << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const tail = length4 * 4;
  const remainder = length & 3;
  if (remainder === 3) h ^= key.charCodeAt(tail + 2) << 16;
  if (remainder >= 2) h ^= key.charCodeAt(tail + 1) << 8;
  if (remainder >= 1) {
    h ^= key.charCodeAt(tail);
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

export function partitionForKey(key: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
  }
  return toPositive(murmur2(encoder.encode(key))) % partitions;
}
