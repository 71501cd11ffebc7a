import { describe, expect, it } from 'vitest';
import {
  finishEarly,
  gradeAndContinue,
  secondsLeft,
  skipQuestion,
  startMock,
  submitAnswer,
  summarize,
  tick,
  typeAnswer,
  type MockQuestion,
} from './mock-session';

const question = (id: string, topics: string[], lessons: string[]): MockQuestion => ({
  id,
  question: `${id}?`,
  category: 'kafka',
  topics,
  rubric: ['a', 'b', 'c', 'd'],
  lessons,
});
const questions = [
  question('q1', ['kafka'], ['kafka-fundamentals']),
  question('q2', ['spark'], ['spark-performance']),
  question('q3', ['kafka', 'sql'], ['etl-vs-elt']),
];
const t0 = 1_000_000;

describe('mock interview state machine', () => {
  it('counts the timer down and submits the draft when it runs out', () => {
    let state = startMock(questions, 90, t0);
    expect(secondsLeft(state, t0 + 30_000)).toBe(60);
    state = typeAnswer(state, 'partitions and keys');
    state = tick(state, t0 + 89_000);
    expect(state.phase).toBe('answering');
    state = tick(state, t0 + 90_000);
    expect(state.phase).toBe('grading');
    expect(state.answers[0]).toMatchObject({
      answer: 'partitions and keys',
      timedOut: true,
      secondsUsed: 90,
    });
  });

  it('walks answer → grade → next question, skip included, and finishes after the last', () => {
    let state = startMock(questions, 120, t0);
    state = submitAnswer(typeAnswer(state, 'one'), t0 + 10_000);
    state = gradeAndContinue(state, [0, 1, 2, 3], t0 + 12_000);
    expect(state).toMatchObject({ index: 1, phase: 'answering', draft: '' });
    expect(secondsLeft(state, t0 + 12_000)).toBe(120);
    state = skipQuestion(state, t0 + 15_000);
    state = gradeAndContinue(state, [], t0 + 16_000);
    state = submitAnswer(typeAnswer(state, 'three'), t0 + 40_000);
    state = gradeAndContinue(state, [0, 0, 1], t0 + 41_000);
    expect(state.phase).toBe('finished');
    const summary = summarize(state);
    expect(summary).toMatchObject({
      questions: 3,
      answered: 2,
      skipped: 1,
      timedOut: 0,
      durationSeconds: 41,
    });
    expect(summary.perQuestion.map((entry) => entry.score)).toEqual([1, 0, 0.5]);
    expect(summary.score).toBeCloseTo(6 / 12);
    expect(summary.weakTopics).toEqual([
      { topic: 'spark', score: 0 },
      { topic: 'sql', score: 0.5 },
    ]);
    expect(summary.lessonsToRevisit).toEqual(['spark-performance', 'etl-vs-elt']);
  });

  it('ignores actions that do not belong to the phase, and can finish early', () => {
    let state = startMock(questions, 60, t0);
    expect(gradeAndContinue(state, [1], t0)).toBe(state);
    state = submitAnswer(state, t0 + 1_000);
    expect(typeAnswer(state, 'late edit')).toBe(state);
    state = finishEarly(state, t0 + 5_000);
    expect(summarize(state)).toMatchObject({ questions: 3, answered: 1 });
  });

  it('refuses an empty interview', () => {
    expect(() => startMock([], 60, t0)).toThrow(/at least one question/);
  });
});
