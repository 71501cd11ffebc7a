'use client';

import dynamic from 'next/dynamic';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { EditorPlaceholder } from './editor-placeholder';
import type { HistoryEntry, SavedQuery } from './query-store';
import { useQueryRunner } from './query-runner';
import type { RunRequest } from './sql-editor';
import { runSource, sampleSource } from './sources';
import { useDuckDb } from './use-duckdb';

const editorHeight = 260;
const resultsHeight = 380;

// The stand-in box is tiny; Monaco itself loads only when the learner reaches for the editor (lazy-sql-editor.tsx).
const SqlEditor = dynamic(() => import('./lazy-sql-editor').then((m) => m.LazySqlEditor), {
  ssr: false,
  loading: () => <EditorPlaceholder height={editorHeight} />,
});
// The side panel (examples, history) and the stores load after the page: they are not needed to paint it.
const PlaygroundSidebar = dynamic(() => import('./playground-sidebar').then((m) => m.PlaygroundSidebar), {
  ssr: false,
  loading: () => <aside className="h-80 w-full shrink-0 max-lg:order-last lg:w-72" aria-busy="true" />,
});
const store = () => import('./query-store');

// Start the engine as soon as this module runs in the browser, before React hydrates: the worker and the 34 MB
// engine then compile while the editor loads. (Preloading the engine files from the HTML was measured: no gain.)
if (typeof window !== 'undefined') void import('./duckdb-client').then((m) => m.sharedDuckDbClient());
const ResultsPanel = dynamic(() => import('./results-panel'), {
  ssr: false,
  loading: () => <EditorPlaceholder height={resultsHeight + 40} label="Loading results…" />,
});

export interface RunOption {
  runId: string;
  label: string;
}

const defaultSql =
  'SELECT event_type, count(*) AS events\nFROM fact_events\nGROUP BY event_type\nORDER BY events DESC;\n';
const lastQueryKey = 'pipeline-lab:playground:last-query';

/** The SQL playground: pick a run, write SQL in Monaco, run it in DuckDB-WASM, see a grid or a chart. */
export function Playground({
  runs,
  initialRunId,
}: {
  runs: readonly RunOption[];
  initialRunId: string | null;
}) {
  const [runId, setRunId] = useState<string | null>(initialRunId);
  const source = useMemo(() => (runId ? runSource(runId) : sampleSource), [runId]);
  const engine = useDuckDb(source, { eager: true });
  const { result, stale, failure, running, run, cancel } = useQueryRunner(engine.run);
  const [sql, setSql] = useState<string>(defaultSql);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [saved, setSaved] = useState<SavedQuery[]>([]);
  const selection = useRef<RunRequest | null>(null);

  const refresh = useCallback(() => {
    void store()
      .then(async (s) => {
        setHistory(await s.listHistory());
        setSaved(await s.listSaved());
      })
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    const last = window.localStorage.getItem(lastQueryKey);
    if (last) setSql(last);
    refresh();
  }, [refresh]);

  useEffect(() => {
    window.localStorage.setItem(lastQueryKey, sql);
  }, [sql]);

  const execute = useCallback(
    async (request: RunRequest) => {
      if (request.sql.trim() === '') return;
      const outcome = await run(request.sql, { line: request.line, column: request.column });
      await (
        await store()
      )
        .addHistory({
          sql: request.sql,
          source: runId ?? 'sample',
          at: Date.now(),
          ok: outcome.ok,
          rows: outcome.result?.rowCount ?? null,
          elapsedMs: outcome.result?.elapsedMs ?? null,
        })
        .catch(() => undefined);
      refresh();
    },
    [run, runId, refresh],
  );

  const statusText =
    engine.status === 'error'
      ? `Engine failed: ${engine.error}`
      : engine.status !== 'ready'
        ? 'Loading DuckDB-WASM…'
        : engine.attaching
          ? 'Opening the run’s database…'
          : engine.error
            ? engine.error
            : `DuckDB ${engine.ready?.version} ready · ${engine.attached?.tables.length ?? 0} tables`;

  return (
    <div className="flex flex-col gap-6 lg:flex-row">
      <PlaygroundSidebar
        tables={engine.attached?.tables ?? []}
        history={history}
        saved={saved}
        source={runId ?? 'the sample run'}
        onLoad={setSql}
        onDeleteSaved={(name) =>
          void store()
            .then((s) => s.deleteSaved(name))
            .then(refresh)
        }
        onClearHistory={() =>
          void store()
            .then((s) => s.clearHistory())
            .then(refresh)
        }
      />
      <div className="min-w-0 flex-1">
        <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
          {/* A run's label is long: on a phone the list shrinks to the screen instead of widening the page. */}
          <label className="flex min-w-0 max-w-full items-center gap-2">
            <span className="font-medium">Run</span>
            <select
              aria-label="Run to query"
              value={runId ?? ''}
              onChange={(e) => setRunId(e.target.value || null)}
              className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            >
              {runs.map((r) => (
                <option key={r.runId} value={r.runId}>
                  {r.label}
                </option>
              ))}
              <option value="">Sample run (bundled)</option>
            </select>
          </label>
          <button
            type="button"
            onClick={() => void execute(selection.current ?? { sql, line: 1, column: 1 })}
            disabled={running}
            className="rounded bg-brand-600 px-3 py-1 font-medium text-white disabled:opacity-50"
          >
            Run <kbd className="ml-1 text-xs opacity-80">Ctrl/⌘+Enter</kbd>
          </button>
          {running ? (
            <button
              type="button"
              onClick={cancel}
              className="rounded border border-red-400 px-3 py-1 text-red-700 dark:text-red-300"
            >
              Cancel
            </button>
          ) : null}
          <button
            type="button"
            onClick={() => void import('./format-sql').then((m) => setSql(m.formatSql(sql)))}
            className="rounded border border-slate-300 px-3 py-1 dark:border-slate-700"
          >
            Format
          </button>
          <button
            type="button"
            onClick={() => {
              const name = window.prompt('Save this query as', sql.trim().split('\n')[0]?.slice(0, 60));
              if (name)
                void store()
                  .then((s) => s.saveQuery(name, sql))
                  .then(refresh);
            }}
            className="rounded border border-slate-300 px-3 py-1 dark:border-slate-700"
          >
            Save
          </button>
          <span
            data-testid="engine-status"
            data-engine={engine.status}
            data-attached={engine.attaching ? '' : (engine.attached?.key ?? '')}
            className="ml-auto text-xs text-slate-500"
            aria-live="polite"
          >
            {statusText}
          </span>
        </div>
        <div
          className="overflow-hidden rounded-md border border-slate-200 dark:border-slate-800"
          style={{ height: editorHeight }}
        >
          <SqlEditor
            value={sql}
            onChange={setSql}
            onRun={(request) => void execute(request)}
            onSelectionChange={(request) => (selection.current = request)}
            tables={engine.attached?.tables ?? []}
            marker={
              failure && failure.line !== null
                ? { line: failure.line, column: failure.column ?? 1, message: failure.summary }
                : null
            }
            height={editorHeight}
          />
        </div>
        <p className="mt-1 text-xs text-slate-500">
          Select part of the text to run only that. Ctrl/⌘+Space completes table and column names; Format (or
          Shift+Alt+F) tidies the query.
        </p>
        <div className="mt-4" style={{ minHeight: resultsHeight + 40 }}>
          {running ? (
            <p className="text-sm text-slate-500" role="status">
              Running…
            </p>
          ) : null}
          {failure ? (
            <div
              role="alert"
              data-testid="query-error"
              className="mb-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
            >
              <p className="font-medium">{failure.summary}</p>
              {failure.line !== null ? (
                <p className="mt-1 text-xs">
                  at line {failure.line}, column {failure.column} (marked in the editor)
                </p>
              ) : null}
            </div>
          ) : null}
          {result && !running && stale ? (
            <p
              data-testid="stale-result"
              className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500"
            >
              Previous result: from the last query that ran, not the one that failed above
            </p>
          ) : null}
          {result && !running ? (
            <div className={stale ? 'opacity-60' : undefined}>
              <ResultsPanel result={result} height={resultsHeight} />
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
