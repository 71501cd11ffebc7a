'use client';

import { useEffect, useState } from 'react';
import { saveExplanation } from './round-storage';

/** What an interviewer listens for when a candidate explains an incident. */
export const explanationRubric = [
  'Named the root cause and the evidence in the data that shows it (a query, a count, a time)',
  'Said what it hit: how many records, which tables and marts, since when',
  'Said how to repair the data (backfill, re-run from the raw zone, dedupe) and the code',
  'Named the check or alert that catches it next time, and where it runs in the pipeline',
] as const;

const limitSeconds = 120;
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** Two minutes to explain the incident aloud, as in an interview; then the learner grades themselves. */
export function ExplanationRubric({ runId }: { runId: string }) {
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [stoppedAfter, setStoppedAfter] = useState<number | null>(null);
  const [now, setNow] = useState(0);
  const [ticked, setTicked] = useState<boolean[]>(() => explanationRubric.map(() => false));
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (startedAt === null || stoppedAfter !== null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [startedAt, stoppedAfter]);

  const elapsed =
    stoppedAfter ?? (startedAt === null ? 0 : Math.min(limitSeconds, Math.floor((now - startedAt) / 1000)));
  const timeUp = startedAt !== null && elapsed >= limitSeconds;
  const done = stoppedAfter !== null || timeUp;

  return (
    <section className="space-y-3" data-testid="explanation">
      <h2 className="font-semibold">4. Explain it aloud</h2>
      <p className="text-sm">
        As if the interviewer asked “what happened, and what would you do?”: two minutes, spoken, no notes.
        Then tick what you covered.
      </p>
      <div className="flex items-center gap-3">
        {startedAt === null ? (
          <button
            type="button"
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white"
            onClick={() => {
              setStartedAt(Date.now());
              setNow(Date.now());
            }}
          >
            Start the 2-minute timer
          </button>
        ) : (
          <>
            <span className="font-mono text-2xl font-semibold" aria-live="polite">
              {clock(limitSeconds - elapsed)}
            </span>
            {!done ? (
              <button
                type="button"
                className="rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-700"
                onClick={() => setStoppedAfter(elapsed)}
              >
                I’m done
              </button>
            ) : null}
          </>
        )}
      </div>
      {done ? (
        <fieldset className="space-y-2 text-sm">
          <legend className="font-medium">What did you cover?</legend>
          {explanationRubric.map((item, index) => (
            <label key={item} className="flex items-start gap-2">
              <input
                type="checkbox"
                checked={ticked[index]}
                onChange={(event) => {
                  setSaved(false);
                  setTicked(ticked.map((value, at) => (at === index ? event.target.checked : value)));
                }}
              />
              <span>{item}</span>
            </label>
          ))}
          <button
            type="button"
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white"
            onClick={() => {
              saveExplanation(runId, {
                ticked: ticked.filter(Boolean).length,
                total: explanationRubric.length,
                seconds: elapsed,
              });
              setSaved(true);
            }}
          >
            Save my grade
          </button>
          {saved ? (
            <p data-testid="explanation-saved">
              Explanation: {ticked.filter(Boolean).length} of {explanationRubric.length} in {clock(elapsed)}.
            </p>
          ) : null}
        </fieldset>
      ) : null}
    </section>
  );
}
