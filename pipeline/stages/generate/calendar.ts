import type { Random } from '../../core/random';

/**
 * Traffic intensity over the generated window, by hour: a daily curve (quiet at 3–5 a.m., peak at 7–9 p.m.),
 * a weekly one (weekends busier, Sunday the busiest) and a little day-to-day noise. Session start times are
 * drawn by inverting the cumulative intensity, so the data has real seasonality and still ends exactly at N
 * events. Times are UTC: the shop is simulated as if all users shared one time zone.
 */
export const hourOfDayWeight = [
  0.35, 0.22, 0.15, 0.11, 0.1, 0.13, 0.25, 0.45, 0.65, 0.78, 0.85, 0.9, 0.95, 0.92, 0.9, 0.9, 0.95, 1.05, 1.2,
  1.35, 1.4, 1.25, 0.95, 0.6,
];
/** Indexed by getUTCDay(): Sunday first. */
export const dayOfWeekWeight = [1.25, 1.05, 1.0, 0.98, 1.0, 0.95, 1.15];

const HOUR_MS = 3_600_000;

export interface TrafficCalendar {
  /** The start of the window (ms). */
  readonly startMs: number;
  /** The end of the window (ms, exclusive). */
  readonly endMs: number;
  /**
   * The time at which a share `fraction` ∈ [0, 1) of the window's traffic has happened. Sessions start no later
   * than one hour before the window ends, so a session's last event stays inside the window.
   */
  timeAt(fraction: number): number;
}

export function createTrafficCalendar(startMs: number, days: number, random: Random): TrafficCalendar {
  const hours = days * 24 - 1;
  const cumulative = new Float64Array(hours + 1);
  const dayNoise = Array.from({ length: days }, () => 0.9 + random.next() * 0.2);
  for (let hour = 0; hour < hours; hour++) {
    const time = startMs + hour * HOUR_MS;
    const weekday = new Date(time).getUTCDay();
    const weight = hourOfDayWeight[hour % 24]! * dayOfWeekWeight[weekday]! * dayNoise[Math.floor(hour / 24)]!;
    cumulative[hour + 1] = cumulative[hour]! + weight;
  }
  const total = cumulative[hours]!;
  let cursor = 0;
  return {
    startMs,
    endMs: startMs + days * 24 * HOUR_MS,
    timeAt(fraction: number): number {
      const target = Math.min(Math.max(fraction, 0), 0.999999999) * total;
      // Callers ask for increasing fractions: walk forward from the last bucket, fall back to a search otherwise.
      if (cumulative[cursor]! > target) cursor = 0;
      while (cursor < hours - 1 && cumulative[cursor + 1]! <= target) cursor++;
      const within = (target - cumulative[cursor]!) / (cumulative[cursor + 1]! - cumulative[cursor]!);
      return Math.floor(startMs + (cursor + within) * HOUR_MS);
    },
  };
}
