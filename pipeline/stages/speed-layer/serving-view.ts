import type { SpeedSnapshot } from './windows';

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
export function mergeServingView(batch: ReadonlyArray<{ date: string; orders: number; revenueCents: number }>, speed: SpeedSnapshot): DailyFigures[] {
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
