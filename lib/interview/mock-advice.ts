import type { MockQuestion } from './mock-session';

/** A question scored under this share of its rubric is one to work on. */
export const weakScore = 0.6;

export type AdviceKind = 'fine' | 'lessons' | 'challenge' | 'story';

/** What the summary suggests for one question asked, from that question alone. */
export interface QuestionAdvice {
  questionId: string;
  score: number;
  /**
   * fine: nothing to do; lessons: the question's lessons; challenge: the SQL challenge that practises it (and its
   * lessons); story: a behavioural question, where the work is the story's structure (its model answer), not the
   * technology its example happens to use.
   */
  kind: AdviceKind;
  lessons: string[];
  challenge: string | null;
}

export function adviseOn(question: MockQuestion, score: number): QuestionAdvice {
  const base = { questionId: question.id, score, lessons: [] as string[], challenge: null };
  if (score >= weakScore) return { ...base, kind: 'fine' };
  if (question.category === 'behavioural') return { ...base, kind: 'story' };
  if (question.challenge)
    return { ...base, kind: 'challenge', challenge: question.challenge, lessons: [...question.lessons] };
  return { ...base, kind: 'lessons', lessons: [...question.lessons] };
}

/**
 * Lessons to revisit after a mock interview: those of the weak questions actually asked, in the order they were
 * asked, each once. A behavioural question adds none: its lessons are the ones its example story draws on (a story
 * about learning Kafka lists the Kafka lessons), which says nothing about the answer's weakness.
 */
export function lessonsToRevisit(advice: readonly QuestionAdvice[]): string[] {
  return [...new Set(advice.flatMap((entry) => entry.lessons))];
}
