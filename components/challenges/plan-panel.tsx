'use client';

import { useState } from 'react';
import type { DatabaseSource } from '@/components/sql/protocol';
import type { ChallengePlan } from '@/content/schema/challenge';
import type { Runner } from './grade-on-datasets';
import type { RewriteReport } from './measure-rewrite';

interface Props {
  plan: ChallengePlan;
  run: Runner;
  source: () => Promise<DatabaseSource>;
  answers: (number | null)[];
  onAnswer: (question: number, option: number) => void;
  /** After a submit: show which answers were right and why. */
  revealed: boolean;
}

/** The query to read, its EXPLAIN ANALYZE on the learner's run, and the multiple-choice questions about it. */
export function PlanPanel({ plan, run, source, answers, onAnswer, revealed }: Props) {
  const [explained, setExplained] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const showPlan = async () => {
    setLoading(true);
    setError(null);
    try {
      const on = await source();
      const result = await run(`EXPLAIN ANALYZE ${plan.query}`, on).result;
      setExplained(result.columns[1]?.texts?.[0] ?? '(the engine returned no plan)');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setLoading(false);
    }
  };

  return (
    <section aria-label="Plan to read" className="space-y-3" data-testid="plan-panel">
      <h2 className="text-lg font-semibold">The query to read</h2>
      <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 font-mono text-sm dark:bg-slate-800">
        {plan.query}
      </pre>
      <button
        type="button"
        onClick={() => void showPlan()}
        disabled={loading}
        className="rounded border border-brand-600 px-3 py-1 text-sm font-medium text-brand-600 disabled:opacity-50"
      >
        {loading
          ? 'Running EXPLAIN ANALYZE…'
          : explained
            ? 'Run EXPLAIN ANALYZE again'
            : 'Show the plan on your run (EXPLAIN ANALYZE)'}
      </button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {explained ? (
        <pre
          data-testid="plan-text"
          className="max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-tight text-slate-100"
        >
          {explained}
        </pre>
      ) : null}
      {plan.questions.map((question, q) => {
        const chosen = answers[q] ?? null;
        const right = chosen === question.answer;
        return (
          <fieldset
            key={question.prompt}
            className="rounded-md border border-slate-200 p-3 dark:border-slate-700"
          >
            <legend className="px-1 text-sm font-medium">
              {q + 1}. {question.prompt}
            </legend>
            {question.options.map((option, o) => (
              <label key={option} className="flex items-start gap-2 py-0.5 text-sm">
                <input
                  type="radio"
                  name={`plan-q${q}`}
                  checked={chosen === o}
                  onChange={() => onAnswer(q, o)}
                  className="mt-1"
                />
                <span>{option}</span>
              </label>
            ))}
            {revealed && chosen !== null ? (
              <p
                className={`mt-2 text-sm ${right ? 'text-emerald-700 dark:text-emerald-300' : 'text-red-700 dark:text-red-300'}`}
                data-testid={`plan-answer-${q}`}
              >
                {right ? 'Right. ' : 'Not this one. '}
                {right ? question.why : ''}
              </p>
            ) : null}
          </fieldset>
        );
      })}
    </section>
  );
}

/** What the rewrite changed, measured on the learner's run. */
export function RewriteView({ report }: { report: RewriteReport }) {
  const ratio = report.rewrittenMs > 0 ? report.originalMs / report.rewrittenMs : null;
  return (
    <div
      data-testid="rewrite-report"
      className={`rounded-lg border p-4 text-sm ${report.passed ? 'border-emerald-300 bg-emerald-50 dark:border-emerald-700 dark:bg-emerald-950' : 'border-amber-300 bg-amber-50 dark:border-amber-700 dark:bg-amber-950'}`}
    >
      <p className="font-semibold">
        {report.passed ? 'Your plan does less work.' : 'Same result, but not a faster plan yet.'}
      </p>
      <p className="mt-1">
        Peak rows out of one operator: {report.originalPeak.toLocaleString('en')} in the original,{' '}
        {report.rewrittenPeak.toLocaleString('en')} in yours. Time on your run (median of 3):{' '}
        {report.originalMs} ms, yours {report.rewrittenMs} ms
        {ratio !== null
          ? ` (${ratio >= 1 ? `${ratio.toFixed(1)}× faster` : `${(1 / ratio).toFixed(1)}× slower`})`
          : ''}
        .
      </p>
      {report.problems.map((problem) => (
        <p key={problem} className="mt-1">
          {problem}
        </p>
      ))}
    </div>
  );
}
