'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';

/**
 * "N reviews due" for the home and interview pages. The practice store (IndexedDB through idb) and the scheduler
 * are imported only after hydration, so they stay out of those pages' first-load JavaScript.
 */
export function DueCount() {
  const [due, setDue] = useState<number | null>(null);
  useEffect(() => {
    let cancelled = false;
    void Promise.all([import('./practice-store'), import('@/lib/interview/review-scheduler')]).then(async ([{ practiceStore }, { isDue }]) => {
      const cards = await practiceStore.cards();
      if (!cancelled) setDue(cards.filter((card) => isDue(card, new Date())).length);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  if (due === null) return null;
  return (
    <Link href="/interview/review" data-testid="due-count" className="text-sm font-medium text-brand-600 underline dark:text-brand-100">
      {due === 0 ? 'No reviews due' : `${due} review${due === 1 ? '' : 's'} due`}
    </Link>
  );
}
