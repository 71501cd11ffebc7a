'use client';

import { useSyncExternalStore } from 'react';
import { emptyRedrillState, redrillSeedFromSearch, type RedrillState } from '@/lib/challenges/redrill';
import { readRedrills, subscribeRedrills } from '@/lib/challenges/redrill-store';

export function useRedrills(): RedrillState {
  return useSyncExternalStore(subscribeRedrills, readRedrills, () => emptyRedrillState);
}

const subscribeNothing = () => () => undefined;

/**
 * The re-drill seed in the page's address (`?redrill=<seed>`), null on the regular page. Read from the address in
 * the browser because the challenge pages are static: the server render is always the regular page.
 */
export function useRedrillSeed(): number | null {
  return useSyncExternalStore(
    subscribeNothing,
    () => redrillSeedFromSearch(window.location.search),
    () => null,
  );
}

/** Records a graded attempt or a give-up in the re-drill schedule, loading FSRS only then. */
export async function recordRedrill(
  challengeId: string,
  outcome: 'failed' | 'solved',
  redrillSeed: number | null,
): Promise<void> {
  const { recordRedrill: record } = await import('@/lib/challenges/redrill-record');
  record(challengeId, outcome, redrillSeed);
}
