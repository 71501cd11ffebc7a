import { describe, expect, it } from 'vitest';
import { emptyEntry, type ChallengeProgress } from './progress';
import { mergeChallengeProgress } from './progress-merge';

const progress = (challenges: ChallengeProgress['challenges']): ChallengeProgress => ({
  version: 1,
  challenges,
});

describe('mergeChallengeProgress', () => {
  it('keeps challenges found on only one side', () => {
    const here = progress({ a: { ...emptyEntry, attempts: 2, lastSql: 'SELECT 1' } });
    const there = progress({ b: { ...emptyEntry, attempts: 1, hintsUsed: 1, lastSql: 'SELECT 2' } });
    expect(mergeChallengeProgress(here, there)).toEqual(
      progress({ a: here.challenges.a!, b: there.challenges.b! }),
    );
  });

  it('never undoes a solve: solved in either stays solved, with the earlier time; counts take the larger', () => {
    const here = progress({
      a: {
        attempts: 5,
        hintsUsed: 1,
        solved: true,
        gaveUp: false,
        solvedAt: '2026-02-01T10:00:00.000Z',
        lastSql: 'right',
      },
    });
    const there = progress({
      a: { attempts: 3, hintsUsed: 2, solved: false, gaveUp: true, solvedAt: null, lastSql: 'wrong' },
    });
    expect(mergeChallengeProgress(here, there).challenges.a).toEqual({
      attempts: 5,
      hintsUsed: 2,
      solved: true,
      gaveUp: true,
      solvedAt: '2026-02-01T10:00:00.000Z',
      lastSql: 'right',
    });
    const solvedTwice = mergeChallengeProgress(
      progress({ a: { ...emptyEntry, solved: true, solvedAt: '2026-02-03T00:00:00.000Z' } }),
      progress({ a: { ...emptyEntry, solved: true, solvedAt: '2026-01-30T00:00:00.000Z' } }),
    );
    expect(solvedTwice.challenges.a?.solvedAt).toBe('2026-01-30T00:00:00.000Z');
  });

  it('takes the last SQL from the side with more attempts, the imported file on a tie', () => {
    const here = progress({ a: { ...emptyEntry, attempts: 2, lastSql: 'here' } });
    expect(
      mergeChallengeProgress(here, progress({ a: { ...emptyEntry, attempts: 4, lastSql: 'there' } }))
        .challenges.a?.lastSql,
    ).toBe('there');
    expect(
      mergeChallengeProgress(here, progress({ a: { ...emptyEntry, attempts: 2, lastSql: 'there' } }))
        .challenges.a?.lastSql,
    ).toBe('there');
    expect(
      mergeChallengeProgress(here, progress({ a: { ...emptyEntry, attempts: 1, lastSql: 'there' } }))
        .challenges.a?.lastSql,
    ).toBe('here');
  });

  it('is idempotent: importing the same file twice changes nothing', () => {
    const here = progress({
      a: { ...emptyEntry, attempts: 2 },
      c: { ...emptyEntry, solved: true, solvedAt: '2026-01-01T00:00:00.000Z' },
    });
    const there = progress({
      a: { ...emptyEntry, attempts: 3, hintsUsed: 3 },
      b: { ...emptyEntry, gaveUp: true },
    });
    const once = mergeChallengeProgress(here, there);
    expect(mergeChallengeProgress(once, there)).toEqual(once);
  });
});
