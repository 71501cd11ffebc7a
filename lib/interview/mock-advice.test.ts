import { describe, expect, it } from 'vitest';
import { loadQuestions } from '@/lib/content/questions.server';
import { adviseOn } from './mock-advice';
import { gradeAndContinue, startMock, submitAnswer, summarize, type MockQuestion } from './mock-session';

async function bank(...ids: string[]): Promise<MockQuestion[]> {
  const questions = await loadQuestions();
  return ids.map((id) => {
    const found = questions.find((question) => question.id === id);
    if (!found) throw new Error(`no question ${id} in content/questions`);
    return {
      id,
      question: found.question,
      category: found.category,
      topics: found.topics,
      rubric: found.rubric,
      lessons: found.lessons,
      challenge: found.challenge,
    };
  });
}

/** Answers every question and grades it with `hits[i]` rubric points covered. */
function interview(questions: MockQuestion[], hits: number[][]) {
  let state = startMock(questions, 180, 0);
  for (const covered of hits) state = gradeAndContinue(submitAnswer(state, 1_000), covered, 2_000);
  return summarize(state);
}

describe('mock interview advice follows the questions asked', () => {
  it('surrogate keys, a behavioural story about Kafka and a SQL question: no Kafka lessons, the SQL challenge', async () => {
    const questions = await bank(
      'surrogate-vs-natural-keys',
      'behavioural-learning-new-tech',
      'sql-rank-functions',
    );
    const summary = interview(questions, [[], [], []]);
    expect(summary.lessonsToRevisit).toEqual(['star-schema-modelling', 'slowly-changing-dimensions']);
    expect(summary.lessonsToRevisit.filter((slug) => slug.startsWith('kafka'))).toEqual([]);
    const advice = questions.map((question, index) => adviseOn(question, summary.perQuestion[index]!.score));
    expect(advice.map((entry) => entry.kind)).toEqual(['lessons', 'story', 'challenge']);
    expect(advice[2]).toMatchObject({ challenge: 'top-products-per-category' });
  });

  it('recommends nothing for questions answered well, and keeps the order the weak ones were asked in', async () => {
    const questions = await bank(
      'sql-gaps-and-islands',
      'surrogate-vs-natural-keys',
      'kafka-ordering-guarantees',
    );
    const strong = questions[1]!.rubric.map((_point, index) => index);
    const summary = interview(questions, [[], strong, []]);
    expect(adviseOn(questions[1]!, summary.perQuestion[1]!.score).kind).toBe('fine');
    expect(summary.lessonsToRevisit[0]).toBe(questions[0]!.lessons[0]);
    expect(summary.lessonsToRevisit).not.toContain('slowly-changing-dimensions');
    expect(summary.lessonsToRevisit).toEqual([
      ...new Set([...questions[0]!.lessons, ...questions[2]!.lessons]),
    ]);
  });
});
