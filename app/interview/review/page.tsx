import type { Metadata } from 'next';
import { ReviewQueue, type ReviewItem } from '@/components/interview/review-queue';
import { PageHeader } from '@/components/ui/page-header';
import { loadLessons } from '@/lib/content/lessons.server';
import { loadQuestions } from '@/lib/content/questions.server';
import { fillEvidence } from '@/lib/interview/evidence';
import { latestEvidence } from '@/lib/interview/latest-evidence.server';
import { interleaveInProportion } from '@/lib/interview/review-order';

export const metadata: Metadata = { title: 'Review' };
// The cards quote the learner's newest run, which changes after the build.
export const dynamic = 'force-dynamic';

const plain = (markdown: string) => markdown.replace(/[`*#]/g, '').trim();

export default async function ReviewPage() {
  const [questions, lessons, latest] = await Promise.all([loadQuestions(), loadLessons(), latestEvidence()]);
  // Key questions first among the questions; quiz items in lesson order. The queue introduces new cards from the
  // front, so the two kinds are merged in proportion for both to appear in every session.
  const questionItems: ReviewItem[] = [...questions]
    .sort((a, b) => Number(b.keyQuestion) - Number(a.keyQuestion))
    .map((question) => ({
      itemId: `q:${question.id}`,
      front: question.question,
      back: plain(fillEvidence(question.shortAnswer, latest?.evidence ?? null)),
      href: `/interview/questions/${question.id}`,
    }));
  const quizItems: ReviewItem[] = lessons.flatMap((lesson) =>
    lesson.frontmatter.quiz.map((item) => ({
      itemId: `quiz:${lesson.slug}/${item.id}`,
      front: item.question,
      back: `${item.options[item.answer]}\n\n${item.explanation}`,
      href: `/learn/${lesson.slug}`,
    })),
  );
  const items = interleaveInProportion(questionItems, quizItems);
  return (
    <>
      <PageHeader eyebrow="Practise" title="Daily review">
        <p>
          Recall the answer, reveal it, then say how well you remembered. FSRS schedules the next review:
          again and hard soon, good and easy later.
        </p>
      </PageHeader>
      <ReviewQueue items={items} />
    </>
  );
}
