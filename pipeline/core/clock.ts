/**
 * The clock is injected so runs are reproducible: data timestamps come from the run's config (a fixed
 * reference date), and only run bookkeeping (startedAt, durations) reads the system clock.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** High-resolution milliseconds for measuring durations. */
  monotonic(): number;
}

export const systemClock: Clock = {
  // The one sanctioned read of the wall clock in pipeline/: bookkeeping, never data.
  // eslint-disable-next-line no-restricted-properties
  now: () => Date.now(),
  monotonic: () => performance.now(),
};

/** A clock that only moves when told to, for tests. */
export function fixedClock(startMs: number): Clock & { advance(ms: number): void } {
  let current = startMs;
  return {
    now: () => current,
    monotonic: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}
