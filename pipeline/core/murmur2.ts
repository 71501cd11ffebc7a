/**
 * Kafka's murmur2 (org.apache.kafka.common.utils.Utils.murmur2) and its default partitioner for keyed
 * records: toPositive(murmur2(utf8(key))) % partitions. Pure and dependency-free so the browser (the lessons'
 * partition explorer) and both tiers compute the same partition for a key.
 */
const encoder = new TextEncoder();

/** murmur2 of `data`'s first `length` bytes (all of it by default: a prefix spares a view when hashing a scratch buffer). */
export function murmur2(data: Uint8Array, length = data.length): number {
  const m = 0x5bd1e995;
  const r = 24;
  let h = 0x9747b28c ^ length;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k =
      (data[i4]! & 0xff) |
      ((data[i4 + 1]! & 0xff) << 8) |
      ((data[i4 + 2]! & 0xff) << 16) |
      ((data[i4 + 3]! & 0xff) << 24);
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

export function partitionForKey(key: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
  }
  return toPositive(murmur2(encoder.encode(key))) % partitions;
}
