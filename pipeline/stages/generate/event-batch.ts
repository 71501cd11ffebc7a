import type { EventIdKey } from './ids';
import type { PendingEvent } from './pending';

/**
 * The NDJSON events file in two halves. The generating side packs each clean event into typed arrays (indices,
 * times, its emission index and session number; order ids as ASCII bytes) and passes pre-rendered lines (faulty records, replays) in order
 * beside them; the encoding side turns a batch into bytes. The halves run in one thread or, for the CLI, on two
 * (see event-sink.ts), and produce the same bytes either way; a test checks they equal JSON.stringify.
 */
export const BATCH_CAPACITY = 8192;
/** The events file is most of the bytes: it is written in 4 MiB chunks (other files use 1 MiB). */
export const EVENT_CHUNK_BYTES = 1 << 22;
export const INT_STRIDE = 12;
export const ID_STRIDE = 36;
const OP_EVENT = 0;
export const OP_LINE = 1;

export interface EventBatch {
  count: number;
  /**
   * Per op: op, type, user, device, referrer, url, product, query, quantity, ingestDelayMs|hasOrder<<16,
   * event index, session index; then the session's start as milliseconds before the event (in `sessionLags`).
   */
  ints: Int32Array;
  times: Float64Array;
  /** Milliseconds from the session's start to the event (under an hour). */
  sessionLags: Int32Array;
  /** Per op: order id (36 ASCII bytes) when the event is a purchase. */
  ids: Uint8Array;
  lines: string[];
}

export function createBatch(): EventBatch {
  return {
    count: 0,
    ints: new Int32Array(BATCH_CAPACITY * INT_STRIDE),
    times: new Float64Array(BATCH_CAPACITY),
    sessionLags: new Int32Array(BATCH_CAPACITY),
    ids: new Uint8Array(BATCH_CAPACITY * ID_STRIDE),
    lines: [],
  };
}

/** What the encoder needs to resolve indices: ids and JSON literals, as strings (they cross to a worker). */
export interface EventTables {
  userIds: string[];
  productIds: string[];
  /** JSON string literals of every page URL, indexed as the batch's url field. */
  pageUrlsJson: string[];
  queriesJson: string[];
  eventIdKey: EventIdKey;
  /** eventTypes, devices and referrers of the record contracts, in their order. */
  eventTypes: readonly string[];
  devices: readonly string[];
  referrers: readonly string[];
}

export function putAscii(target: Uint8Array, offset: number, text: string): void {
  for (let index = 0; index < text.length; index++) target[offset + index] = text.charCodeAt(index);
}

/** The generating half: fills batches and hands each full one to `submit`. */
export class BatchBuilder {
  private batch: EventBatch;

  constructor(
    private readonly obtain: () => EventBatch,
    private readonly submit: (batch: EventBatch) => void,
  ) {
    this.batch = obtain();
  }

  /** Packs a clean event; `index` is its emission index, from which the encoder derives its id. */
  addEvent(event: PendingEvent, index: number): void {
    const batch = this.batch;
    const op = batch.count++;
    const base = op * INT_STRIDE;
    const ints = batch.ints;
    ints[base] = OP_EVENT;
    ints[base + 1] = event.type;
    ints[base + 2] = event.user;
    ints[base + 3] = event.device;
    ints[base + 4] = event.referrer;
    ints[base + 5] = event.pageUrl;
    ints[base + 6] = event.product;
    ints[base + 7] = event.query;
    ints[base + 8] = event.quantity;
    ints[base + 9] = event.ingestDelayMs | (event.orderId === null ? 0 : 1 << 16);
    ints[base + 10] = index;
    batch.times[op] = event.timeMs;
    ints[base + 11] = event.sessionIndex;
    batch.sessionLags[op] = event.timeMs - event.sessionStartMs;
    if (event.orderId !== null) putAscii(batch.ids, op * ID_STRIDE, event.orderId);
    if (batch.count === BATCH_CAPACITY) this.flush();
  }

  addLine(line: string): void {
    const batch = this.batch;
    const op = batch.count++;
    batch.ints[op * INT_STRIDE] = OP_LINE;
    batch.ints[op * INT_STRIDE + 1] = batch.lines.length;
    batch.lines.push(line);
    if (batch.count === BATCH_CAPACITY) this.flush();
  }

  flush(): void {
    if (this.batch.count === 0) return;
    const full = this.batch;
    this.batch = this.obtain();
    this.submit(full);
  }
}
