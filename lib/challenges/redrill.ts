import type { StoredCard } from '@/lib/interview/review-scheduler';
import { redrillSeeds } from './datasets';

/**
 * Re-drills: a SQL challenge failed or given up comes back through spaced repetition on a run the learner has not
 * seen, so it has to be solved again rather than remembered. The schedule is the review queue's FSRS in whole days
 * (1 day after a failure, growing after each re-drill solved, back to 1 day on a failure); the seed is chosen from
 * the runs kept back for re-drills, skipping the ones this learner already met on this challenge.
 * Scheduling itself is in redrill-schedule.ts, which loads FSRS: this file stays light for the challenge pages.
 */
export interface Redrill {
  challengeId: string;
  /** The run the next re-drill is graded on. */
  seed: number;
  /** Re-drill runs already shown to the learner for this challenge, oldest first. */
  seedsSeen: number[];
  card: StoredCard;
}

export interface RedrillState {
  version: 1;
  redrills: Record<string, Redrill>;
}

export const emptyRedrillState: RedrillState = { version: 1, redrills: {} };

/** A stable small hash, so the same challenge and history always get the same seed (no Math.random). */
function hash(text: string): number {
  let value = 2166136261;
  for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 16777619) >>> 0;
  return value;
}

/**
 * The seed for a challenge's next re-drill: one of the pool not yet seen for it. Once every seed has been seen,
 * the one seen longest ago (the numbers least likely to be remembered), never the one just shown.
 */
export function pickRedrillSeed(
  challengeId: string,
  seen: readonly number[],
  pool: readonly number[] = redrillSeeds,
): number {
  const unseen = pool.filter((seed) => !seen.includes(seed));
  if (unseen.length > 0) return unseen[hash(`${challengeId}#${seen.length}`) % unseen.length]!;
  const oldest = seen.find((seed) => pool.includes(seed) && seed !== seen[seen.length - 1]);
  if (oldest === undefined) throw new Error('A re-drill needs a pool of at least two seeds.');
  return oldest;
}

/** The re-drills due at `now`, the most overdue first. */
export function dueRedrills(state: RedrillState, now: Date): Redrill[] {
  return Object.values(state.redrills)
    .filter((redrill) => new Date(redrill.card.due).getTime() <= now.getTime())
    .sort((a, b) => a.card.due.localeCompare(b.card.due));
}

/** The link that opens a challenge as a re-drill on its seed. */
export function redrillHref(redrill: Pick<Redrill, 'challengeId' | 'seed'>): string {
  return `/interview/sql/${redrill.challengeId}?redrill=${redrill.seed}`;
}

/** The re-drill seed a challenge page was opened with (`?redrill=<seed>`), or null when absent or not a re-drill run. */
export function redrillSeedFromSearch(search: string): number | null {
  const value = new URLSearchParams(search).get('redrill');
  if (value === null || !/^\d+$/.test(value)) return null;
  const seed = Number(value);
  return (redrillSeeds as readonly number[]).includes(seed) ? seed : null;
}
