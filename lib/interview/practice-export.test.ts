import { describe, expect, it } from 'vitest';
import { emptyChallengeProgress } from '@/lib/challenges/progress';
import { parsePracticeExport, serializePractice, type PracticeData } from './practice-export';
import { newCard, review } from './review-scheduler';

const now = new Date('2026-03-02T09:00:00.000Z');
const data: PracticeData = {
  cards: [
    review(newCard('q:walk-me-through-your-architecture', now), 'good', now),
    newCard('quiz:kafka-fundamentals/lag-definition', now),
  ],
  mocks: [
    {
      id: 'mock-1',
      finishedAt: now.toISOString(),
      secondsPerQuestion: 180,
      questionIds: ['q1', 'q2'],
      summary: {
        questions: 2,
        answered: 1,
        skipped: 1,
        timedOut: 0,
        score: 0.5,
        perQuestion: [{ questionId: 'q1', score: 1 }],
        weakTopics: [],
        lessonsToRevisit: ['kafka-fundamentals'],
        durationSeconds: 200,
      },
    },
  ],
  bookmarks: [{ id: 'q1', addedAt: now.toISOString() }],
  challenges: {
    version: 1,
    challenges: {
      'orders-by-status': {
        attempts: 2,
        hintsUsed: 1,
        solved: true,
        gaveUp: false,
        solvedAt: now.toISOString(),
        lastSql: 'SELECT 1',
      },
    },
  },
};

describe('practice export file', () => {
  it('round-trips cards, mocks, bookmarks and challenge progress', () => {
    const text = serializePractice(data);
    expect(JSON.parse(text)).toMatchObject({ version: 1 });
    expect(parsePracticeExport(text)).toEqual(data);
  });

  it('imports a version 1 file written before challenge progress was exported, as no challenge progress', () => {
    const { challenges: _challenges, ...older } = data;
    const text = JSON.stringify({ version: 1, ...older });
    expect(parsePracticeExport(text)).toEqual({ ...older, challenges: emptyChallengeProgress });
  });

  it('refuses what is not an export, naming the problem', () => {
    expect(() => parsePracticeExport('not json')).toThrow(/not JSON/);
    expect(() =>
      parsePracticeExport(JSON.stringify({ version: 2, cards: [], mocks: [], bookmarks: [] })),
    ).toThrow(/practice export \(version 1\).*version/);
    expect(() => parsePracticeExport(JSON.stringify({ version: 1, lessons: {}, quiz: {} }))).toThrow(
      /"cards"/,
    );
  });

  it('refuses a card whose due date is not a date, so a bad file cannot poison the scheduler', () => {
    const broken = { ...JSON.parse(serializePractice(data)), cards: [{ ...data.cards[0], due: 'tomorrow' }] };
    expect(() => parsePracticeExport(JSON.stringify(broken))).toThrow(/"cards\.0\.due"/);
  });

  it('refuses challenge progress with an impossible hint count', () => {
    const broken = {
      ...JSON.parse(serializePractice(data)),
      challenges: {
        version: 1,
        challenges: { x: { ...data.challenges.challenges['orders-by-status'], hintsUsed: 7 } },
      },
    };
    expect(() => parsePracticeExport(JSON.stringify(broken))).toThrow(/challenges\.challenges\.x\.hintsUsed/);
  });
});
