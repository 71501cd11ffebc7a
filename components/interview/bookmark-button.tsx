'use client';

import { useEffect, useState } from 'react';

// The practice store (IndexedDB through idb) and the scheduler load after hydration, as in due-count.tsx: a question
// page is read first, and the button needs them only to show its state and on a click.
const store = () => import('./practice-store').then((module) => module.practiceStore);

/** Bookmark a question and put it in the review queue. */
export function BookmarkButton({ id }: { id: string }) {
  const [bookmarked, setBookmarked] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void store()
      .then((practiceStore) => practiceStore.bookmarks())
      .then((ids) => {
        if (!cancelled) setBookmarked(ids.includes(id));
      });
    return () => {
      cancelled = true;
    };
  }, [id]);
  return (
    <button
      type="button"
      aria-pressed={bookmarked}
      onClick={async () => {
        const [practiceStore, { newCard }] = await Promise.all([
          store(),
          import('@/lib/interview/review-scheduler'),
        ]);
        const now = await practiceStore.toggleBookmark(id);
        setBookmarked(now);
        const cards = await practiceStore.cards();
        if (now && !cards.some((card) => card.itemId === `q:${id}`))
          await practiceStore.saveCard(newCard(`q:${id}`, new Date()));
      }}
      className="rounded border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700"
    >
      {bookmarked ? '★ Bookmarked (in your review queue)' : '☆ Bookmark and review'}
    </button>
  );
}
