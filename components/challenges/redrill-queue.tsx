'use client';

import Link from 'next/link';
import { dueRedrills, redrillHref } from '@/lib/challenges/redrill';
import { useHydrated } from './use-hydrated';
import { useRedrills } from './use-redrill';

/**
 * The SQL challenges due again as re-drills (failed or given up, back on an unseen run), beside the review
 * cards; and when none is due, the next one scheduled.
 */
export function RedrillQueue({ titles }: { titles: Record<string, string> }) {
  const hydrated = useHydrated();
  const state = useRedrills();
  if (!hydrated) return null;
  const now = new Date();
  const due = dueRedrills(state, now).filter((redrill) => titles[redrill.challengeId]);
  const next = Object.values(state.redrills)
    .filter((redrill) => titles[redrill.challengeId] && !due.includes(redrill))
    .sort((a, b) => a.card.due.localeCompare(b.card.due))[0];
  if (due.length === 0 && !next) return null;
  return (
    <section
      aria-label="SQL re-drills"
      data-testid="redrill-queue"
      className="mb-6 rounded-lg border border-violet-200 p-4 dark:border-violet-800"
    >
      <h2 className="text-lg font-semibold">SQL re-drills</h2>
      {due.length > 0 ? (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="redrill-due-count">
            {due.length} due: challenges you missed, back on a run you have not seen.
          </p>
          <ul className="mt-2 space-y-1 text-sm">
            {due.map((redrill) => (
              <li key={redrill.challengeId} data-testid="redrill-due">
                <Link href={redrillHref(redrill)} className="font-medium text-brand-600 underline">
                  {titles[redrill.challengeId]}
                </Link>{' '}
                <span className="text-slate-500">on the seed-{redrill.seed} run</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {next ? (
        <p className="mt-2 text-sm text-slate-500" data-testid="redrill-next">
          Next re-drill: {titles[next.challengeId]},{' '}
          {new Date(next.card.due).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' })}.
        </p>
      ) : null}
    </section>
  );
}
