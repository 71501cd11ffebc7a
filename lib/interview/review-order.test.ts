import { describe, expect, it } from 'vitest';
import { interleaveInProportion } from './review-order';

const questions = Array.from({ length: 91 }, (_, i) => `q:${i}`);
const quiz = Array.from({ length: 88 }, (_, i) => `quiz:${i}`);

describe('interleaveInProportion', () => {
  it('puts quiz items among the first five new cards, not after all 91 questions', () => {
    const firstSession = interleaveInProportion(questions, quiz).slice(0, 5);
    expect(firstSession).toEqual(['q:0', 'quiz:0', 'q:1', 'quiz:1', 'q:2']);
  });

  it('keeps every item once and each list in its own order', () => {
    const merged = interleaveInProportion(questions, quiz);
    expect(merged).toHaveLength(questions.length + quiz.length);
    expect(merged.filter((item) => item.startsWith('q:'))).toEqual(questions);
    expect(merged.filter((item) => item.startsWith('quiz:'))).toEqual(quiz);
  });

  it('keeps the proportion in every prefix: a 3:1 mix never runs more than one item off its share', () => {
    const a = Array.from({ length: 30 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 10 }, (_, i) => `b${i}`);
    const merged = interleaveInProportion(a, b);
    merged.forEach((_, n) => {
      const fromB = merged.slice(0, n + 1).filter((item) => item.startsWith('b')).length;
      expect(Math.abs(fromB - (n + 1) / 4)).toBeLessThanOrEqual(1);
    });
  });

  it('handles an empty side', () => {
    expect(interleaveInProportion([], ['x', 'y'])).toEqual(['x', 'y']);
    expect(interleaveInProportion(['x'], [])).toEqual(['x']);
  });
});
