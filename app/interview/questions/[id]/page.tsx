import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BookmarkButton } from '@/components/interview/bookmark-button';
import { Markdown } from '@/components/interview/markdown';
import { lessonPlan } from '@/content/lessons-plan';
import { loadQuestions } from '@/lib/content/questions.server';
import { fillEvidence } from '@/lib/interview/evidence';
import { latestEvidence } from '@/lib/interview/latest-evidence.server';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const question = (await loadQuestions()).find((entry) => entry.id === id);
  return { title: question?.question ?? 'Question' };
}

/** One question with its model answers, filled in with figures from the learner's newest run. */
export default async function QuestionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const question = (await loadQuestions()).find((entry) => entry.id === id);
  if (!question) notFound();
  const latest = await latestEvidence();
  const uses = /\{\{\s*run\./.test(question.deepAnswer + question.shortAnswer);
  const fill = (markdown: string) => fillEvidence(markdown, latest?.evidence ?? null);
  return (
    <article className="mx-auto max-w-3xl">
      <p className="text-sm font-medium uppercase tracking-wide text-brand-600 dark:text-brand-100">
        {question.category} · {question.difficulty}
        {question.keyQuestion ? ' · key question' : ''}
      </p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight">{question.question}</h1>
      <div className="mt-4 flex flex-wrap gap-3">
        <BookmarkButton id={question.id} />
        <Link
          href={`/interview/mock?questions=${question.id}`}
          className="rounded border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700"
        >
          Practise it in a mock interview
        </Link>
      </div>
      {uses ? (
        <p className="mt-4 rounded bg-slate-50 p-3 text-sm dark:bg-slate-900" role="note">
          {latest
            ? `The answers below use figures from your run ${latest.runId}.`
            : 'The answers below refer to figures from your own run: run the pipeline first and they fill in.'}
        </p>
      ) : null}
      <section className="mt-8" aria-labelledby="short">
        <h2 id="short" className="text-xl font-semibold">
          The 30-second answer
        </h2>
        <div className="mt-2">
          <Markdown text={fill(question.shortAnswer)} />
        </div>
      </section>
      <details className="mt-8" open>
        <summary className="cursor-pointer text-xl font-semibold">The deep answer</summary>
        <div className="mt-2">
          <Markdown text={fill(question.deepAnswer)} />
        </div>
      </details>
      <section className="mt-8 grid gap-6 sm:grid-cols-2">
        <div>
          <h2 className="font-semibold">What the interviewer listens for</h2>
          <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm">
            {question.rubric.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ol>
        </div>
        <div>
          <h2 className="font-semibold">Common mistakes</h2>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
            {question.commonMistakes.map((mistake) => (
              <li key={mistake}>{mistake}</li>
            ))}
          </ul>
        </div>
      </section>
      <section className="mt-8">
        <h2 className="font-semibold">Follow-up questions</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
          {question.followUps.map((followUp) => (
            <li key={followUp}>{followUp}</li>
          ))}
        </ul>
      </section>
      <section className="mt-8">
        <h2 className="font-semibold">Lessons</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
          {question.lessons.map((slug) => (
            <li key={slug}>
              <Link href={`/learn/${slug}`} className="text-brand-600 underline dark:text-brand-100">
                {lessonPlan.find((lesson) => lesson.slug === slug)?.title ?? slug}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
