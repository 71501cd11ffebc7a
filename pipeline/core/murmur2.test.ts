import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey, toPositive } from './murmur2';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('murmur2, as Kafka computes it', () => {
  // The vectors of Kafka's own UtilsTest.testMurmur2 (clients/src/test/.../common/utils/UtilsTest.java).
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('murmur2(%j) = %i', (key, expected) => {
    expect(murmur2(utf8(key))).toBe(expected);
  });

  // Keys of 1 to 5 bytes reach every tail branch (remainder 1, 2, 3 and none); the values Akka's Murmur2Spec
  // took from Kafka's Utils.murmur2, plus librdkafka's rdmurmur2.c unit-test key "kafka" (0xd067cf64).
  it.each([
    ['1', -1993445489],
    ['12', 126087238],
    ['123', -267702483],
    ['1234', -1614185708],
    ['12345', -1188365604],
    ['kafka', -798503068],
  ])('murmur2(%j) = %i (every tail length)', (key, expected) => {
    expect(murmur2(utf8(key))).toBe(expected);
  });

  // Computed with org.apache.kafka.common.utils.Utils from kafka-clients 3.9.1 (the broker the tests run).
  it.each([
    ['', 275646681, 3],
    ['user-42', 1459644460, 4],
    ['0190661f-d85e-794d-bf35-21cd1f2c64e7', -17377102, 4],
    ['ключ-ü-€', 1851026200, 4],
  ])('key %j hashes to %i and lands on partition %i of 6', (key, hash, partition) => {
    expect(murmur2(utf8(key))).toBe(hash);
    expect(partitionForKey(key, 6)).toBe(partition);
  });

  it('hashes a prefix of a longer buffer as it hashes those bytes alone (the producer hashes a scratch buffer)', () => {
    const scratch = new Uint8Array(64).fill(0x5a);
    for (const key of ['21', 'foobar', 'a-little-bit-longer-string', '', '1', '12', '123', 'ключ-ü-€']) {
      const bytes = utf8(key);
      scratch.set(bytes);
      expect(murmur2(scratch, bytes.length)).toBe(murmur2(bytes));
    }
  });

  it('toPositive clears the sign bit instead of negating', () => {
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(-1)).toBe(2147483647);
  });

  it('rejects a partition count that is not a positive integer', () => {
    expect(() => partitionForKey('k', 0)).toThrow(/positive integer/);
    expect(() => partitionForKey('k', 1.5)).toThrow(/positive integer/);
  });
});
