import type { Metadata } from 'next';
import Link from 'next/link';
import { LessonBadge, WeekProgress } from '@/components/learn/lesson-status';
import { LessonSearch } from '@/components/learn/lesson-search';
import { ProgressTransfer } from '@/components/learn/progress-transfer';
import { PageHeader } from '@/components/ui/page-header';
import { curriculumWeeks } from '@/content/curriculum';
import { loadLessons } from '@/lib/content/lessons.server';
import { searchHeadlines } from '@/lib/content/search-index.server';

export const metadata: Metadata = { title: 'Learn' };

export default async function LearnPage() {
  const [lessons, headlines] = await Promise.all([loadLessons(), searchHeadlines()]);
  return (
    <>
      <PageHeader eyebrow="Learn" title="The three-week plan">
        <p>
          Foundation, core processing, then advanced features: the plan a learner wrote for themselves, each
          lesson tied to the part of the pipeline you run. Progress is kept in this browser.
        </p>
      </PageHeader>
      <ProgressTransfer />
      <LessonSearch headlines={headlines} />
      <div className="grid gap-8 lg:grid-cols-3">
        {curriculumWeeks.map((week) => {
          const weekLessons = lessons.filter((lesson) => lesson.frontmatter.week === week.week);
          return (
            <section key={week.week} aria-labelledby={`week-${week.week}`}>
              <div className="flex items-baseline justify-between">
                <h2 id={`week-${week.week}`} className="text-lg font-semibold">
                  Week {week.week}: {week.title}
                </h2>
                <WeekProgress slugs={weekLessons.map((lesson) => lesson.slug)} />
              </div>
              <ol className="mt-3 space-y-3">
                {weekLessons.map((lesson) => (
                  <li
                    key={lesson.slug}
                    className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
                  >
                    <Link
                      href={`/learn/${lesson.slug}`}
                      className="font-medium text-brand-600 hover:underline dark:text-brand-100"
                    >
                      {lesson.frontmatter.title}
                    </Link>
                    <LessonBadge slug={lesson.slug} />
                    <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
                      {lesson.frontmatter.summary}
                    </p>
                    <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                      {lesson.frontmatter.minutes} min
                    </p>
                  </li>
                ))}
              </ol>
            </section>
          );
        })}
      </div>
    </>
  );
}
