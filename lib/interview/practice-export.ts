import { z } from 'zod';
import { emptyChallengeProgress, type ChallengeProgress } from '@/lib/challenges/progress';
import type { MockSummary } from './mock-session';
import type { StoredCard } from './review-scheduler';

/**
 * The file that moves a learner's interview practice between browsers: FSRS cards, past mock interviews,
 * bookmarks and SQL challenge progress. Pure (no IndexedDB, no localStorage), so the format and its validation are
 * tested in Node; components/interview/practice-store.ts reads and writes the stores. Version 1 files written
 * before challenge progress joined the export have no `challenges` and still import.
 */
const isoDate = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'expected an ISO date');

const storedCardSchema = z.object({
  itemId: z.string().min(1),
  due: isoDate,
  stability: z.number(),
  difficulty: z.number(),
  elapsed_days: z.number(),
  scheduled_days: z.number(),
  learning_steps: z.number(),
  reps: z.number().int().min(0),
  lapses: z.number().int().min(0),
  state: z.number().int().min(0),
  last_review: isoDate.nullable(),
}) satisfies z.ZodType<StoredCard>;

const mockSummarySchema = z.object({
  questions: z.number(),
  answered: z.number(),
  skipped: z.number(),
  timedOut: z.number(),
  score: z.number(),
  perQuestion: z.array(z.object({ questionId: z.string(), score: z.number() })),
  weakTopics: z.array(z.object({ topic: z.string(), score: z.number() })),
  lessonsToRevisit: z.array(z.string()),
  durationSeconds: z.number(),
}) satisfies z.ZodType<MockSummary>;

const savedMockSchema = z.object({
  id: z.string().min(1),
  finishedAt: isoDate,
  secondsPerQuestion: z.number(),
  questionIds: z.array(z.string()),
  summary: mockSummarySchema,
});
export type SavedMock = z.infer<typeof savedMockSchema>;

const bookmarkSchema = z.object({ id: z.string().min(1), addedAt: isoDate });
export type Bookmark = z.infer<typeof bookmarkSchema>;

// The same shape lib/challenges/progress.ts checks by hand on every read; here zod names the field that is wrong.
const challengeProgressSchema = z.object({
  version: z.literal(1),
  challenges: z.record(
    z.string(),
    z.object({
      attempts: z.number().int().min(0),
      hintsUsed: z.number().int().min(0).max(3),
      solved: z.boolean(),
      gaveUp: z.boolean(),
      solvedAt: z.string().nullable(),
      lastSql: z.string(),
    }),
  ),
}) satisfies z.ZodType<ChallengeProgress>;

const practiceFileSchema = z.object({
  version: z.literal(1),
  cards: z.array(storedCardSchema),
  mocks: z.array(savedMockSchema),
  bookmarks: z.array(bookmarkSchema),
  challenges: challengeProgressSchema.default(emptyChallengeProgress),
});

export interface PracticeData {
  cards: StoredCard[];
  mocks: SavedMock[];
  bookmarks: Bookmark[];
  challenges: ChallengeProgress;
}

export function serializePractice(data: PracticeData): string {
  return JSON.stringify({ version: 1, ...data }, null, 2);
}

/** The contents of an exported file; throws an Error whose message tells the learner what is wrong with it. */
export function parsePracticeExport(text: string): PracticeData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('This file is not JSON, so it is not a Pipeline Lab practice export.');
  }
  const parsed = practiceFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(
      `This file is not a Pipeline Lab practice export (version 1): "${issue.path.join('.') || 'version'}": ${issue.message}.`,
    );
  }
  const { cards, mocks, bookmarks, challenges } = parsed.data;
  return { cards, mocks, bookmarks, challenges };
}
