import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getMDXComponent } from 'mdx-bundler/client';
import { LessonStatusControl } from '@/components/learn/lesson-status';
import { Quiz } from '@/components/learn/quiz';
import { lessonComponents } from '@/components/mdx';
import { stageCatalog } from '@/pipeline/contracts/stages';
import { compileLesson } from '@/lib/content/compile-lesson.server';
import { latestFormatStats, sampleFormatStats } from '@/lib/content/format-stats.server';
import { latestTableRows } from '@/lib/content/table-rows.server';
import { latestMonitoring } from '@/lib/content/monitoring.server';
import { lessonCassandraTarget } from '@/lib/cassandra/cell-target.server';
import { loadLesson, loadLessons } from '@/lib/content/lessons.server';
import { loadQuestions } from '@/lib/content/questions.server';

export async function generateStaticParams() {
  return (await loadLessons()).map((lesson) => ({ slug: lesson.slug }));
}

export const dynamicParams = false;
// Lessons are static, but their live figures come from the learner's runs: render on request.
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const lesson = await loadLesson((await params).slug);
  return { title: lesson?.frontmatter.title ?? 'Lesson', description: lesson?.frontmatter.summary };
}

/**
 * Links in a lesson do not prefetch: a lesson links to a dozen pages (prerequisites, stages, questions, neighbours),
 * and prefetching them all while the reader is still loading the page cost about 80 ms of main-thread time on
 * Lighthouse's mobile profile (total blocking time 290 → 150–210 ms, performance 92 → 94–98). A click still
 * navigates on the client.
 *
 * A lesson: MDX compiled and evaluated on the server (evaluating compiled MDX needs `new Function`, which the
 * CSP forbids in the browser); only the widgets are client components.
 */
export default async function LessonPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const lessons = await loadLessons();
  const index = lessons.findIndex((lesson) => lesson.slug === slug);
  const lesson = lessons[index];
  if (!lesson) notFound();
  const { frontmatter } = lesson;
  const uses = (component: string) => lesson.body.includes(`<${component}`);
  const [code, questions, formatStats, sampleFormats, tableRows, monitoring, cassandra] = await Promise.all([
    compileLesson(lesson.body),
    loadQuestions(),
    uses('FileFormatComparison') ? latestFormatStats() : Promise.resolve(null),
    uses('FileFormatComparison') ? sampleFormatStats() : Promise.resolve(null),
    uses('StarSchema') ? latestTableRows() : Promise.resolve(null),
    uses('AlertRules') ? latestMonitoring() : Promise.resolve(null),
    uses('CqlCell') ? lessonCassandraTarget() : Promise.resolve(null),
  ]);
  const Body = getMDXComponent(code);
  const titleOf = new Map(lessons.map((entry) => [entry.slug, entry.frontmatter.title]));
  const questionOf = new Map(questions.map((question) => [question.id, question.question]));
  const previous = lessons[index - 1];
  const next = lessons[index + 1];
  return (
    <article className="mx-auto max-w-3xl">
      <p className="text-sm font-medium uppercase tracking-wide text-brand-600 dark:text-brand-100">
        Week {frontmatter.week} · {frontmatter.minutes} min
      </p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight">{frontmatter.title}</h1>
      <p className="mt-3 text-lg text-slate-600 dark:text-slate-300">{frontmatter.summary}</p>
      <section
        aria-labelledby="objectives"
        className="mt-6 rounded-lg bg-slate-50 p-4 text-sm dark:bg-slate-900"
      >
        <h2 id="objectives" className="font-semibold">
          You will be able to
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {frontmatter.objectives.map((objective) => (
            <li key={objective}>{objective}</li>
          ))}
        </ul>
        {frontmatter.prerequisites.length > 0 ? (
          <p className="mt-3">
            Read first:{' '}
            {frontmatter.prerequisites.map((prerequisite, position) => (
              <span key={prerequisite}>
                {position > 0 ? ', ' : ''}
                <Link
                  prefetch={false}
                  href={`/learn/${prerequisite}`}
                  className="text-brand-600 underline dark:text-brand-100"
                >
                  {titleOf.get(prerequisite) ?? prerequisite}
                </Link>
              </span>
            ))}
          </p>
        ) : null}
        {frontmatter.stages.length > 0 ? (
          <p className="mt-2">
            Pipeline stages:{' '}
            {frontmatter.stages.map((stage, position) => (
              <span key={stage}>
                {position > 0 ? ', ' : ''}
                <Link
                  prefetch={false}
                  href={`/pipeline?stage=${stage}`}
                  className="font-mono text-brand-600 underline dark:text-brand-100"
                >
                  {stageCatalog.find((entry) => entry.name === stage)?.name ?? stage}
                </Link>
              </span>
            ))}
          </p>
        ) : null}
      </section>
      <div className="lesson-body mt-8 space-y-4 leading-7 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:text-sm dark:[&_code]:bg-slate-800 [&_h2]:mt-10 [&_h2]:text-2xl [&_h2]:font-semibold [&_h3]:mt-6 [&_h3]:text-lg [&_h3]:font-semibold [&_li]:my-1 [&_ol]:list-decimal [&_ol]:pl-6 [&_pre]:overflow-x-auto [&_pre]:rounded-lg [&_pre]:bg-slate-950 [&_pre]:p-4 [&_pre]:text-slate-100 [&_pre_code]:bg-transparent [&_pre_code]:text-slate-100 [&_ul]:list-disc [&_ul]:pl-6 [&_a]:text-brand-600 [&_a]:underline">
        <Body
          components={lessonComponents({ formatStats, sampleFormats, tableRows, monitoring, cassandra })}
        />
      </div>
      <Quiz lesson={slug} items={frontmatter.quiz} />
      {frontmatter.interviewQuestions.length > 0 ? (
        <aside
          aria-labelledby="interview-box"
          className="mt-10 rounded-lg border-l-4 border-brand-500 bg-brand-50 p-4 dark:bg-slate-900"
        >
          <h2 id="interview-box" className="font-semibold">
            In the interview
          </h2>
          <p className="mt-1 text-sm">Questions from the bank this lesson prepares you for:</p>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
            {frontmatter.interviewQuestions.map((id) => (
              <li key={id}>
                <Link
                  prefetch={false}
                  href={`/interview/questions/${id}`}
                  className="text-brand-600 underline dark:text-brand-100"
                >
                  {questionOf.get(id) ?? id.replace(/-/g, ' ')}
                </Link>
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
      <div className="mt-10 flex items-center justify-between gap-4 border-t border-slate-200 pt-6 dark:border-slate-800">
        {previous ? (
          <Link
            prefetch={false}
            href={`/learn/${previous.slug}`}
            className="text-sm text-brand-600 hover:underline dark:text-brand-100"
          >
            ← {previous.frontmatter.title}
          </Link>
        ) : (
          <span />
        )}
        <LessonStatusControl slug={slug} />
        {next ? (
          <Link
            prefetch={false}
            href={`/learn/${next.slug}`}
            className="text-right text-sm text-brand-600 hover:underline dark:text-brand-100"
          >
            {next.frontmatter.title} →
          </Link>
        ) : (
          <span />
        )}
      </div>
    </article>
  );
}
