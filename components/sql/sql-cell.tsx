'use client';

import dynamic from 'next/dynamic';
import { useId, useState } from 'react';
import { EditorPlaceholder } from './editor-placeholder';
import { latestRunSource } from './latest-run';
import type { DatabaseSource } from './protocol';
import { useQueryRunner } from './query-runner';
import { runSource } from './sources';
import { useDuckDb } from './use-duckdb';

const ResultsPanel = dynamic(() => import('./results-panel'), {
  ssr: false,
  loading: () => <EditorPlaceholder height={280} label="Loading results…" />,
});

export interface SqlCellProps {
  sql: string;
  title?: string;
  /** Query this run; without it the learner's newest finished run, or the bundled sample run. */
  runId?: string;
}

/**
 * A runnable SQL example for lessons and challenges. Nothing heavy loads until the first Run: then the engine
 * worker starts (shared with every other cell on the page) and the run's warehouse is attached.
 */
export function SqlCell({ sql, title, runId }: SqlCellProps) {
  const [text, setText] = useState(sql);
  const [target, setTarget] = useState<{ source: DatabaseSource; label: string } | null>(
    runId ? { source: runSource(runId), label: `run ${runId}` } : null,
  );
  const engine = useDuckDb(null, { eager: false });
  const { result, failure, running, run, cancel } = useQueryRunner(engine.run);
  const id = useId();

  const onRun = async () => {
    const resolved = target ?? (await latestRunSource());
    setTarget(resolved);
    await run(text, { line: 1, column: 1 }, resolved.source);
  };

  const rows = Math.min(14, Math.max(3, text.split('\n').length + 1));
  return (
    <section
      aria-labelledby={`${id}-title`}
      data-testid="sql-cell"
      className="my-6 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="mb-2 flex items-center gap-2">
        <h3 id={`${id}-title`} className="text-sm font-semibold">
          {title ?? 'Try it'}
        </h3>
        <span className="ml-auto text-xs text-slate-500">
          {engine.status === 'loading'
            ? 'Loading DuckDB-WASM…'
            : target
              ? `on ${target.label}`
              : 'runs in your browser'}
        </span>
      </div>
      <label htmlFor={`${id}-sql`} className="sr-only">
        SQL
      </label>
      <textarea
        id={`${id}-sql`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault();
            void onRun();
          }
        }}
        rows={rows}
        spellCheck={false}
        className="w-full resize-y rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-950"
      />
      <div className="mt-2 flex items-center gap-2">
        <button
          type="button"
          onClick={() => void onRun()}
          disabled={running}
          className="rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white disabled:opacity-50"
        >
          {running ? 'Running…' : 'Run'}
        </button>
        {running ? (
          <button
            type="button"
            onClick={cancel}
            className="rounded border border-red-400 px-3 py-1 text-sm text-red-700 dark:text-red-300"
          >
            Cancel
          </button>
        ) : null}
        {text !== sql ? (
          <button type="button" onClick={() => setText(sql)} className="text-xs text-slate-500 underline">
            Reset
          </button>
        ) : null}
      </div>
      {failure ? (
        <p
          role="alert"
          className="mt-3 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          {failure.summary}
          {failure.line !== null ? ` (line ${failure.line}, column ${failure.column})` : ''}
        </p>
      ) : null}
      {engine.error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {engine.error}
        </p>
      ) : null}
      {result && !running ? (
        <div className="mt-3">
          <ResultsPanel result={result} height={240} />
        </div>
      ) : null}
    </section>
  );
}
