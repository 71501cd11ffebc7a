'use client';

import { useCallback, useMemo, useRef, useState } from 'react';
import { proposeChart } from './chart-proposal';
import type { QueryResult } from './protocol';
import { ResultChart } from './result-chart';
import { ResultsGrid } from './results-grid';
import { toCsv } from './result-values';

/** Results with a table tab and, when the shape suits one, a chart tab; CSV export of the sorted rows. */
export default function ResultsPanel({ result, height = 380 }: { result: QueryResult; height?: number }) {
  const proposal = useMemo(() => proposeChart(result), [result]);
  const [tab, setTab] = useState<'table' | 'chart'>('table');
  const order = useRef<Uint32Array | undefined>(undefined);
  const rememberOrder = useCallback((next: Uint32Array) => {
    order.current = next;
  }, []);
  const shownTab = tab === 'chart' && proposal ? 'chart' : 'table';

  const exportCsv = () => {
    const url = URL.createObjectURL(
      new Blob([toCsv(result, order.current)], { type: 'text/csv;charset=utf-8' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = 'query-result.csv';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <div role="tablist" aria-label="Result view" className="flex gap-1">
          {(['table', 'chart'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={shownTab === name}
              disabled={name === 'chart' && !proposal}
              title={
                name === 'chart' && !proposal
                  ? 'A chart needs 2–3 columns: a label or time, then numbers'
                  : undefined
              }
              onClick={() => setTab(name)}
              className={`rounded px-3 py-1 capitalize disabled:opacity-40 ${shownTab === name ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'border border-slate-300 dark:border-slate-700'}`}
            >
              {name}
            </button>
          ))}
        </div>
        <span data-testid="result-summary" className="text-slate-600 dark:text-slate-300">
          {result.truncated
            ? `first ${result.rowCount.toLocaleString('en-US')} rows (more not fetched)`
            : `${result.rowCount.toLocaleString('en-US')} ${result.rowCount === 1 ? 'row' : 'rows'}`}{' '}
          in <span data-testid="result-ms">{result.elapsedMs}</span> ms
        </span>
        <button
          type="button"
          onClick={exportCsv}
          className="ml-auto rounded border border-slate-300 px-3 py-1 dark:border-slate-700"
        >
          Export CSV
        </button>
      </div>
      {shownTab === 'chart' && proposal ? (
        <ResultChart result={result} proposal={proposal} />
      ) : (
        <ResultsGrid
          key={result.elapsedMs + result.columns.map((c) => c.name).join()}
          result={result}
          height={height}
          onOrderChange={rememberOrder}
        />
      )}
    </div>
  );
}
