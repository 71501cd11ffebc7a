import type { DailyFigures } from '@/pipeline/contracts/speed';

/** The run's data window: `days` days from `startDate` (UTC dates, the end exclusive). */
export interface RunWindow {
  startDate: string;
  days: number;
}

export type ServingFlag = { kind: 'outside-window' | 'differs'; text: string };

function windowEnd(window: RunWindow): string {
  const end = new Date(`${window.startDate}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + window.days);
  return end.toISOString().slice(0, 10);
}

/**
 * Why a serving-view row should not be read at face value. The speed layer counts what the topics carry before any
 * validation: every order whatever its status, duplicates, records validate later quarantines (a future
 * timestamp lands on a day after the run's window), and it drops records that arrive after their minute closed.
 */
export function servingFlag(
  day: DailyFigures,
  speed: DailyFigures | undefined,
  window: RunWindow | null,
): ServingFlag | null {
  if (window && (day.date < window.startDate || day.date >= windowEnd(window))) {
    return {
      kind: 'outside-window',
      text: `outside the run's window (${window.startDate} to ${windowEnd(window)}, exclusive): unvalidated records the batch quarantined, such as future timestamps`,
    };
  }
  if (
    day.source === 'batch' &&
    speed &&
    (speed.orders !== day.orders || speed.revenueCents !== day.revenueCents)
  ) {
    const more =
      speed.orders > day.orders || (speed.orders === day.orders && speed.revenueCents > day.revenueCents);
    return {
      kind: 'differs',
      text: more
        ? 'speed layer counted more: it sees every order as sent (cancelled and returned ones, duplicates, records validate rejects)'
        : 'speed layer counted less: it drops records that arrived after their minute closed, which the batch includes',
    };
  }
  return null;
}
