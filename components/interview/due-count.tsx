'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';

/**
 * "N to review" for the home and interview pages: the same queue the review page shows (due cards, then up to five
 * new ones), counted by lib/interview/review-queue.ts over the review items' ids. The practice store (IndexedDB
 * through idb) and the scheduler are imported only after hydration, so they stay out of those pages' first-load
 * JavaScript.
 */
export function DueCount() {
  const [counts, setCounts] = useState<{ due: number; fresh: number } | null>(null);
  useEffect(() => {
    let cancelled = false;
    void Promise.all([
      import('./practice-store'),
      import('@/lib/interview/review-queue'),
      fetch('/api/review-items').then((response) =>
        response.ok ? (response.json() as Promise<{ itemIds: string[] }>) : { itemIds: [] },
      ),
    ]).then(async ([{ practiceStore }, { reviewCounts }, { itemIds }]) => {
      const cards = await practiceStore.cards();
      if (!cancelled) setCounts(reviewCounts(itemIds, cards, new Date()));
    });
    return () => {
      cancelled = true;
    };
  }, []);
  if (counts === null) return null;
  const total = counts.due + counts.fresh;
  return (
    <Link
      href="/interview/review"
      data-testid="due-count"
      className="text-sm font-medium text-brand-600 underline dark:text-brand-100"
    >
      {total === 0 ? 'Nothing to review' : `${total} to review · ${counts.due} due, ${counts.fresh} new`}
    </Link>
  );
}
