'use client';

import { useSyncExternalStore } from 'react';

const subscribeNothing = () => () => undefined;

/** False in the server render and during hydration, true once React owns the page (so typing is not lost). */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
}
