'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { challengeEntry } from '@/lib/challenges/progress';
import type { MockAnswer, MockQuestion } from '@/lib/interview/mock-session';
import { parseModelAnswer, type ModelAnswer } from '@/lib/interview/model-answer';
import { useChallengeProgress } from '@/components/challenges/use-challenge-progress';
import { Markdown } from './markdown';

interface Props {
  question: MockQuestion;
  answer: MockAnswer;
  challengeTitle: string | null;
  last: boolean;
  onGraded(rubricHits: number[]): void;
}

function useModelAnswer(id: string): { answer: ModelAnswer | null; error: string | null } {
  const [state, setState] = useState<{ answer: ModelAnswer | null; error: string | null }>({
    answer: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    fetch(`/api/questions/${encodeURIComponent(id)}`, { cache: 'no-store' })
      .then(async (response) => {
        if (!response.ok) throw new Error(`The model answer could not be loaded (HTTP ${response.status}).`);
        return parseModelAnswer(await response.json());
      })
      .then((answer) => live && setState({ answer, error: null }))
      .catch(
        (error: unknown) =>
          live && setState({ answer: null, error: error instanceof Error ? error.message : String(error) }),
      );
    return () => {
      live = false;
    };
  }, [id]);
  return state;
}

/** A SQL question's answer is the learner's work in its challenge: solved or not, and the query last submitted. */
function ChallengeAnswer({ id, title }: { id: string; title: string }) {
  const entry = challengeEntry(useChallengeProgress(), id);
  return (
    <div className="space-y-2 text-sm">
      <p data-testid="mock-challenge-status">
        {entry.solved
          ? '✓ Solved'
          : entry.attempts > 0
            ? `Not solved yet (${entry.attempts} attempt${entry.attempts === 1 ? '' : 's'})`
            : 'Not attempted'}{' '}
        in{' '}
        <Link
          href={`/interview/sql/${id}`}
          target="_blank"
          rel="noopener"
          className="text-brand-600 underline dark:text-brand-100"
        >
          {title}
        </Link>
        .
      </p>
      {entry.lastSql ? (
        <pre className="overflow-x-auto rounded bg-slate-950 p-3 text-xs text-slate-100">{entry.lastSql}</pre>
      ) : null}
    </div>
  );
}

/**
 * After a question: the learner's answer beside the model answer (with the learner's own run's figures), then the
 * rubric to grade it against. Loaded when the first answer is given, so the mock page's first load stays small.
 */
export default function MockReview({ question, answer, challengeTitle, last, onGraded }: Props) {
  const model = useModelAnswer(question.id);
  const [hits, setHits] = useState<number[]>([]);
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-[minmax(0,1fr)] gap-4 md:grid-cols-2">
        <section
          aria-labelledby="your-answer"
          className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
        >
          <h3 id="your-answer" className="mb-2 font-semibold">
            Your answer
            {answer.timedOut ? (
              <span className="ml-2 text-xs font-normal text-red-700 dark:text-red-300">time ran out</span>
            ) : null}
          </h3>
          {question.challenge ? (
            <ChallengeAnswer id={question.challenge} title={challengeTitle ?? question.challenge} />
          ) : answer.skipped ? (
            <p className="text-sm text-slate-500">You skipped this question.</p>
          ) : answer.answer.trim() === '' ? (
            <p className="text-sm text-slate-500">You wrote nothing.</p>
          ) : (
            <p data-testid="mock-your-answer" className="whitespace-pre-wrap text-sm">
              {answer.answer}
            </p>
          )}
        </section>
        <section
          aria-labelledby="model-answer"
          className="rounded-lg border border-emerald-300 bg-emerald-50/50 p-4 text-sm dark:border-emerald-800 dark:bg-emerald-950/30"
        >
          <h3 id="model-answer" className="mb-2 font-semibold">
            A strong answer
          </h3>
          {model.error ? (
            <p role="alert" className="text-red-700">
              {model.error}
            </p>
          ) : !model.answer ? (
            <p className="text-slate-500">Loading the model answer…</p>
          ) : (
            <div data-testid="mock-model-answer" className="space-y-3">
              <Markdown text={model.answer.shortAnswer} />
              <details>
                <summary className="cursor-pointer font-medium">The deep answer</summary>
                <div className="mt-2">
                  <Markdown text={model.answer.deepAnswer} />
                </div>
              </details>
              <div>
                <p className="font-medium">Common mistakes</p>
                <ul className="mt-1 list-disc space-y-1 pl-5">
                  {model.answer.commonMistakes.map((mistake) => (
                    <li key={mistake}>{mistake}</li>
                  ))}
                </ul>
              </div>
              {model.answer.runId ? (
                <p className="text-xs text-slate-500">Figures from your run {model.answer.runId}.</p>
              ) : null}
            </div>
          )}
        </section>
      </div>
      <fieldset className="space-y-2">
        <legend className="font-medium">
          What the interviewer listens for: tick the points your answer covered
        </legend>
        {question.rubric.map((point, index) => (
          <label key={point} className="flex gap-2 text-sm">
            <input
              type="checkbox"
              checked={hits.includes(index)}
              onChange={(event) =>
                setHits((current) =>
                  event.target.checked ? [...current, index] : current.filter((entry) => entry !== index),
                )
              }
            />
            {point}
          </label>
        ))}
        <button
          type="button"
          onClick={() => onGraded(hits)}
          className="mt-2 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white"
        >
          {last ? 'Finish' : 'Next question'}
        </button>
      </fieldset>
    </div>
  );
}
