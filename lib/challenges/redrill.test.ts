import { describe, expect, it } from 'vitest';
import { challengeDataSeeds, redrillSeeds } from './datasets';
import { dueRedrills, pickRedrillSeed, redrillSeedFromSearch, type Redrill } from './redrill';
import { recordRedrillOutcome } from './redrill-schedule';

const start = new Date('2026-03-02T09:00:00Z');
const days = (n: number) => new Date(start.getTime() + n * 86_400_000);
const daysUntil = (redrill: Redrill, from: Date) =>
  (new Date(redrill.card.due).getTime() - from.getTime()) / 86_400_000;

describe('choosing a re-drill seed', () => {
  it('is never a seed the challenge is graded on anyway, and the same for the same history', () => {
    for (const id of ['funnel-conversion', 'sessionize', 'top-n-per-group']) {
      const seed = pickRedrillSeed(id, []);
      expect(redrillSeeds).toContain(seed);
      expect(challengeDataSeeds).not.toContain(seed);
      expect(pickRedrillSeed(id, [])).toBe(seed);
    }
  });

  it('skips every seed already seen for the challenge until the pool is used up', () => {
    const seen: number[] = [];
    for (let i = 0; i < redrillSeeds.length; i++) {
      const seed = pickRedrillSeed('funnel-conversion', seen);
      expect(seen).not.toContain(seed);
      seen.push(seed);
    }
    expect([...seen].sort()).toEqual([...redrillSeeds].sort());
  });

  it('then returns to the seed seen longest ago, never the one just shown', () => {
    expect(pickRedrillSeed('x', [5, 6, 7], [5, 6, 7])).toBe(5);
    expect(pickRedrillSeed('x', [6, 5, 7], [5, 6, 7])).toBe(6);
    expect(pickRedrillSeed('x', [5, 7], [5])).toBe(5);
  });

  it('spreads challenges over the pool rather than sending all to one seed', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `challenge-${i}`);
    expect(new Set(ids.map((id) => pickRedrillSeed(id, []))).size).toBe(redrillSeeds.length);
  });
});

describe('scheduling re-drills with the review queue FSRS', () => {
  it('schedules nothing for a solve on the regular page', () => {
    expect(recordRedrillOutcome(undefined, 'c', 'solved', null, start)).toBeUndefined();
  });

  it('brings a failed challenge back after one day on an unused seed', () => {
    const redrill = recordRedrillOutcome(undefined, 'c', 'failed', null, start)!;
    expect(daysUntil(redrill, start)).toBe(1);
    expect(redrill.seedsSeen).toEqual([]);
    expect(redrillSeeds).toContain(redrill.seed);
    expect(dueRedrills({ version: 1, redrills: { c: redrill } }, days(0.9))).toEqual([]);
    expect(dueRedrills({ version: 1, redrills: { c: redrill } }, days(1))).toEqual([redrill]);
  });

  it('grows the interval on each re-drill solved, moving to a seed not seen, and cuts it back on a failure', () => {
    const first = recordRedrillOutcome(undefined, 'c', 'failed', null, start)!;
    const solved = recordRedrillOutcome(first, 'c', 'solved', first.seed, days(1))!;
    expect(daysUntil(solved, days(1))).toBeGreaterThan(1);
    expect(solved.seedsSeen).toEqual([first.seed]);
    expect(solved.seed).not.toBe(first.seed);
    const later = new Date(solved.card.due);
    const solvedAgain = recordRedrillOutcome(solved, 'c', 'solved', solved.seed, later)!;
    expect(daysUntil(solvedAgain, later)).toBeGreaterThan(daysUntil(solved, days(1)));
    expect(new Set([...solvedAgain.seedsSeen, solvedAgain.seed]).size).toBe(3);
    const failed = recordRedrillOutcome(solvedAgain, 'c', 'failed', solvedAgain.seed, later)!;
    // FSRS's post-lapse interval: short again (a day or two here), not the grown one.
    expect(daysUntil(failed, later)).toBeLessThan(daysUntil(solvedAgain, later));
    expect(daysUntil(failed, later)).toBeLessThanOrEqual(2);
    expect(failed.card.lapses).toBe(1);
  });

  it('keeps the pending seed when the regular page fails again before the re-drill', () => {
    const first = recordRedrillOutcome(undefined, 'c', 'failed', null, start)!;
    const again = recordRedrillOutcome(first, 'c', 'failed', null, days(0.5))!;
    expect(again.seed).toBe(first.seed);
    expect(daysUntil(again, days(0.5))).toBe(1);
  });

  it('lists due re-drills most overdue first', () => {
    const a = recordRedrillOutcome(undefined, 'a', 'failed', null, days(1))!;
    const b = recordRedrillOutcome(undefined, 'b', 'failed', null, start)!;
    expect(dueRedrills({ version: 1, redrills: { a, b } }, days(3)).map((r) => r.challengeId)).toEqual([
      'b',
      'a',
    ]);
  });
});

describe('the re-drill link', () => {
  it('accepts only a seed kept back for re-drills', () => {
    expect(redrillSeedFromSearch(`?redrill=${redrillSeeds[0]}`)).toBe(redrillSeeds[0]);
    expect(redrillSeedFromSearch(`?redrill=${challengeDataSeeds[0]}`)).toBeNull();
    expect(redrillSeedFromSearch('?redrill=31x')).toBeNull();
    expect(redrillSeedFromSearch('')).toBeNull();
  });
});
