import { newCard, reviewInDays } from '@/lib/interview/review-scheduler';
import { pickRedrillSeed, type Redrill } from './redrill';

export type RedrillOutcome = 'failed' | 'solved';

/**
 * The challenge's re-drill after a graded attempt or a give-up at `now`. `redrillSeed` is the run the attempt was
 * graded on when it was a re-drill, null on the challenge's regular page. A failure (or give-up) schedules a
 * re-drill, or resets one to a day; a re-drill solved pushes it further out and moves to an unseen seed; a solve
 * on the regular page leaves the schedule alone (it returns `existing`, possibly undefined).
 */
export function recordRedrillOutcome(
  existing: Redrill | undefined,
  challengeId: string,
  outcome: RedrillOutcome,
  redrillSeed: number | null,
  now: Date,
): Redrill | undefined {
  if (outcome === 'solved' && redrillSeed === null) return existing;
  const previouslySeen = existing?.seedsSeen ?? [];
  const seedsSeen =
    redrillSeed === null
      ? previouslySeen
      : [...previouslySeen.filter((seed) => seed !== redrillSeed), redrillSeed];
  const card = reviewInDays(
    existing?.card ?? newCard(`redrill:${challengeId}`, now),
    outcome === 'solved' ? 'good' : 'again',
    now,
  );
  const seed = redrillSeed === null && existing ? existing.seed : pickRedrillSeed(challengeId, seedsSeen);
  return { challengeId, seed, seedsSeen, card };
}
