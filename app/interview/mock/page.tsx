import type { Metadata } from 'next';
import { MockInterview } from '@/components/interview/mock-interview';
import { PageHeader } from '@/components/ui/page-header';
import { challenges } from '@/content/challenges';
import { lessonPlan } from '@/content/lessons-plan';
import { loadQuestions } from '@/lib/content/questions.server';

export const metadata: Metadata = { title: 'Mock interview' };

export default async function MockPage() {
  const questions = await loadQuestions();
  return (
    <>
      <PageHeader eyebrow="Practise" title="Mock interview">
        <p>
          Choose the length, level and topics. Answer each question before the timer runs out, then compare
          your answer with a strong one and grade yourself on what an interviewer listens for. SQL questions
          are answered in SQL, in the matching challenge.
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
          ...(question.challenge ? { challenge: question.challenge } : {}),
        }))}
        lessonTitles={Object.fromEntries(lessonPlan.map((lesson) => [lesson.slug, lesson.title]))}
        challengeTitles={Object.fromEntries(
          challenges
            .filter((challenge) => questions.some((question) => question.challenge === challenge.id))
            .map((challenge) => [challenge.id, challenge.title]),
        )}
      />
    </>
  );
}
