import type { MinuteWindow, SpeedSnapshot, UnusableReason } from '../../contracts/speed';
/**
 * Per-minute event-time windows with a watermark: the speed layer of the seed's lambda architecture.
 *
 * - A record belongs to the window of its event time (minute start, UTC), not to when it arrived.
 * - The watermark, as in Flink with several input partitions: each partition's largest event time, the
 *   smallest of those over every partition the consumer reads (one not read from yet holds it back), minus the
 *   allowed lateness. A partition read far ahead of the others (a replay of a finished topic reads a partition
 *   at a time) therefore makes nobody else's records late. A window closes when its end is at or before the
 *   watermark; its figures are then final.
 * - The late rule: a record whose window has already closed is not added to the window (its figures stay
 *   final, as a dashboard already showed them) but counted in that window's `late` and in `lateTotal`, so
 *   nothing is lost silently; the batch layer, which recomputes from the lake, includes it.
 */
export const windowMs = 60_000;

export type { MinuteWindow, SpeedSnapshot } from '../../contracts/speed';

type OpenWindow = MinuteWindow & { sessionSet: Set<string> };

/** The records of one partition, or of a stream that is not partitioned (`addEvent` without a source). */
const singleSource = '*';

export class MinuteWindows {
  private readonly windows = new Map<number, OpenWindow>();
  /** Starts of the windows not closed yet, as a min-heap: closing takes from the top, never scans every window. */
  private readonly openStarts: number[] = [];
  private readonly partitionMax = new Map<string, number>();
  private currentWatermark = -Infinity;
  private lateTotal = 0;
  private unreadable = 0;
  private readonly unusableBySource = new Map<string, Partial<Record<UnusableReason, number>>>();

  /** `sources`: every partition the consumer reads (`topic/partition`); until each has a record, none is late. */
  constructor(
    private readonly allowedLatenessMs: number,
    sources: readonly string[] = [singleSource],
  ) {
    for (const source of sources) this.partitionMax.set(source, -Infinity);
  }

  static restore(snapshot: SpeedSnapshot, sources?: readonly string[]): MinuteWindows {
    const saved = snapshot.partitionMaxEventTime;
    const windows = new MinuteWindows(
      snapshot.allowedLatenessMs,
      sources ?? (saved ? Object.keys(saved) : [singleSource]),
    );
    if (saved) {
      for (const [source, max] of Object.entries(saved)) windows.partitionMax.set(source, max ?? -Infinity);
    } else {
      // A snapshot from before per-partition watermarks: its one maximum stands for every partition.
      for (const source of windows.partitionMax.keys())
        windows.partitionMax.set(source, snapshot.maxEventTime);
    }
    windows.lateTotal = snapshot.lateTotal;
    windows.unreadable = snapshot.unreadable;
    for (const [source, reasons] of Object.entries(snapshot.unusableBySource ?? {}))
      windows.unusableBySource.set(source, { ...reasons });
    for (const window of snapshot.windows) {
      windows.windows.set(window.start, { ...window, sessionSet: new Set(window.sessions) });
      if (!window.closed) windows.pushOpen(window.start);
    }
    windows.currentWatermark = windows.computeWatermark();
    return windows;
  }

  get watermark(): number {
    return this.currentWatermark;
  }

  private get maxEventTime(): number {
    let max = -Infinity;
    for (const value of this.partitionMax.values()) if (value > max) max = value;
    return max;
  }

  private computeWatermark(): number {
    let min = Infinity;
    for (const value of this.partitionMax.values()) if (value < min) min = value;
    return min === Infinity ? -Infinity : min - this.allowedLatenessMs;
  }

  private windowFor(eventTime: number): OpenWindow | 'late' {
    const start = Math.floor(eventTime / windowMs) * windowMs;
    let window = this.windows.get(start);
    if (window?.closed || (!window && start + windowMs <= this.currentWatermark)) {
      if (!window) {
        window = {
          start,
          events: {},
          revenueCents: 0,
          orders: 0,
          activeSessions: 0,
          sessions: [],
          sessionSet: new Set(),
          late: 0,
          closed: true,
          closedBy: 'watermark',
          closedAtWatermark: this.currentWatermark,
        };
        this.windows.set(start, window);
      }
      window.late++;
      this.lateTotal++;
      return 'late';
    }
    if (!window) {
      window = {
        start,
        events: {},
        revenueCents: 0,
        orders: 0,
        activeSessions: 0,
        sessions: [],
        sessionSet: new Set(),
        late: 0,
        closed: false,
      };
      this.windows.set(start, window);
      this.pushOpen(start);
    }
    return window;
  }

  addEvent(
    eventTime: number,
    eventType: string,
    sessionId: string | null,
    source: string = singleSource,
  ): void {
    if (!Number.isFinite(eventTime)) {
      this.addUnusable('no_event_time', source);
      return;
    }
    const window = this.windowFor(eventTime);
    if (window !== 'late') {
      window.events[eventType] = (window.events[eventType] ?? 0) + 1;
      if (sessionId) {
        window.sessionSet.add(sessionId);
        window.activeSessions = window.sessionSet.size;
      }
    }
    this.advance(eventTime, source);
  }

  addOrder(eventTime: number, totalCents: number, source: string = singleSource): void {
    if (!Number.isFinite(eventTime) || !Number.isFinite(totalCents)) {
      this.addUnusable('unreadable_order', source);
      return;
    }
    const window = this.windowFor(eventTime);
    if (window !== 'late') {
      window.revenueCents += totalCents;
      window.orders++;
    }
    this.advance(eventTime, source);
  }

  /** A record the speed layer cannot use: counted under its partition and reason, never added to a window. */
  addUnusable(reason: UnusableReason, source: string = singleSource): void {
    this.unreadable++;
    const reasons = this.unusableBySource.get(source) ?? {};
    reasons[reason] = (reasons[reason] ?? 0) + 1;
    this.unusableBySource.set(source, reasons);
  }

  private advance(eventTime: number, source: string): void {
    const previous = this.partitionMax.get(source) ?? -Infinity;
    if (eventTime <= previous) return;
    this.partitionMax.set(source, eventTime);
    // Only the slowest partition moves the watermark.
    if (previous > this.currentWatermark + this.allowedLatenessMs) return;
    const watermark = this.computeWatermark();
    if (watermark <= this.currentWatermark) return;
    this.currentWatermark = watermark;
    const open = this.openStarts;
    while (open.length > 0 && open[0]! + windowMs <= watermark)
      this.close(this.windows.get(this.popOpen())!, 'watermark');
  }

  private close(window: OpenWindow, by: 'watermark' | 'end_of_input'): void {
    window.closed = true;
    window.closedBy = by;
    window.closedAtWatermark = Number.isFinite(this.currentWatermark) ? this.currentWatermark : null;
    window.sessionSet.clear();
  }

  private pushOpen(start: number): void {
    const heap = this.openStarts;
    let index = heap.length;
    heap.push(start);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (heap[parent]! <= start) break;
      heap[index] = heap[parent]!;
      index = parent;
    }
    heap[index] = start;
  }

  private popOpen(): number {
    const heap = this.openStarts;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length === 0) return top;
    let index = 0;
    for (;;) {
      const left = index * 2 + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]! < heap[left]! ? right : left;
      if (heap[child]! >= last) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = last;
    return top;
  }

  /** Closes every window (end of input): used when the stream is known to be complete. */
  closeAll(): void {
    for (const window of this.windows.values()) if (!window.closed) this.close(window, 'end_of_input');
    this.openStarts.length = 0;
  }

  snapshot(): SpeedSnapshot {
    const windows = [...this.windows.values()]
      .sort((a, b) => a.start - b.start)
      .map(({ sessionSet, ...window }) => ({ ...window, sessions: [...sessionSet].sort() }));
    const partitionMaxEventTime = Object.fromEntries(
      [...this.partitionMax]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([source, max]) => [source, Number.isFinite(max) ? max : null]),
    );
    return {
      allowedLatenessMs: this.allowedLatenessMs,
      maxEventTime: this.maxEventTime,
      partitionMaxEventTime,
      watermark: this.watermark,
      lateTotal: this.lateTotal,
      unreadable: this.unreadable,
      unusableBySource: Object.fromEntries([...this.unusableBySource].sort(([a], [b]) => a.localeCompare(b))),
      windows,
      offsets: [],
    };
  }
}
