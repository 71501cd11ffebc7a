import { z } from 'zod';

/**
 * SQL challenge progress in localStorage, beside the lesson progress (pipeline-lab:learn-progress:v1): per
 * challenge the attempts (graded submissions), the hints revealed, whether it was solved or given up. The interview
 * pages read it with readChallengeProgress(); components/challenges/use-challenge-progress.ts subscribes React.
 * It travels in the interview practice export (lib/interview/practice-export.ts), merged on import.
 */
export const challengeProgressKey = 'pipeline-lab:challenges:v1';

const entrySchema = z.object({
  attempts: z.number().int().min(0),
  hintsUsed: z.number().int().min(0).max(3),
  solved: z.boolean(),
  gaveUp: z.boolean(),
  solvedAt: z.string().nullable(),
  lastSql: z.string(),
});
export const challengeProgressSchema = z.object({
  version: z.literal(1),
  challenges: z.record(z.string(), entrySchema),
});
export type ChallengeProgress = z.infer<typeof challengeProgressSchema>;
export type ChallengeProgressEntry = z.infer<typeof entrySchema>;

export const emptyChallengeProgress: ChallengeProgress = { version: 1, challenges: {} };
export const emptyEntry: ChallengeProgressEntry = {
  attempts: 0,
  hintsUsed: 0,
  solved: false,
  gaveUp: false,
  solvedAt: null,
  lastSql: '',
};

const listeners = new Set<() => void>();
let cachedText: string | null = null;
let cached: ChallengeProgress = emptyChallengeProgress;

/** The stored progress; a missing or unreadable value reads as empty (never throws on a learner's old data). */
export function readChallengeProgress(): ChallengeProgress {
  if (typeof window === 'undefined') return emptyChallengeProgress;
  const text = window.localStorage.getItem(challengeProgressKey);
  if (text === cachedText) return cached;
  cachedText = text;
  try {
    const parsed = challengeProgressSchema.safeParse(text ? JSON.parse(text) : emptyChallengeProgress);
    cached = parsed.success ? parsed.data : emptyChallengeProgress;
  } catch {
    cached = emptyChallengeProgress;
  }
  return cached;
}

export function challengeEntry(progress: ChallengeProgress, id: string): ChallengeProgressEntry {
  return progress.challenges[id] ?? emptyEntry;
}

export function updateChallengeProgress(
  id: string,
  change: (entry: ChallengeProgressEntry) => ChallengeProgressEntry,
): void {
  const current = readChallengeProgress();
  writeChallengeProgress({
    ...current,
    challenges: { ...current.challenges, [id]: change(challengeEntry(current, id)) },
  });
}

/** Replaces the stored progress (the practice import writes the merged result through here) and tells subscribers. */
export function writeChallengeProgress(next: ChallengeProgress): void {
  window.localStorage.setItem(challengeProgressKey, JSON.stringify(challengeProgressSchema.parse(next)));
  for (const listener of listeners) listener();
}

export function subscribeChallengeProgress(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => event.key === challengeProgressKey && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
