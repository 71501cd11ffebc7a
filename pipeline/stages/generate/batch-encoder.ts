import { ID_STRIDE, INT_STRIDE, OP_LINE, type EventBatch, type EventTables } from './event-batch';
import {
  EVENT_ID_BASE,
  indexedIdBits,
  indexedIdMore,
  indexedIdSequence,
  SESSION_ID_BASE,
  type EventIdKey,
} from './ids';
import { DAY_MS } from './time-format';

/**
 * The encoding half of the NDJSON events file (see event-batch.ts): resolves a batch's indices through packed
 * id tables and pre-encoded literals, and writes each clean event straight into the output chunk, byte-identical
 * to JSON.stringify of the record. Runs on the writer thread (or in-thread). Bytes are written four and two at
 * a time through a DataView: the event hot path is mostly copying, and word stores copy faster than byte stores.
 */

/** Where the encoder writes: the shape of OutputFile's row API. */
export interface RowTarget {
  beginRow(maxBytes: number): Uint8Array;
  readonly offset: number;
  endRow(end: number): void;
  writeRow(line: string): void;
}

/** A constant byte string as little-endian 32-bit words plus a tail of up to three bytes. */
interface Words {
  words: Uint32Array;
  tail: Uint8Array;
  length: number;
}

const MAX_EVENT_BYTES = 4096;
const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

function toWords(bytes: Uint8Array): Words {
  const count = bytes.length >> 2;
  const words = new Uint32Array(count);
  for (let index = 0; index < count; index++) {
    const at = index * 4;
    words[index] =
      (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
  }
  return { words, tail: bytes.slice(count * 4), length: bytes.length };
}

const wordsOf = (text: string): Words => toWords(utf8(text));

const segment = {
  start: wordsOf('{"event_id":"'),
  ingestedAt: wordsOf('","ingested_at":"'),
  userId: wordsOf('","user_id":"'),
  sessionId: wordsOf('","session_id":"'),
  productNull: wordsOf(',"product_id":null'),
  productStart: wordsOf(',"product_id":"'),
  queryNull: wordsOf(',"search_query":null'),
  queryStart: wordsOf(',"search_query":'),
  quantityNull: wordsOf(',"quantity":null'),
  quantityStart: wordsOf(',"quantity":'),
  orderNull: wordsOf(',"order_id":null'),
  orderStart: wordsOf(',"order_id":"'),
  end: wordsOf(',"schema_version":1}\n'),
};

/** Two ASCII characters as one little-endian 16-bit store: hex pairs of a byte, decimal pairs of 0–99. */
const hexPairs = new Uint16Array(256);
for (let value = 0; value < 256; value++) {
  const text = value.toString(16).padStart(2, '0');
  hexPairs[value] = text.charCodeAt(0) | (text.charCodeAt(1) << 8);
}
const decimalPairs = new Uint16Array(100);
for (let value = 0; value < 100; value++) {
  const text = String(value).padStart(2, '0');
  decimalPairs[value] = text.charCodeAt(0) | (text.charCodeAt(1) << 8);
}

/** Ids packed as 9 little-endian words each (36 ASCII bytes). */
function packIds(ids: readonly string[]): Uint32Array {
  const bytes = new Uint8Array(ids.length * 36);
  ids.forEach((id, index) => {
    for (let char = 0; char < 36; char++) bytes[index * 36 + char] = id.charCodeAt(char);
  });
  return toWords(bytes).words;
}

/** The encoding half: turns batches into NDJSON bytes, byte-identical to JSON.stringify of each record. */
export class BatchEncoder {
  private readonly userIds: Uint32Array;
  private readonly productIds: Uint32Array;
  private readonly urls: Words[];
  private readonly queries: Words[];
  private readonly key: EventIdKey;
  private readonly typeSegments: Words[];
  private readonly deviceSegments: Words[];
  private readonly referrerSegments: Words[];
  private cachedDay = Number.NaN;
  private cachedPrefix: Words = wordsOf('');
  private target: Uint8Array = new Uint8Array(0);
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

  constructor(tables: EventTables) {
    this.userIds = packIds(tables.userIds);
    this.productIds = packIds(tables.productIds);
    this.urls = tables.pageUrlsJson.map(wordsOf);
    this.queries = tables.queriesJson.map(wordsOf);
    this.key = tables.eventIdKey;
    // The enum names come with the tables: importing the record contracts would load zod into the writer thread.
    this.typeSegments = tables.eventTypes.map((name) => wordsOf(`","event_type":"${name}","event_ts":"`));
    this.deviceSegments = tables.devices.map((name) => wordsOf(`","device":"${name}","referrer":"`));
    this.referrerSegments = tables.referrers.map((name) => wordsOf(`${name}","page_url":`));
  }

  private put(at: number, source: Words): number {
    const { view, target } = this;
    const words = source.words;
    for (let index = 0; index < words.length; index++) view.setUint32(at + index * 4, words[index]!, true);
    const tail = source.tail;
    const from = at + words.length * 4;
    for (let index = 0; index < tail.length; index++) target[from + index] = tail[index]!;
    return at + source.length;
  }

  private putId(at: number, table: Uint32Array, index: number): number {
    const view = this.view;
    const from = index * 9;
    for (let word = 0; word < 9; word++) view.setUint32(at + word * 4, table[from + word]!, true);
    return at + 36;
  }

  private putHex16(at: number, value: number): void {
    this.view.setUint16(at, hexPairs[(value >>> 8) & 255]!, true);
    this.view.setUint16(at + 2, hexPairs[value & 255]!, true);
  }

  private putHex32(at: number, value: number): void {
    this.putHex16(at, value >>> 16);
    this.putHex16(at + 4, value & 0xffff);
  }

  /** A UUIDv7 of the indexed id family (ids.ts), formatted as ids.ts formats it. */
  private putIndexedId(at: number, counter: number, timeMs: number): number {
    const ms = Math.max(0, Math.floor(timeMs));
    const high = Math.floor(ms / 4294967296) & 0xffff;
    const low = ms >>> 0;
    const bits = indexedIdBits(this.key, counter);
    const target = this.target;
    this.putHex32(at, ((high << 16) | (low >>> 16)) >>> 0);
    target[at + 8] = 45;
    this.putHex16(at + 9, low & 0xffff);
    target[at + 13] = 45;
    this.putHex16(at + 14, 0x7000 | (bits & 0x0fff));
    target[at + 18] = 45;
    this.putHex16(at + 19, 0x8000 | ((bits >>> 12) & 0x3fff));
    target[at + 23] = 45;
    this.putHex16(at + 24, indexedIdMore(this.key, counter));
    this.putHex32(at + 28, indexedIdSequence(this.key, counter));
    return at + 36;
  }

  /** `YYYY-MM-DDTHH:MM:SS.mmmZ` written in place; the date part is cached per day. */
  private putIso(offset: number, ms: number): number {
    const day = Math.floor(ms / DAY_MS);
    if (day !== this.cachedDay) {
      this.cachedDay = day;
      this.cachedPrefix = wordsOf(new Date(day * DAY_MS).toISOString().slice(0, 11));
    }
    const at = this.put(offset, this.cachedPrefix);
    let rest = ms - day * DAY_MS;
    const hours = (rest / 3_600_000) | 0;
    rest -= hours * 3_600_000;
    const minutes = (rest / 60_000) | 0;
    rest -= minutes * 60_000;
    const seconds = (rest / 1000) | 0;
    const millis = rest - seconds * 1000;
    const { view, target } = this;
    view.setUint16(at, decimalPairs[hours]!, true);
    target[at + 2] = 58;
    view.setUint16(at + 3, decimalPairs[minutes]!, true);
    target[at + 5] = 58;
    view.setUint16(at + 6, decimalPairs[seconds]!, true);
    target[at + 8] = 46;
    target[at + 9] = 48 + ((millis / 100) | 0);
    view.setUint16(at + 10, decimalPairs[millis % 100]!, true);
    target[at + 12] = 90;
    return at + 13;
  }

  encode(batch: EventBatch, out: RowTarget): void {
    const { ints, times, sessionLags } = batch;
    const orderIds = new Uint32Array(batch.ids.buffer, batch.ids.byteOffset, batch.ids.byteLength >> 2);
    for (let op = 0; op < batch.count; op++) {
      const base = op * INT_STRIDE;
      if (ints[base] === OP_LINE) {
        out.writeRow(batch.lines[ints[base + 1]!]!);
        continue;
      }
      const time = times[op]!;
      const packed = ints[base + 9]!;
      const target = out.beginRow(MAX_EVENT_BYTES);
      if (target !== this.target) {
        this.target = target;
        this.view = new DataView(target.buffer, target.byteOffset, target.byteLength);
      }
      let at = this.put(out.offset, segment.start);
      at = this.putIndexedId(at, EVENT_ID_BASE + ints[base + 10]!, time);
      at = this.put(at, this.typeSegments[ints[base + 1]!]!);
      at = this.putIso(at, time);
      at = this.put(at, segment.ingestedAt);
      at = this.putIso(at, time + (packed & 0xffff));
      at = this.put(at, segment.userId);
      at = this.putId(at, this.userIds, ints[base + 2]!);
      at = this.put(at, segment.sessionId);
      at = this.putIndexedId(at, SESSION_ID_BASE + ints[base + 11]!, time - sessionLags[op]!);
      at = this.put(at, this.deviceSegments[ints[base + 3]!]!);
      at = this.put(at, this.referrerSegments[ints[base + 4]!]!);
      at = this.put(at, this.urls[ints[base + 5]!]!);
      const product = ints[base + 6]!;
      if (product < 0) at = this.put(at, segment.productNull);
      else {
        at = this.put(at, segment.productStart);
        at = this.putId(at, this.productIds, product);
        target[at++] = 34;
      }
      const query = ints[base + 7]!;
      if (query < 0) at = this.put(at, segment.queryNull);
      else {
        at = this.put(at, segment.queryStart);
        at = this.put(at, this.queries[query]!);
      }
      const quantity = ints[base + 8]!;
      if (quantity === 0) at = this.put(at, segment.quantityNull);
      else {
        at = this.put(at, segment.quantityStart);
        if (quantity < 10) target[at++] = 48 + quantity;
        else {
          const digits = String(quantity);
          for (let index = 0; index < digits.length; index++) target[at++] = digits.charCodeAt(index);
        }
      }
      if (packed >>> 16 === 0) at = this.put(at, segment.orderNull);
      else {
        at = this.put(at, segment.orderStart);
        at = this.putId(at, orderIds, (op * ID_STRIDE) / 36);
        target[at++] = 34;
      }
      at = this.put(at, segment.end);
      out.endRow(at);
    }
  }
}
