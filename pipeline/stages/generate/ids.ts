import type { Random } from '../../core/random';

/**
 * Seeded UUIDv7-style ids (RFC 9562 layout: 48-bit Unix milliseconds, version 7, variant 10). The seed
 * project's generator derived ids from millisecond timestamps alone and produced duplicates; here the last
 * 32 bits are a per-dataset sequence number times an odd constant XOR a seeded mask, a bijection of the counter, so two ids of one
 * dataset can never collide (up to 2^32 ids), while the time prefix keeps ids sortable by creation time.
 */
const hex = Array.from({ length: 256 }, (_, value) => value.toString(16).padStart(2, '0'));

function hex32(value: number): string {
  return hex[value >>> 24]! + hex[(value >>> 16) & 255]! + hex[(value >>> 8) & 255]! + hex[value & 255]!;
}

function hex16(value: number): string {
  return hex[(value >>> 8) & 255]! + hex[value & 255]!;
}

const hexBytes = new Uint8Array(512);
for (let value = 0; value < 256; value++) {
  hexBytes[value * 2] = hex[value]!.charCodeAt(0);
  hexBytes[value * 2 + 1] = hex[value]!.charCodeAt(1);
}

function putHex(target: Uint8Array, offset: number, value: number, bytes: number): number {
  for (let shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
    const byte = (value >>> shift) & 255;
    target[offset++] = hexBytes[byte * 2]!;
    target[offset++] = hexBytes[byte * 2 + 1]!;
  }
  return offset;
}

export interface IdFactory {
  /** A new id whose time prefix is `timestampMs`. */
  next(timestampMs: number): string;
  /** The same id `next` would return, written as 36 ASCII bytes at `offset`; returns the offset after it. */
  nextInto(target: Uint8Array, offset: number, timestampMs: number): number;
  /** How many ids were issued. */
  readonly issued: number;
  readonly mask: number;
}

function formatId(ms: number, bits: number, more: number, sequence: number): string {
  const high = Math.floor(ms / 4294967296) & 0xffff;
  const low = ms >>> 0;
  return (
    hex32(((high << 16) | (low >>> 16)) >>> 0) +
    '-' +
    hex16(low & 0xffff) +
    '-' +
    hex16(0x7000 | (bits & 0x0fff)) +
    '-' +
    hex16(0x8000 | ((bits >>> 12) & 0x3fff)) +
    '-' +
    hex16(more) +
    hex32(sequence)
  );
}

function formatIdInto(
  target: Uint8Array,
  offset: number,
  ms: number,
  bits: number,
  more: number,
  sequence: number,
): number {
  const high = Math.floor(ms / 4294967296) & 0xffff;
  const low = ms >>> 0;
  let at = putHex(target, offset, ((high << 16) | (low >>> 16)) >>> 0, 4);
  target[at++] = 45;
  at = putHex(target, at, low & 0xffff, 2);
  target[at++] = 45;
  at = putHex(target, at, 0x7000 | (bits & 0x0fff), 2);
  target[at++] = 45;
  at = putHex(target, at, 0x8000 | ((bits >>> 12) & 0x3fff), 2);
  target[at++] = 45;
  at = putHex(target, at, more, 2);
  return putHex(target, at, sequence, 4);
}

const SEQUENCE_MULTIPLIER = 0x9e3779b1;

export interface IdFactoryOptions {
  /** Share another factory's mask so two factories with disjoint counter ranges can never collide. */
  mask?: number;
  firstCounter?: number;
}

export function createIdFactory(random: Random, options: IdFactoryOptions = {}): IdFactory {
  const mask = options.mask ?? Math.floor(random.next() * 4294967296) >>> 0;
  const firstCounter = options.firstCounter ?? 0;
  let counter = firstCounter;
  return {
    mask,
    get issued() {
      return counter - firstCounter;
    },
    next(timestampMs: number): string {
      const bits = Math.floor(random.next() * 4294967296) >>> 0;
      const more = Math.floor(random.next() * 65536);
      const sequence = (Math.imul(counter++, SEQUENCE_MULTIPLIER) ^ mask) >>> 0;
      return formatId(Math.max(0, Math.floor(timestampMs)), bits, more, sequence);
    },
    nextInto(target: Uint8Array, offset: number, timestampMs: number): number {
      const bits = Math.floor(random.next() * 4294967296) >>> 0;
      const more = Math.floor(random.next() * 65536);
      const sequence = (Math.imul(counter++, SEQUENCE_MULTIPLIER) ^ mask) >>> 0;
      return formatIdInto(target, offset, Math.max(0, Math.floor(timestampMs)), bits, more, sequence);
    },
  };
}

/**
 * Event and session ids are a pure function of an index (the event's emission index, the session's number) and
 * the dataset's key, so the writer thread computes them on its own and the generating thread only when it needs
 * the text (faulty events, orders). Counter ranges keep every id of a dataset distinct under one mask: the
 * IdFactory (users, products, orders: far fewer than 2^29 ids) counts from 0, sessions from 2^29, events from
 * 2^30 and orphan ids from 2^31.
 */
export interface EventIdKey {
  salt: number;
  mask: number;
}

export const SESSION_ID_BASE = 2 ** 29;
export const EVENT_ID_BASE = 2 ** 30;

/** MurmurHash3's 32-bit finalizer: spreads a counter into random-looking bits. */
function fmix32(value: number): number {
  let hash = value >>> 0;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** The three random-looking parts of an indexed id (for encoders that format ids themselves). */
export function indexedIdBits(key: EventIdKey, counter: number): number {
  return fmix32(counter ^ key.salt);
}
export function indexedIdMore(key: EventIdKey, counter: number): number {
  return fmix32((counter + 0x632be5ab) ^ key.salt) & 0xffff;
}
export function indexedIdSequence(key: EventIdKey, counter: number): number {
  return (Math.imul(counter, SEQUENCE_MULTIPLIER) ^ key.mask) >>> 0;
}

export function indexedIdText(key: EventIdKey, base: number, index: number, timestampMs: number): string {
  const counter = base + index;
  const sequence = (Math.imul(counter, SEQUENCE_MULTIPLIER) ^ key.mask) >>> 0;
  return formatId(
    Math.max(0, Math.floor(timestampMs)),
    fmix32(counter ^ key.salt),
    fmix32((counter + 0x632be5ab) ^ key.salt) & 0xffff,
    sequence,
  );
}

export function indexedIdInto(
  key: EventIdKey,
  base: number,
  target: Uint8Array,
  offset: number,
  index: number,
  timestampMs: number,
): number {
  const counter = base + index;
  const sequence = (Math.imul(counter, SEQUENCE_MULTIPLIER) ^ key.mask) >>> 0;
  const bits = fmix32(counter ^ key.salt);
  const more = fmix32((counter + 0x632be5ab) ^ key.salt) & 0xffff;
  return formatIdInto(target, offset, Math.max(0, Math.floor(timestampMs)), bits, more, sequence);
}

export const eventIdText = (key: EventIdKey, index: number, timestampMs: number): string =>
  indexedIdText(key, EVENT_ID_BASE, index, timestampMs);
export const eventIdInto = (
  key: EventIdKey,
  target: Uint8Array,
  offset: number,
  index: number,
  timestampMs: number,
): number => indexedIdInto(key, EVENT_ID_BASE, target, offset, index, timestampMs);
export const sessionIdText = (key: EventIdKey, index: number, startMs: number): string =>
  indexedIdText(key, SESSION_ID_BASE, index, startMs);
