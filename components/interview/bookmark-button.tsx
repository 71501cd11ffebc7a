'use client';

import { useEffect, useState } from 'react';
import { newCard } from '@/lib/interview/review-scheduler';
import { practiceStore } from './practice-store';

/** Bookmark a question and put it in the review queue. */
export function BookmarkButton({ id }: { id: string }) {
  const [bookmarked, setBookmarked] = useState(false);
  useEffect(() => {
    void practiceStore.bookmarks().then((ids) => setBookmarked(ids.includes(id)));
  }, [id]);
  return (
    <button
      type="button"
      aria-pressed={bookmarked}
      onClick={async () => {
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
