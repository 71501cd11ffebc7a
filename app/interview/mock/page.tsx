import type { Metadata } from 'next';
import { MockInterview } from '@/components/interview/mock-interview';
import { PageHeader } from '@/components/ui/page-header';
import { lessonPlan } from '@/content/lessons-plan';
import { loadQuestions } from '@/lib/content/questions.server';

export const metadata: Metadata = { title: 'Mock interview' };

export default async function MockPage() {
  const questions = await loadQuestions();
  return (
    <>
      <PageHeader eyebrow="Practise" title="Mock interview">
        <p>
          Choose the length, level and topics. Answer each question before the timer runs out, then grade
          yourself on what an interviewer listens for.
        </p>
      </PageHeader>
      <MockInterview
        candidates={questions.map((question) => ({
          id: question.id,
          question: question.question,
          topics: question.topics,
          rubric: question.rubric,
          lessons: question.lessons,
          category: question.category,
          difficulty: question.difficulty,
        }))}
        lessonTitles={Object.fromEntries(lessonPlan.map((lesson) => [lesson.slug, lesson.title]))}
      />
    </>
  );
}
