'use client';

import { useRedrills } from './use-redrill';

function day(iso: string): string {
  return new Date(iso).toLocaleDateString('en', { weekday: 'short', day: 'numeric', month: 'short' });
}

/** Tells the learner this attempt is a re-drill on a run never shown for this challenge, and when the next one is. */
export function RedrillBanner({ challengeId, seed }: { challengeId: string; seed: number }) {
  const redrill = useRedrills().redrills[challengeId];
  const moved = redrill && redrill.seedsSeen.includes(seed);
  return (
    <p
      data-testid="redrill-banner"
      className="mt-3 max-w-3xl rounded-md border border-violet-300 bg-violet-50 p-3 text-sm text-violet-950 dark:border-violet-700 dark:bg-violet-950 dark:text-violet-50"
    >
      <strong>Re-drill on fresh data: the seed-{seed} run.</strong> You missed this challenge before; these
      numbers are new to you, so solve it again rather than recall the answer. Run and Submit use this run
      first.
      {moved ? ` Next re-drill ${day(redrill.card.due)}, on the seed-${redrill.seed} run.` : null}
    </p>
  );
}
