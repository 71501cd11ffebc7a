import 'server-only';
import { loadLessons } from './lessons.server';
import { loadQuestions } from './questions.server';
import { mdxToText, uniqueWords, type SearchEntry, type SearchIndex } from './search-words';

/** Headline entries for the /learn page itself: titles, summaries and topics, a few kB of the page's HTML. */
export async function searchHeadlines(): Promise<SearchEntry[]> {
  const [lessons, questions] = await Promise.all([loadLessons(), loadQuestions()]);
  return [
    ...lessons.map((lesson) => ({
      href: `/learn/${lesson.slug}`,
      title: lesson.frontmatter.title,
      kind: 'lesson' as const,
      words: uniqueWords(`${lesson.frontmatter.title} ${lesson.frontmatter.summary}`),
    })),
    ...questions.map((question) => ({
      href: `/interview/questions/${question.id}`,
      title: question.question,
      kind: 'question' as const,
      words: uniqueWords(`${question.question} ${question.topics.join(' ')}`),
    })),
  ];
}

/** The full-text index: every word of every lesson (frontmatter, prose, SQL) and of every answer in the bank. */
export async function buildSearchIndex(): Promise<SearchIndex> {
  const [lessons, questions] = await Promise.all([loadLessons(), loadQuestions()]);
  const entries: SearchEntry[] = [
    ...lessons.map((lesson) => {
      const { title, summary, objectives, quiz } = lesson.frontmatter;
      const quizText = quiz
        .map((item) => `${item.question} ${item.options[item.answer]} ${item.explanation}`)
        .join(' ');
      return {
        href: `/learn/${lesson.slug}`,
        title,
        kind: 'lesson' as const,
        words: uniqueWords(
          `${title} ${summary} ${objectives.join(' ')} ${mdxToText(lesson.body)} ${quizText}`,
        ),
      };
    }),
    ...questions.map((question) => ({
      href: `/interview/questions/${question.id}`,
      title: question.question,
      kind: 'question' as const,
      words: uniqueWords(
        [
          question.question,
          question.topics.join(' '),
          question.shortAnswer,
          question.deepAnswer,
          ...question.commonMistakes,
          ...question.rubric,
          ...question.followUps,
        ].join(' '),
      ),
    })),
  ];
  return { version: 1, entries };
}
