import 'server-only';
import { loadLessons } from '@/lib/content/lessons.server';
import { loadQuestions } from '@/lib/content/questions.server';
import { fillEvidence, type Evidence } from './evidence';
import { interleaveInProportion } from './review-order';
import type { ReviewItem } from './review-queue';

const plain = (markdown: string) => markdown.replace(/[`*#]/g, '').trim();

/**
 * Every item the daily review can show, in queue order: the review page's cards, and (ids only) the list the
 * due count on the home and interview pages counts from, so both say the same number.
 */
export async function reviewItems(evidence: Evidence | null): Promise<ReviewItem[]> {
  const [questions, lessons] = await Promise.all([loadQuestions(), loadLessons()]);
  // Key questions first among the questions; quiz items in lesson order. The queue introduces new cards from the
  // front, so the two kinds are merged in proportion for both to appear in every session.
  const questionItems: ReviewItem[] = [...questions]
    .sort((a, b) => Number(b.keyQuestion) - Number(a.keyQuestion))
    .map((question) => ({
      itemId: `q:${question.id}`,
      front: question.question,
      back: plain(fillEvidence(question.shortAnswer, evidence)),
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
  return interleaveInProportion(questionItems, quizItems);
}
