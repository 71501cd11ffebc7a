import type { ChallengeProgress, ChallengeProgressEntry } from './progress';

/**
 * Combines challenge progress from two browsers (an import into one that already has progress). Nothing a learner
 * did is undone by an import: a challenge solved in either stays solved, with the earlier solve time; attempts
 * and hints are the larger count (the same attempts may be in both files, so summing would double them); the last
 * SQL comes from the side with more attempts, the incoming file on a tie. Merging is idempotent, so importing the
 * same file twice changes nothing.
 */
export function mergeChallengeProgress(
  current: ChallengeProgress,
  incoming: ChallengeProgress,
): ChallengeProgress {
  const challenges: Record<string, ChallengeProgressEntry> = { ...current.challenges };
  for (const [id, theirs] of Object.entries(incoming.challenges)) {
    const ours = challenges[id];
    challenges[id] = ours ? mergeEntry(ours, theirs) : theirs;
  }
  return { version: 1, challenges };
}

function mergeEntry(ours: ChallengeProgressEntry, theirs: ChallengeProgressEntry): ChallengeProgressEntry {
  const solvedTimes = [ours.solvedAt, theirs.solvedAt].filter((at): at is string => at !== null).sort();
  return {
    attempts: Math.max(ours.attempts, theirs.attempts),
    hintsUsed: Math.max(ours.hintsUsed, theirs.hintsUsed),
    solved: ours.solved || theirs.solved,
    gaveUp: ours.gaveUp || theirs.gaveUp,
    solvedAt: solvedTimes[0] ?? null,
    lastSql: ours.attempts > theirs.attempts ? ours.lastSql : theirs.lastSql,
  };
}
