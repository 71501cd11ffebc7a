'use client';

import dynamic from 'next/dynamic';
import { useId, useState } from 'react';
import {
  sparkExperiments,
  type ExperimentParam,
  type ExperimentParams,
  type SparkExperimentName,
} from '@/pipeline/contracts/spark-experiments';
import { EditorPlaceholder } from '../sql/editor-placeholder';
import type { SparkCellResult } from './spark-cell-types';

const SparkCellResults = dynamic(() => import('./spark-cell-results'), {
  ssr: false,
  loading: () => <EditorPlaceholder height={160} label="Loading results…" />,
});

export interface SparkCellProps {
  /** A Spark SQL query (SELECT, WITH … SELECT or EXPLAIN) the learner can edit. */
  sql?: string;
  /** Or one of the server's fixed experiments (pipeline/contracts/spark-experiments.ts) … */
  experiment?: SparkExperimentName;
  /** … with these starting parameters, which the learner can change within their bounds. */
  params?: ExperimentParams;
  title?: string;
}

/**
 * A runnable Spark example for the Spark lessons: the query or experiment runs on the server, in the shared Spark
 * session, over the learner's newest run (POST /api/spark/cells). Only this shell is in the page; the results view
 * loads with the first answer.
 */
export function SparkCell({ sql, experiment, params, title }: SparkCellProps) {
  const id = useId();
  const spec = experiment ? sparkExperiments[experiment] : null;
  const initial: ExperimentParams = {};
  if (spec)
    for (const [key, param] of Object.entries(spec.params) as Array<[string, ExperimentParam]>)
      initial[key] = params?.[key] ?? param.default;
  const [text, setText] = useState(sql ?? '');
  const [values, setValues] = useState<ExperimentParams>(initial);
  const [running, setRunning] = useState(false);
  const [answer, setAnswer] = useState<SparkCellResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const onRun = async () => {
    setRunning(true);
    setFailure(null);
    try {
      const response = await fetch('/api/spark/cells', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(experiment ? { experiment, params: values } : { sql: text }),
      });
      const json = (await response.json()) as unknown;
      if (!response.ok)
        throw new Error(
          (json as { error?: { message?: string } }).error?.message ?? `HTTP ${response.status}`,
        );
      setAnswer(json as SparkCellResult);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setRunning(false);
    }
  };

  return (
    <section
      aria-labelledby={`${id}-title`}
      data-testid="spark-cell"
      className="my-6 rounded-lg border border-amber-200 bg-white p-4 dark:border-amber-900 dark:bg-slate-900"
    >
      <div className="mb-2 flex items-center gap-2">
        <h3 id={`${id}-title`} className="text-sm font-semibold">
          {title ?? spec?.title ?? 'Try it on Spark'}
        </h3>
        <span className="ml-auto text-xs text-slate-500">
          {answer ? `on ${answer.source}` : 'runs on Spark on the server'}
        </span>
      </div>
      {spec ? (
        <div className="flex flex-wrap gap-3 text-sm">
          {(Object.entries(spec.params) as Array<[string, ExperimentParam]>).map(([key, param]) => (
            <label key={key} className="flex items-center gap-1">
              <span className="text-slate-600 dark:text-slate-300">{param.label}</span>
              {param.kind === 'choice' ? (
                <select
                  value={String(values[key])}
                  onChange={(event) => setValues({ ...values, [key]: event.target.value })}
                  className="rounded border border-slate-300 bg-white px-1 dark:border-slate-700 dark:bg-slate-950"
                >
                  {param.values.map((value) => (
                    <option key={value}>{value}</option>
                  ))}
                </select>
              ) : (
                <input
                  type="number"
                  min={param.min}
                  max={param.max}
                  value={Number(values[key])}
                  onChange={(event) => setValues({ ...values, [key]: Number(event.target.value) })}
                  className="w-20 rounded border border-slate-300 bg-white px-1 dark:border-slate-700 dark:bg-slate-950"
                />
              )}
            </label>
          ))}
        </div>
      ) : (
        <>
          <label htmlFor={`${id}-sql`} className="sr-only">
            Spark SQL
          </label>
          <textarea
            id={`${id}-sql`}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
                event.preventDefault();
                void onRun();
              }
            }}
            rows={Math.min(14, Math.max(3, text.split('\n').length + 1))}
            spellCheck={false}
            className="w-full resize-y rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-950"
          />
        </>
      )}
      <div className="mt-2 flex items-center gap-2">
        <button
          type="button"
          onClick={() => void onRun()}
          disabled={running}
          className="rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white disabled:opacity-50"
        >
          {running ? 'Running on Spark…' : 'Run on Spark'}
        </button>
        {!spec && text !== (sql ?? '') ? (
          <button
            type="button"
            onClick={() => setText(sql ?? '')}
            className="text-xs text-slate-500 underline"
          >
            Reset
          </button>
        ) : null}
      </div>
      {failure ? (
        <p
          role="alert"
          className="mt-3 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          {failure}
        </p>
      ) : null}
      {answer && !running ? <SparkCellResults answer={answer} /> : null}
    </section>
  );
}
