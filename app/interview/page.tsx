import type { Metadata } from 'next';
import Link from 'next/link';
import { PracticeTransfer } from '@/components/interview/practice-transfer';
import { QuestionBank } from '@/components/interview/question-bank';
import { DueCount } from '@/components/interview/due-count';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { loadQuestions } from '@/lib/content/questions.server';

export const metadata: Metadata = { title: 'Interview' };

export default async function InterviewPage() {
  const questions = await loadQuestions();
  const keyQuestions = questions.filter((question) => question.keyQuestion);
  return (
    <>
      <PageHeader eyebrow="Practise" title="Interview practice">
        <p>
          Questions with model answers and rubrics, timed mock interviews, spaced repetition and SQL
          challenges graded on your own run.
        </p>
      </PageHeader>
      <div className="grid gap-4 md:grid-cols-3">
        <Card
          title="Mock interview"
          footer={
            <Link href="/interview/mock" className="font-medium text-brand-600 underline">
              Start a mock interview →
            </Link>
          }
        >
          <p>
            One question at a time against the clock; then grade yourself on the rubric and see your weak
            topics.
          </p>
        </Card>
        <Card title="Daily review" footer={<DueCount />}>
          <p>Spaced repetition (FSRS) over interview questions and lesson quiz items: a few minutes a day.</p>
          <p className="mt-2">
            <Link href="/interview/review" className="font-medium text-brand-600 underline">
              Open the review queue →
            </Link>
          </p>
        </Card>
        <Card
          title="SQL challenges"
          footer={
            <Link href="/interview/sql" className="font-medium text-brand-600 underline">
              Practise SQL challenges →
            </Link>
          }
        >
          <p>
            Funnels, sessionization, cohorts, top-N, point-in-time joins, gaps and islands: graded in your
            browser on your own run, with a diagnosis of what is wrong.
          </p>
        </Card>
        <Card
          title="Incident round"
          footer={
            <Link href="/interview/incident" className="font-medium text-brand-600 underline">
              Debug a broken run →
            </Link>
          }
        >
          <p>
            A fresh run breaks in a way you are not told. Find it with SQL, name the root cause, write the
            check that catches it (graded on recall and precision against the fault ledger) and explain it
            aloud.
          </p>
        </Card>
      </div>
      {keyQuestions.length > 0 ? (
        <div className="mt-8">
          <Card title="The five questions to master">
            <ol className="list-decimal space-y-1 pl-5">
              {keyQuestions.map((question) => (
                <li key={question.id}>
                  <Link
                    href={`/interview/questions/${question.id}`}
                    className="text-brand-600 underline dark:text-brand-100"
                  >
                    {question.question}
                  </Link>
                </li>
              ))}
            </ol>
          </Card>
        </div>
      ) : null}
      <QuestionBank
        questions={questions.map((question) => ({
          id: question.id,
          question: question.question,
          category: question.category,
          difficulty: question.difficulty,
          topics: question.topics,
          keyQuestion: question.keyQuestion,
        }))}
      />
      <div className="mt-8">
        <PracticeTransfer />
      </div>
    </>
  );
}
