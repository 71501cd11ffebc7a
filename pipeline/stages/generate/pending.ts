import type { OrderRecord } from '../../contracts/records';
import type { Timed } from './pending-heap';

/** An event waiting in the heap for its turn; ids and strings are resolved when it is written. */
export class PendingEvent implements Timed {
  /** The next item of the same session, pushed into the heap when this one is popped. */
  next: Pending | null = null;

  constructor(
    public timeMs: number,
    public sequence: number,
    /** Index into eventTypes. */
    public type: number,
    public user: number,
    /** The session's number and start: its id is sessionIdText(world.eventIdKey, sessionIndex, sessionStartMs). */
    public sessionIndex: number,
    public sessionStartMs: number,
    public device: number,
    public referrer: number,
    /** Index into World.pageUrls. */
    public pageUrl: number,
    /** Product index, or -1. */
    public product: number,
    /** Search-term index, or -1. */
    public query: number,
    /** 0 means null. */
    public quantity: number,
    public orderId: string | null,
    public ingestDelayMs: number,
  ) {}
}

export class PendingOrder implements Timed {
  next: Pending | null = null;

  constructor(
    public timeMs: number,
    public sequence: number,
    public record: OrderRecord,
  ) {}
}

export type Pending = PendingEvent | PendingOrder;
