/**
 * Per-minute event-time windows with a watermark: the speed layer of the seed's lambda architecture.
 *
 * - A record belongs to the window of its event time (minute start, UTC), not to when it arrived.
 * - The watermark is the largest event time seen minus the allowed lateness. A window closes when its end
 *   is at or before the watermark; its figures are then final.
 * - The late rule: a record whose window has already closed is not added to the window (its figures stay
 *   final, as a dashboard already showed them) but counted in that window's `late` and in `lateTotal`, so
 *   nothing is lost silently; the batch layer, which recomputes from the lake, includes it.
 */
export const windowMs = 60_000;

export interface MinuteWindow {
  start: number;
  events: Record<string, number>;
  revenueCents: number;
  orders: number;
  /** Distinct sessions with an event in the minute (final once the window is closed). */
  activeSessions: number;
  /** Session ids of a window still open (kept only until it closes, to bound memory). */
  sessions: string[];
  late: number;
  closed: boolean;
}

export interface SpeedSnapshot {
  allowedLatenessMs: number;
  maxEventTime: number;
  watermark: number;
  lateTotal: number;
  /** Records that carried no usable event time (counted, never dropped silently). */
  unreadable: number;
  windows: MinuteWindow[];
  /** Next offset per partition that the figures include: a restart seeks here, not to the committed offset. */
  offsets: Array<{ topic: string; partition: number; offset: number }>;
}

export class MinuteWindows {
  private readonly windows = new Map<number, MinuteWindow & { sessionSet: Set<string> }>();
  private maxEventTime = -Infinity;
  private lateTotal = 0;
  private unreadable = 0;

  constructor(private readonly allowedLatenessMs: number) {}

  static restore(snapshot: SpeedSnapshot): MinuteWindows {
    const windows = new MinuteWindows(snapshot.allowedLatenessMs);
    windows.maxEventTime = snapshot.maxEventTime;
    windows.lateTotal = snapshot.lateTotal;
    windows.unreadable = snapshot.unreadable;
    for (const window of snapshot.windows) windows.windows.set(window.start, { ...window, sessionSet: new Set(window.sessions) });
    return windows;
  }

  get watermark(): number {
    return this.maxEventTime - this.allowedLatenessMs;
  }

  private windowFor(eventTime: number): (MinuteWindow & { sessionSet: Set<string> }) | 'late' {
    const start = Math.floor(eventTime / windowMs) * windowMs;
    let window = this.windows.get(start);
    if (window?.closed || (!window && start + windowMs <= this.watermark)) {
      if (!window) {
        window = { start, events: {}, revenueCents: 0, orders: 0, activeSessions: 0, sessions: [], sessionSet: new Set(), late: 0, closed: true };
        this.windows.set(start, window);
      }
      window.late++;
      this.lateTotal++;
      return 'late';
    }
    if (!window) {
      window = { start, events: {}, revenueCents: 0, orders: 0, activeSessions: 0, sessions: [], sessionSet: new Set(), late: 0, closed: false };
      this.windows.set(start, window);
    }
    return window;
  }

  addEvent(eventTime: number, eventType: string, sessionId: string | null): void {
    if (!Number.isFinite(eventTime)) {
      this.unreadable++;
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
    this.advance(eventTime);
  }

  addOrder(eventTime: number, totalCents: number): void {
    if (!Number.isFinite(eventTime) || !Number.isFinite(totalCents)) {
      this.unreadable++;
      return;
    }
    const window = this.windowFor(eventTime);
    if (window !== 'late') {
      window.revenueCents += totalCents;
      window.orders++;
    }
    this.advance(eventTime);
  }

  private advance(eventTime: number): void {
    if (eventTime <= this.maxEventTime) return;
    this.maxEventTime = eventTime;
    const watermark = this.watermark;
    for (const window of this.windows.values()) if (!window.closed && window.start + windowMs <= watermark) this.close(window);
  }

  private close(window: MinuteWindow & { sessionSet: Set<string> }): void {
    window.closed = true;
    window.sessionSet.clear();
  }

  /** Closes every window (end of input): used when the stream is known to be complete. */
  closeAll(): void {
    for (const window of this.windows.values()) if (!window.closed) this.close(window);
  }

  snapshot(): SpeedSnapshot {
    const windows = [...this.windows.values()]
      .sort((a, b) => a.start - b.start)
      .map(({ sessionSet, ...window }) => ({ ...window, sessions: [...sessionSet].sort() }));
    return {
      allowedLatenessMs: this.allowedLatenessMs,
      maxEventTime: this.maxEventTime,
      watermark: this.watermark,
      lateTotal: this.lateTotal,
      unreadable: this.unreadable,
      windows,
      offsets: [],
    };
  }
}
