import { describe, expect, it } from 'vitest';
import { servingFlag } from './serving-flags';

const window = { startDate: '2025-08-24', days: 14 };
const day = (date: string, orders: number, revenueCents: number, source: 'batch' | 'speed' = 'batch') => ({
  date,
  orders,
  revenueCents,
  source,
});

describe('serving view flags', () => {
  it("flags a day outside the run's window, whichever layer it came from", () => {
    expect(servingFlag(day('2025-09-07', 3, 9_000, 'speed'), undefined, window)?.kind).toBe('outside-window');
    expect(servingFlag(day('2025-08-23', 1, 100, 'speed'), undefined, window)?.kind).toBe('outside-window');
    // The last day of the window is inside it; the day after is not.
    expect(servingFlag(day('2025-09-06', 3, 9_000, 'speed'), undefined, window)).toBeNull();
  });

  it('says why the speed layer differs from the batch for a day', () => {
    expect(
      servingFlag(day('2025-08-25', 10, 50_000), day('2025-08-25', 12, 61_000, 'speed'), window)?.text,
    ).toMatch(/counted more/);
    expect(
      servingFlag(day('2025-08-25', 10, 50_000), day('2025-08-25', 9, 45_000, 'speed'), window)?.text,
    ).toMatch(/counted less.*arrived after their minute closed/);
    expect(
      servingFlag(day('2025-08-25', 10, 50_000), day('2025-08-25', 10, 50_000, 'speed'), window),
    ).toBeNull();
    expect(servingFlag(day('2025-08-25', 10, 50_000), undefined, null)).toBeNull();
  });
});
