'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { preview, review, type ReviewGrade, type StoredCard } from '@/lib/interview/review-scheduler';
import { reviewQueue, type ReviewItem } from '@/lib/interview/review-queue';
import { practiceStore } from './practice-store';

export type { ReviewItem };

const grades: ReviewGrade[] = ['again', 'hard', 'good', 'easy'];

function interval(from: Date, to: Date): string {
  const minutes = Math.max(1, Math.round((to.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / (24 * 60))} d`;
}

/** The daily review queue over interview questions and lesson quiz items, scheduled by FSRS. */
export function ReviewQueue({ items }: { items: ReviewItem[] }) {
  const [queue, setQueue] = useState<Array<{ item: ReviewItem; card: StoredCard }> | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [reviewed, setReviewed] = useState(0);

  useEffect(() => {
    void (async () => {
      setQueue(reviewQueue(items, await practiceStore.cards(), new Date()));
    })();
  }, [items]);

  if (queue === null) return <p>Loading your review queue…</p>;
  const current = queue[0];
  if (!current) {
    return (
      <p data-testid="review-done" className="rounded-lg bg-emerald-50 p-4 dark:bg-emerald-950/40">
        {reviewed > 0 ? `Done for now: ${reviewed} reviewed.` : 'Nothing is due.'} Come back tomorrow, or{' '}
        <Link href="/interview/mock" className="underline">
          run a mock interview
        </Link>
        .
      </p>
    );
  }
  const now = new Date();
  const next = preview(current.card, now);
  return (
    <section aria-label="Review card" className="space-y-4">
      <p className="text-sm text-slate-500" data-testid="review-remaining">
        {queue.length} to review
      </p>
      <div className="rounded-lg border border-slate-200 p-6 dark:border-slate-800">
        <p className="text-lg font-medium" data-testid="review-front">
          {current.item.front}
        </p>
        {revealed ? (
          <div className="mt-4 border-t border-slate-200 pt-4 text-sm dark:border-slate-800">
            <p className="whitespace-pre-line">{current.item.back}</p>
            <Link href={current.item.href} className="mt-2 inline-block text-brand-600 underline">
              Read more
            </Link>
          </div>
        ) : null}
      </div>
      {revealed ? (
        <div className="flex flex-wrap gap-2" role="group" aria-label="How well did you remember?">
          {grades.map((grade) => (
            <button
              key={grade}
              type="button"
              onClick={async () => {
                await practiceStore.saveCard(review(current.card, grade, new Date()));
                setReviewed((count) => count + 1);
                setRevealed(false);
                setQueue(queue.slice(1));
              }}
              className="rounded border border-slate-300 px-3 py-2 text-sm capitalize dark:border-slate-700"
            >
              {grade} · {interval(now, next[grade])}
            </button>
          ))}
        </div>
      ) : (
        <button
          type="button"
          onClick={() => setRevealed(true)}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white"
        >
          Show answer
        </button>
      )}
    </section>
  );
}
