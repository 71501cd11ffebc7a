/**
 * The speed layer's state as it is kept (the run's key-value store) and read back (the console), and the
 * serving layer that merges it with the batch figures: shared by the pipeline and the web console.
 */

/** The key of the speed layer's snapshot in a run's key-value store (both tiers). */
export const speedSnapshotKey = 'speed-snapshot';

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
  /**
   * What closed the window: the watermark passing its end, or the end of the input (everything consumed, the
   * producer done). Absent while open, and in snapshots from before it was kept.
   */
  closedBy?: 'watermark' | 'end_of_input';
  /** The watermark (event time, ms) when the window closed; null when none had formed yet. */
  closedAtWatermark?: number | null;
}

/** Why the speed layer could not use a record (it is counted, never added to a window). */
export const unusableReasons = ['no_event_time', 'event_after_received', 'unreadable_order'] as const;
export type UnusableReason = (typeof unusableReasons)[number];

export interface SpeedSnapshot {
  allowedLatenessMs: number;
  maxEventTime: number;
  /** Largest event time per partition (`topic/partition`), null for one not read from yet. */
  partitionMaxEventTime?: Record<string, number | null>;
  watermark: number;
  lateTotal: number;
  /** Records with no usable event time: missing, unreadable, or after the record was received (counted, never dropped silently). */
  unreadable: number;
  /**
   * The unusable records by partition read (`topic/partition`) and reason; they add up to `unreadable`. Absent in
   * snapshots from before it was kept.
   */
  unusableBySource?: Record<string, Partial<Record<UnusableReason, number>>>;
  windows: MinuteWindow[];
  /** Next offset per partition that the figures include: a restart seeks here, not to the committed offset. */
  offsets: Array<{ topic: string; partition: number; offset: number }>;
}

export interface DailyFigures {
  date: string;
  orders: number;
  /** Revenue in cents, exact. */
  revenueCents: number;
  source: 'batch' | 'speed';
}

/**
 * The serving layer of the lambda architecture: batch figures (mart_daily_revenue) for every day the batch
 * covers, speed-layer figures for the days after the batch's high-water mark. Where both exist the batch
 * wins: it is recomputed from the lake, includes late records and has passed validation.
 */
export function mergeServingView(
  batch: ReadonlyArray<{ date: string; orders: number; revenueCents: number }>,
  speed: SpeedSnapshot,
): DailyFigures[] {
  const highWaterMark = batch.reduce((latest, row) => (row.date > latest ? row.date : latest), '');
  const speedDays = new Map<string, { orders: number; revenueCents: number }>();
  for (const window of speed.windows) {
    const date = new Date(window.start).toISOString().slice(0, 10);
    if (date <= highWaterMark) continue;
    const day = speedDays.get(date) ?? { orders: 0, revenueCents: 0 };
    day.orders += window.orders;
    day.revenueCents += window.revenueCents;
    speedDays.set(date, day);
  }
  return [
    ...batch.map((row) => ({ ...row, source: 'batch' as const })),
    ...[...speedDays].map(([date, day]) => ({ date, ...day, source: 'speed' as const })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}
