'use client';

import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import {
  finishEarly,
  gradeAndContinue,
  secondsLeft,
  skipQuestion,
  startMock,
  submitAnswer,
  summarize,
  tick,
  typeAnswer,
  type MockQuestion,
  type MockState,
} from '@/lib/interview/mock-session';
import { practiceStore, type SavedMock } from './practice-store';

export interface MockCandidate extends MockQuestion {
  category: string;
  difficulty: string;
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** Picks `count` questions at random among those matching the level and categories. */
function pick(
  candidates: MockCandidate[],
  count: number,
  level: string,
  categories: string[],
): MockQuestion[] {
  const pool = candidates.filter(
    (question) =>
      (!level || question.difficulty === level) &&
      (categories.length === 0 || categories.includes(question.category)),
  );
  const shuffled = pool
    .map((question) => ({ question, order: Math.random() }))
    .sort((a, b) => a.order - b.order);
  return shuffled.slice(0, count).map(({ question }) => question);
}

export function MockInterview({
  candidates,
  lessonTitles,
}: {
  candidates: MockCandidate[];
  lessonTitles: Record<string, string>;
}) {
  const [count, setCount] = useState(3);
  const [minutes, setMinutes] = useState(3);
  const [level, setLevel] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [state, setState] = useState<MockState | null>(null);
  const [now, setNow] = useState(0);
  const [hits, setHits] = useState<number[]>([]);
  const [past, setPast] = useState<SavedMock[]>([]);
  const allCategories = useMemo(
    () => [...new Set(candidates.map((question) => question.category))].sort(),
    [candidates],
  );

  useEffect(() => {
    void practiceStore.mocks().then(setPast);
  }, []);
  useEffect(() => {
    if (state?.phase !== 'answering') return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      setState((current) => (current ? tick(current, at) : current));
    }, 1_000);
    return () => clearInterval(timer);
  }, [state?.phase]);
  useEffect(() => {
    if (state?.phase !== 'finished') return;
    const saved: SavedMock = {
      id: `mock-${state.startedAt}`,
      finishedAt: new Date(state.finishedAt ?? Date.now()).toISOString(),
      secondsPerQuestion: state.secondsPerQuestion,
      questionIds: state.questions.map((question) => question.id),
      summary: summarize(state),
    };
    void practiceStore.saveMock(saved).then(() => practiceStore.mocks().then(setPast));
  }, [state]);

  if (!state) {
    const available = pick(candidates, 1_000, level, categories).length;
    return (
      <section aria-label="Set up a mock interview" className="space-y-4">
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex flex-col gap-1">
            Questions
            <select
              value={count}
              onChange={(event) => setCount(Number(event.target.value))}
              className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
            >
              {[3, 5, 8].map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            Minutes per question
            <select
              value={minutes}
              onChange={(event) => setMinutes(Number(event.target.value))}
              className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
            >
              {[2, 3, 5, 8].map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            Level
            <select
              value={level}
              onChange={(event) => setLevel(event.target.value)}
              className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
            >
              <option value="">Any</option>
              <option>junior</option>
              <option>mid</option>
              <option>senior</option>
            </select>
          </label>
        </div>
        <fieldset className="text-sm">
          <legend className="font-medium">Topics (none = all)</legend>
          <div className="mt-2 flex flex-wrap gap-3">
            {allCategories.map((category) => (
              <label key={category} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={categories.includes(category)}
                  onChange={(event) =>
                    setCategories((current) =>
                      event.target.checked
                        ? [...current, category]
                        : current.filter((entry) => entry !== category),
                    )
                  }
                />
                {category}
              </label>
            ))}
          </div>
        </fieldset>
        <button
          type="button"
          disabled={available === 0}
          onClick={() => {
            const at = Date.now();
            setNow(at);
            setState(startMock(pick(candidates, count, level, categories), minutes * 60, at));
          }}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
        >
          Start the interview ({Math.min(count, available)} questions)
        </button>
        <PastMocks past={past} />
      </section>
    );
  }

  if (state.phase === 'finished') {
    const summary = summarize(state);
    return (
      <section aria-labelledby="summary-heading" className="space-y-4">
        <h2 id="summary-heading" className="text-2xl font-semibold">
          Summary
        </h2>
        <p data-testid="mock-score">
          You covered {Math.round(summary.score * 100)}% of the rubric points over {summary.questions}{' '}
          questions ({summary.answered} answered, {summary.skipped} skipped, {summary.timedOut} out of time)
          in {clock(summary.durationSeconds)}.
        </p>
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          {summary.perQuestion.map((entry) => (
            <li key={entry.questionId}>
              <Link href={`/interview/questions/${entry.questionId}`} className="text-brand-600 underline">
                {state.questions.find((question) => question.id === entry.questionId)?.question}
              </Link>{' '}
              — {Math.round(entry.score * 100)}%
            </li>
          ))}
        </ol>
        <div>
          <h3 className="font-semibold">Weak topics</h3>
          <p className="text-sm">
            {summary.weakTopics.length === 0
              ? 'None below 60%.'
              : summary.weakTopics
                  .map((topic) => `${topic.topic} (${Math.round(topic.score * 100)}%)`)
                  .join(', ')}
          </p>
        </div>
        <div>
          <h3 className="font-semibold">Lessons to revisit</h3>
          <ul className="list-disc pl-5 text-sm">
            {summary.lessonsToRevisit.map((slug) => (
              <li key={slug}>
                <Link href={`/learn/${slug}`} className="text-brand-600 underline">
                  {lessonTitles[slug] ?? slug}
                </Link>
              </li>
            ))}
            {summary.lessonsToRevisit.length === 0 ? <li>Nothing: well done.</li> : null}
          </ul>
        </div>
        <button
          type="button"
          onClick={() => setState(null)}
          className="rounded border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700"
        >
          New mock interview
        </button>
        <PastMocks past={past} />
      </section>
    );
  }

  const question = state.questions[state.index]!;
  const left = secondsLeft(state, now);
  return (
    <section aria-label="Mock interview" className="space-y-4">
      <div className="flex items-center justify-between text-sm">
        <span>
          Question {state.index + 1} of {state.questions.length}
        </span>
        {state.phase === 'answering' ? (
          <span
            role="timer"
            aria-live="off"
            className={`font-mono text-lg ${left < 30 ? 'text-red-600' : ''}`}
          >
            {clock(left)}
          </span>
        ) : null}
      </div>
      <h2 className="text-2xl font-semibold">{question.question}</h2>
      {state.phase === 'answering' ? (
        <>
          <label className="block text-sm font-medium" htmlFor="mock-answer">
            Your answer (notes are fine)
          </label>
          <textarea
            id="mock-answer"
            rows={8}
            value={state.draft}
            onChange={(event) => setState(typeAnswer(state, event.target.value))}
            className="w-full rounded border border-slate-300 p-2 text-sm dark:border-slate-700 dark:bg-slate-950"
          />
          <div className="flex gap-3">
            <button
              type="button"
              onClick={() => setState(submitAnswer(state, Date.now()))}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white"
            >
              Submit answer
            </button>
            <button
              type="button"
              onClick={() => setState(skipQuestion(state, Date.now()))}
              className="rounded border border-slate-300 px-3 py-2 text-sm dark:border-slate-700"
            >
              Skip
            </button>
            <button
              type="button"
              onClick={() => setState(finishEarly(state, Date.now()))}
              className="ml-auto text-sm underline"
            >
              End the interview
            </button>
          </div>
        </>
      ) : (
        <fieldset className="space-y-2">
          <legend className="font-medium">Grade yourself: which points did your answer cover?</legend>
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
            onClick={() => {
              setState(gradeAndContinue(state, hits, Date.now()));
              setNow(Date.now());
              setHits([]);
            }}
            className="mt-2 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white"
          >
            {state.index === state.questions.length - 1 ? 'Finish' : 'Next question'}
          </button>
        </fieldset>
      )}
    </section>
  );
}

function PastMocks({ past }: { past: SavedMock[] }) {
  if (past.length === 0) return null;
  return (
    <div className="pt-4">
      <h3 className="font-semibold">Past mock interviews</h3>
      <table className="mt-2 w-full text-left text-sm" aria-label="Past mock interviews">
        <thead>
          <tr>
            <th className="py-1 font-medium">When</th>
            <th className="py-1 font-medium">Questions</th>
            <th className="py-1 font-medium">Rubric covered</th>
            <th className="py-1 font-medium">Weak topics</th>
          </tr>
        </thead>
        <tbody>
          {past.map((mock) => (
            <tr key={mock.id} className="border-t border-slate-100 dark:border-slate-800">
              <td className="py-1">{new Date(mock.finishedAt).toLocaleString()}</td>
              <td className="py-1">{mock.summary.questions}</td>
              <td className="py-1">{Math.round(mock.summary.score * 100)}%</td>
              <td className="py-1">
                {mock.summary.weakTopics.map((topic) => topic.topic).join(', ') || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
