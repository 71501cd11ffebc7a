'use client';

import dynamic from 'next/dynamic';
import { useEffect, useMemo, useState } from 'react';
import Link from 'next/link';
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
import { MockSummaryView } from './mock-summary';
import { practiceStore, type SavedMock } from './practice-store';

// The review (model answers, the challenge's progress) is needed from the first answer on, not to paint the setup.
const MockReview = dynamic(() => import('./mock-review'), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-500">Loading the review…</p>,
});

export interface MockCandidate extends MockQuestion {
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

interface Props {
  candidates: MockCandidate[];
  lessonTitles: Record<string, string>;
  challengeTitles: Record<string, string>;
}

export function MockInterview({ candidates, lessonTitles, challengeTitles }: Props) {
  const [count, setCount] = useState(3);
  const [minutes, setMinutes] = useState(3);
  const [level, setLevel] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [state, setState] = useState<MockState | null>(null);
  const [now, setNow] = useState(0);
  // `/interview/mock?questions=a,b` (a question page's "Practise" link): those questions, in that order.
  const [chosen, setChosen] = useState<MockQuestion[]>([]);
  const [past, setPast] = useState<SavedMock[]>([]);
  const allCategories = useMemo(
    () => [...new Set(candidates.map((question) => question.category))].sort(),
    [candidates],
  );

  useEffect(() => {
    void practiceStore.mocks().then(setPast);
    const asked = new URLSearchParams(window.location.search).get('questions')?.split(',') ?? [];
    setChosen(
      asked
        .map((id) => candidates.find((candidate) => candidate.id === id))
        .filter((question): question is MockCandidate => Boolean(question)),
    );
  }, [candidates]);
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
    const available = chosen.length > 0 ? chosen.length : pick(candidates, 1_000, level, categories).length;
    return (
      <section aria-label="Set up a mock interview" className="space-y-4">
        {chosen.length > 0 ? (
          <div data-testid="mock-chosen" className="rounded-md bg-sky-50 p-3 text-sm dark:bg-sky-950">
            <p className="font-medium">Questions chosen for you:</p>
            <ol className="mt-1 list-decimal pl-5">
              {chosen.map((question) => (
                <li key={question.id}>{question.question}</li>
              ))}
            </ol>
            <button type="button" className="mt-2 text-xs underline" onClick={() => setChosen([])}>
              Pick at random instead
            </button>
          </div>
        ) : null}
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
            setState(
              startMock(
                chosen.length > 0 ? chosen : pick(candidates, count, level, categories),
                minutes * 60,
                at,
              ),
            );
          }}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
        >
          Start the interview ({chosen.length > 0 ? chosen.length : Math.min(count, available)} questions)
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
        <MockSummaryView
          state={state}
          summary={summary}
          lessonTitles={lessonTitles}
          challengeTitles={challengeTitles}
        />
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
          {question.challenge ? (
            <div
              data-testid="mock-sql-challenge"
              className="rounded-lg border-l-4 border-brand-500 bg-brand-50 p-4 text-sm dark:bg-slate-900"
            >
              <p className="font-medium">Answer this one in SQL, on your own run.</p>
              <p className="mt-1">
                Write and submit the query in the challenge{' '}
                <Link
                  href={`/interview/sql/${question.challenge}`}
                  target="_blank"
                  rel="noopener"
                  className="text-brand-600 underline dark:text-brand-100"
                >
                  {challengeTitles[question.challenge] ?? question.challenge}
                </Link>{' '}
                (a new tab; graded on your run and two more). The clock keeps running. Then come back and
                compare your query with the model answer.
              </p>
            </div>
          ) : (
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
            </>
          )}
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              onClick={() => setState(submitAnswer(state, Date.now()))}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white"
            >
              {question.challenge ? 'I have answered: compare' : 'Submit answer'}
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
        <MockReview
          key={state.index}
          question={question}
          answer={state.answers[state.answers.length - 1]!}
          challengeTitle={question.challenge ? (challengeTitles[question.challenge] ?? null) : null}
          last={state.index === state.questions.length - 1}
          onGraded={(hits) => {
            setState(gradeAndContinue(state, hits, Date.now()));
            setNow(Date.now());
          }}
        />
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
