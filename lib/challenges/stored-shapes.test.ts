import { describe, expect, it } from 'vitest';
import { emptyEntry, isChallengeProgress } from './progress';
import { recordRedrillOutcome } from './redrill-schedule';
import { isRedrillState } from './redrill-store';
import { isScreenState } from './screen';

// Both are read from localStorage on a challenge page's first load with hand-written checks (no zod there):
// what a learner's browser holds may be old, edited or broken, and must read as "none" rather than crash.
describe('stored challenge progress', () => {
  const good = {
    version: 1,
    challenges: { 'funnel-conversion': { ...emptyEntry, attempts: 2, solved: true } },
  };

  it('accepts version 1 progress, empty or with entries', () => {
    expect(isChallengeProgress({ version: 1, challenges: {} })).toBe(true);
    expect(isChallengeProgress(good)).toBe(true);
    expect(
      isChallengeProgress({
        ...good,
        challenges: { x: { ...emptyEntry, solvedAt: '2026-01-05T10:00:00Z' } },
      }),
    ).toBe(true);
  });

  it('refuses another version, a list of challenges, and each broken field of an entry', () => {
    expect(isChallengeProgress(null)).toBe(false);
    expect(isChallengeProgress({ ...good, version: 2 })).toBe(false);
    expect(isChallengeProgress({ version: 1, challenges: [] })).toBe(false);
    const broken = [
      { attempts: -1 },
      { attempts: 1.5 },
      { hintsUsed: 4 },
      { solved: 'yes' },
      { gaveUp: undefined },
      { solvedAt: 5 },
      { lastSql: null },
    ];
    for (const change of broken)
      expect(
        isChallengeProgress({ version: 1, challenges: { x: { ...emptyEntry, ...change } } }),
        JSON.stringify(change),
      ).toBe(false);
  });
});

describe('stored timed screen', () => {
  const challenge = (difficulty: string) => ({ id: `c-${difficulty}`, difficulty, hintsAtStart: 0 });
  const good = {
    startedAt: '2026-01-05T10:00:00Z',
    finishedAt: null,
    challenges: [challenge('easy'), challenge('medium'), challenge('hard')],
  };

  it('accepts a running or finished screen of three challenges', () => {
    expect(isScreenState(good)).toBe(true);
    expect(isScreenState({ ...good, finishedAt: '2026-01-05T10:30:00Z' })).toBe(true);
  });

  it('refuses two challenges, an unknown difficulty, negative hints and a missing start', () => {
    expect(isScreenState({ ...good, challenges: good.challenges.slice(1) })).toBe(false);
    expect(
      isScreenState({ ...good, challenges: [challenge('easy'), challenge('medium'), challenge('insane')] }),
    ).toBe(false);
    expect(
      isScreenState({
        ...good,
        challenges: [challenge('easy'), challenge('medium'), { ...challenge('hard'), hintsAtStart: -1 }],
      }),
    ).toBe(false);
    expect(isScreenState({ ...good, startedAt: undefined })).toBe(false);
    expect(isScreenState('{}')).toBe(false);
  });
});

describe('stored re-drills', () => {
  const redrill = recordRedrillOutcome(
    undefined,
    'funnel-conversion',
    'failed',
    null,
    new Date('2026-01-05T10:00:00Z'),
  )!;
  const good = { version: 1, redrills: { 'funnel-conversion': redrill } };

  it('accepts none, and a re-drill written by the scheduler after a JSON round trip', () => {
    expect(isRedrillState({ version: 1, redrills: {} })).toBe(true);
    expect(isRedrillState(JSON.parse(JSON.stringify(good)))).toBe(true);
  });

  it('refuses another version, a re-drill under another challenge key, and each broken field', () => {
    expect(isRedrillState({ ...good, version: 2 })).toBe(false);
    expect(isRedrillState({ version: 1, redrills: [redrill] })).toBe(false);
    expect(isRedrillState({ version: 1, redrills: { other: redrill } })).toBe(false);
    const broken = [
      { seed: -1 },
      { seed: '31' },
      { seedsSeen: [1.5] },
      { seedsSeen: null },
      { card: { ...redrill.card, due: 'tomorrow' } },
      { card: { ...redrill.card, itemId: 'q:1' } },
      { card: { ...redrill.card, stability: Number.NaN } },
      { card: { ...redrill.card, state: 7 } },
      { card: undefined },
    ];
    for (const change of broken)
      expect(
        isRedrillState({ version: 1, redrills: { 'funnel-conversion': { ...redrill, ...change } } }),
        JSON.stringify(change),
      ).toBe(false);
  });
});
