'use client';

import { useState } from 'react';
import type { QuizItem } from '@/content/schema/lesson';
import { recordQuizAnswer } from './progress-store';

/** Check-your-understanding questions with immediate feedback and the explanation. */
export function Quiz({ lesson, items }: { lesson: string; items: QuizItem[] }) {
  return (
    <section aria-labelledby="quiz-heading" className="mt-12">
      <h2 id="quiz-heading" className="text-xl font-semibold">
        Check your understanding
      </h2>
      <ol className="mt-4 space-y-6">
        {items.map((item, index) => (
          <QuizQuestion key={item.id} lesson={lesson} item={item} number={index + 1} />
        ))}
      </ol>
    </section>
  );
}

function QuizQuestion({ lesson, item, number }: { lesson: string; item: QuizItem; number: number }) {
  const [chosen, setChosen] = useState<number | null>(null);
  const answered = chosen !== null;
  const correct = chosen === item.answer;
  return (
    <li className="rounded-lg border border-slate-200 p-4 dark:border-slate-800" data-testid="quiz-question">
      <fieldset>
        <legend className="font-medium">
          {number}. {item.question}
        </legend>
        <div className="mt-3 space-y-2">
          {item.options.map((option, index) => (
            <label key={option} className="flex cursor-pointer gap-2 text-sm">
              <input
                type="radio"
                name={`${lesson}-${item.id}`}
                checked={chosen === index}
                disabled={answered}
                onChange={() => {
                  setChosen(index);
                  recordQuizAnswer(`${lesson}/${item.id}`, index === item.answer);
                }}
              />
              <span
                className={
                  answered && index === item.answer
                    ? 'font-semibold text-emerald-700 dark:text-emerald-400'
                    : ''
                }
              >
                {option}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {answered ? (
        <div
          role="status"
          className={`mt-3 rounded p-3 text-sm ${correct ? 'bg-emerald-50 dark:bg-emerald-950/40' : 'bg-amber-50 dark:bg-amber-950/40'}`}
        >
          <p className="font-semibold">{correct ? 'Correct.' : 'Not quite.'}</p>
          <p className="mt-1">{item.explanation}</p>
          {!correct ? (
            <button type="button" className="mt-2 text-xs underline" onClick={() => setChosen(null)}>
              Try again
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
