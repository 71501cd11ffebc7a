'use client';

import { useEffect } from 'react';
import { setLessonStatus, useLearnProgress } from './progress-store';

/** Marks the lesson in progress when opened, and lets the learner mark it done. */
export function LessonStatusControl({ slug }: { slug: string }) {
  const progress = useLearnProgress();
  useEffect(() => setLessonStatus(slug, 'in-progress'), [slug]);
  const done = progress.lessons[slug]?.status === 'done';
  return (
    <button
      type="button"
      onClick={() => setLessonStatus(slug, done ? 'in-progress' : 'done')}
      aria-pressed={done}
      className={`rounded-md px-4 py-2 text-sm font-medium ${done ? 'bg-emerald-600 text-white' : 'border border-slate-300 dark:border-slate-700'}`}
    >
      {done ? '✓ Done' : 'Mark as done'}
    </button>
  );
}

export function LessonBadge({ slug }: { slug: string }) {
  const status = useLearnProgress().lessons[slug]?.status;
  if (!status) return null;
  return (
    <span
      data-testid={`badge-${slug}`}
      className={`ml-2 rounded-full px-2 py-0.5 text-xs ${status === 'done' ? 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100' : 'bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-100'}`}
    >
      {status === 'done' ? 'done' : 'in progress'}
    </span>
  );
}

export function WeekProgress({ slugs }: { slugs: string[] }) {
  const lessons = useLearnProgress().lessons;
  const done = slugs.filter((slug) => lessons[slug]?.status === 'done').length;
  return (
    <span className="text-sm text-slate-500 dark:text-slate-400" data-testid="week-progress">
      {done}/{slugs.length} done
    </span>
  );
}
