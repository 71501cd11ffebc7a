import { adviseOn, lessonsToRevisit, weakScore } from './mock-advice';

/**
 * The mock interview as a pure state machine: one question at a time with a time limit, the learner's
 * answer, a self-grade against the rubric, then a summary with weak topics and lessons to revisit. Time is
 * passed in (`now`), never read, so the machine is testable and the page drives it with a 1-second tick.
 */
export interface MockQuestion {
  id: string;
  question: string;
  /** The bank's category (content/schema/question.ts): behavioural questions are advised on differently. */
  category: string;
  topics: string[];
  rubric: string[];
  lessons: string[];
  /** A SQL question's challenge (content/challenges): answered by writing the query there. */
  challenge?: string;
}

export type MockPhase = 'answering' | 'grading' | 'finished';

export interface MockAnswer {
  questionId: string;
  answer: string;
  skipped: boolean;
  timedOut: boolean;
  secondsUsed: number;
  /** Indexes of the rubric points the learner says they covered (set in grading). */
  rubricHits: number[];
}

export interface MockState {
  questions: MockQuestion[];
  secondsPerQuestion: number;
  index: number;
  phase: MockPhase;
  questionStartedAt: number;
  draft: string;
  answers: MockAnswer[];
  startedAt: number;
  finishedAt: number | null;
}

export function startMock(questions: MockQuestion[], secondsPerQuestion: number, now: number): MockState {
  if (questions.length === 0) throw new Error('A mock interview needs at least one question.');
  return {
    questions,
    secondsPerQuestion,
    index: 0,
    phase: 'answering',
    questionStartedAt: now,
    draft: '',
    answers: [],
    startedAt: now,
    finishedAt: null,
  };
}

export function secondsLeft(state: MockState, now: number): number {
  if (state.phase !== 'answering') return 0;
  return Math.max(0, state.secondsPerQuestion - Math.floor((now - state.questionStartedAt) / 1000));
}

export function typeAnswer(state: MockState, draft: string): MockState {
  return state.phase === 'answering' ? { ...state, draft } : state;
}

function closeAnswer(state: MockState, now: number, how: { skipped: boolean; timedOut: boolean }): MockState {
  const question = state.questions[state.index]!;
  const answer: MockAnswer = {
    questionId: question.id,
    answer: how.skipped ? '' : state.draft,
    skipped: how.skipped,
    timedOut: how.timedOut,
    secondsUsed: Math.min(state.secondsPerQuestion, Math.round((now - state.questionStartedAt) / 1000)),
    rubricHits: [],
  };
  return { ...state, phase: 'grading', answers: [...state.answers, answer] };
}

/** The timer ran out: the answer so far is submitted as it is. */
export function tick(state: MockState, now: number): MockState {
  if (state.phase === 'answering' && secondsLeft(state, now) === 0)
    return closeAnswer(state, now, { skipped: false, timedOut: true });
  return state;
}

export function submitAnswer(state: MockState, now: number): MockState {
  return state.phase === 'answering' ? closeAnswer(state, now, { skipped: false, timedOut: false }) : state;
}

export function skipQuestion(state: MockState, now: number): MockState {
  return state.phase === 'answering' ? closeAnswer(state, now, { skipped: true, timedOut: false }) : state;
}

/** Records the self-grade of the current question and moves on (or finishes after the last one). */
export function gradeAndContinue(state: MockState, rubricHits: number[], now: number): MockState {
  if (state.phase !== 'grading') return state;
  const answers = state.answers.map((answer, position) =>
    position === state.answers.length - 1
      ? { ...answer, rubricHits: [...new Set(rubricHits)].sort() }
      : answer,
  );
  const last = state.index === state.questions.length - 1;
  return last
    ? { ...state, answers, phase: 'finished', finishedAt: now }
    : { ...state, answers, index: state.index + 1, phase: 'answering', questionStartedAt: now, draft: '' };
}

export function finishEarly(state: MockState, now: number): MockState {
  return { ...state, phase: 'finished', finishedAt: now };
}

export interface MockSummary {
  questions: number;
  answered: number;
  skipped: number;
  timedOut: number;
  /** Rubric points covered / rubric points asked, 0–1. */
  score: number;
  perQuestion: Array<{ questionId: string; score: number }>;
  /** Topics scoring under 60%, weakest first. */
  weakTopics: Array<{ topic: string; score: number }>;
  lessonsToRevisit: string[];
  durationSeconds: number;
}

export function summarize(state: MockState): MockSummary {
  const byId = new Map(state.questions.map((question) => [question.id, question]));
  const perQuestion = state.answers.map((answer) => {
    const rubric = byId.get(answer.questionId)!.rubric.length;
    return { questionId: answer.questionId, score: rubric === 0 ? 0 : answer.rubricHits.length / rubric };
  });
  const topicScores = new Map<string, number[]>();
  for (const { questionId, score } of perQuestion)
    for (const topic of byId.get(questionId)!.topics)
      topicScores.set(topic, [...(topicScores.get(topic) ?? []), score]);
  const weakTopics = [...topicScores]
    .map(([topic, scores]) => ({ topic, score: scores.reduce((a, b) => a + b, 0) / scores.length }))
    .filter((entry) => entry.score < weakScore)
    .sort((a, b) => a.score - b.score || a.topic.localeCompare(b.topic));
  const advice = perQuestion.map((entry) => adviseOn(byId.get(entry.questionId)!, entry.score));
  const asked = state.answers.reduce((sum, answer) => sum + byId.get(answer.questionId)!.rubric.length, 0);
  const hit = state.answers.reduce((sum, answer) => sum + answer.rubricHits.length, 0);
  return {
    questions: state.questions.length,
    answered: state.answers.filter((answer) => !answer.skipped).length,
    skipped: state.answers.filter((answer) => answer.skipped).length,
    timedOut: state.answers.filter((answer) => answer.timedOut).length,
    score: asked === 0 ? 0 : hit / asked,
    perQuestion,
    weakTopics,
    lessonsToRevisit: lessonsToRevisit(advice),
    durationSeconds: Math.round(((state.finishedAt ?? state.startedAt) - state.startedAt) / 1000),
  };
}
