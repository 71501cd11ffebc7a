/**
 * SQL challenge progress in localStorage, beside the lesson progress (pipeline-lab:learn-progress:v1): per
 * challenge the attempts (graded submissions), the hints revealed, whether it was solved or given up. The interview
 * pages read it with readChallengeProgress(); components/challenges/use-challenge-progress.ts subscribes React.
 * It travels in the interview practice export (lib/interview/practice-export.ts), merged on import.
 */
export const challengeProgressKey = 'pipeline-lab:challenges:v1';

export interface ChallengeProgressEntry {
  attempts: number;
  hintsUsed: number;
  solved: boolean;
  gaveUp: boolean;
  solvedAt: string | null;
  lastSql: string;
}
export interface ChallengeProgress {
  version: 1;
  challenges: Record<string, ChallengeProgressEntry>;
}

const isCount = (value: unknown, max = Number.MAX_SAFE_INTEGER): boolean =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= max;

function isEntry(value: unknown): value is ChallengeProgressEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    isCount(entry.attempts) &&
    isCount(entry.hintsUsed, 3) &&
    typeof entry.solved === 'boolean' &&
    typeof entry.gaveUp === 'boolean' &&
    (entry.solvedAt === null || typeof entry.solvedAt === 'string') &&
    typeof entry.lastSql === 'string'
  );
}

/**
 * Whether a value is stored challenge progress. Checked by hand rather than with zod: every challenge page reads
 * it on first load, and zod would be most of that page's JavaScript. The practice import, which names the wrong
 * field for the learner, validates the same shape with zod (lib/interview/practice-export.ts).
 */
export function isChallengeProgress(value: unknown): value is ChallengeProgress {
  if (typeof value !== 'object' || value === null) return false;
  const progress = value as Record<string, unknown>;
  const challenges = progress.challenges;
  return (
    progress.version === 1 &&
    typeof challenges === 'object' &&
    challenges !== null &&
    !Array.isArray(challenges) &&
    Object.values(challenges).every(isEntry)
  );
}

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
    const parsed: unknown = text ? JSON.parse(text) : emptyChallengeProgress;
    cached = isChallengeProgress(parsed) ? parsed : emptyChallengeProgress;
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
  if (!isChallengeProgress(next)) throw new Error('Challenge progress to store is not version 1 progress.');
  window.localStorage.setItem(challengeProgressKey, JSON.stringify(next));
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
