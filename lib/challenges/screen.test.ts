import { describe, expect, it } from 'vitest';
import { emptyEntry, type ChallengeProgress } from './progress';
import { pickScreen, scoreScreen, screenDeadline, type ScreenCandidate } from './screen';

const candidates: ScreenCandidate[] = [
  { id: 'e1', difficulty: 'easy' },
  { id: 'e2', difficulty: 'easy' },
  { id: 'm1', difficulty: 'medium' },
  { id: 'h1', difficulty: 'hard' },
  { id: 'h2', difficulty: 'hard' },
];
const start = new Date('2026-01-05T10:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const progress = (entries: ChallengeProgress['challenges']): ChallengeProgress => ({
  version: 1,
  challenges: entries,
});

describe('timed screen', () => {
  it('picks one unsolved challenge per difficulty and remembers the hints already used', () => {
    const state = pickScreen(
      candidates,
      progress({
        e1: { ...emptyEntry, solved: true, solvedAt: '2025-01-01T00:00:00Z' },
        h2: { ...emptyEntry, hintsUsed: 2 },
      }),
      () => 0.99,
      start,
    );
    expect(state?.challenges).toEqual([
      { id: 'e2', difficulty: 'easy', hintsAtStart: 0 },
      { id: 'm1', difficulty: 'medium', hintsAtStart: 0 },
      { id: 'h2', difficulty: 'hard', hintsAtStart: 2 },
    ]);
    expect(screenDeadline(state!)).toEqual(at(45));
  });

  it('gives up when a difficulty has nothing left to solve', () => {
    expect(
      pickScreen(
        candidates,
        progress({ m1: { ...emptyEntry, solved: true, solvedAt: '2025-01-01T00:00:00Z' } }),
        () => 0,
        start,
      ),
    ).toBeNull();
  });

  it('scores solves inside the window by difficulty, minus half a point per hint revealed during the screen', () => {
    const state = pickScreen(candidates, progress({ h1: { ...emptyEntry, hintsUsed: 1 } }), () => 0, start)!;
    const during = progress({
      e1: { ...emptyEntry, solved: true, solvedAt: at(10).toISOString(), hintsUsed: 1 },
      m1: { ...emptyEntry, solved: true, solvedAt: at(50).toISOString() },
      h1: { ...emptyEntry, solved: true, solvedAt: at(44).toISOString(), hintsUsed: 2 },
    });
    const score = scoreScreen(state, during, at(46));
    expect(score.perChallenge.map((c) => [c.id, c.solved, c.points])).toEqual([
      ['e1', true, 0.5],
      ['m1', false, 0],
      ['h1', true, 2.5],
    ]);
    expect(score).toMatchObject({ points: 3, max: 6, passed: false, over: true, remainingMs: 0 });
  });

  it('passes at two thirds of the points, and a finished screen stops counting', () => {
    const state = pickScreen(candidates, progress({}), () => 0, start)!;
    const solvedAll = progress({
      e1: { ...emptyEntry, solved: true, solvedAt: at(5).toISOString() },
      m1: { ...emptyEntry, solved: true, solvedAt: at(15).toISOString() },
      h1: { ...emptyEntry, solved: true, solvedAt: at(30).toISOString() },
    });
    expect(scoreScreen(state, solvedAll, at(31))).toMatchObject({
      points: 6,
      passed: true,
      over: false,
      remainingMs: 14 * 60_000,
    });
    const finishedEarly = { ...state, finishedAt: at(20).toISOString() };
    expect(scoreScreen(finishedEarly, solvedAll, at(31))).toMatchObject({
      points: 3,
      passed: false,
      over: true,
    });
  });
});
