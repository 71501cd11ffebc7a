'use client';

import { formatBytes } from '@/components/pipeline/console-types';
import type { SparkCellFigures, SparkCellResult } from './spark-cell-types';

function Figures({ figures }: { figures: SparkCellFigures }) {
  return (
    <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="spark-cell-figures">
      shuffle written {formatBytes(figures.shuffleWriteBytes)} · read {formatBytes(figures.shuffleReadBytes)}
      {figures.maxTaskShuffleReadBytes !== undefined
        ? ` (largest task ${formatBytes(figures.maxTaskShuffleReadBytes)})`
        : ''}{' '}
      · spill {formatBytes(figures.spillBytes)} · {figures.jobs} jobs, {figures.stages} stages,{' '}
      {figures.tasks} tasks · {figures.durationMs.toLocaleString('en-US')} ms
    </p>
  );
}

function Plan({ plan, label }: { plan: string; label: string }) {
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-xs">{label}</summary>
      <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100">
        {plan}
      </pre>
    </details>
  );
}

const cell = (value: unknown): string =>
  value === null || value === undefined
    ? 'null'
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/** A Spark cell's answer: its rows, what Spark measured, and the plan (per variant for an experiment). */
export default function SparkCellResults({ answer }: { answer: SparkCellResult }) {
  return (
    <div className="mt-3 grid gap-2" data-testid="spark-cell-result">
      {answer.explainOnly ? null : (
        <div className="max-h-72 overflow-auto rounded border border-slate-200 dark:border-slate-800">
          <table className="w-max min-w-full text-xs">
            <thead className="sticky top-0 bg-slate-50 dark:bg-slate-900">
              <tr>
                {answer.columns.map((column) => (
                  <th key={column.name} className="px-1.5 py-0.5 text-left font-mono font-medium">
                    {column.name} <span className="font-normal text-slate-500">{column.type}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {answer.rows.map((row, index) => (
                <tr key={index} className="border-t border-slate-100 dark:border-slate-800">
                  {answer.columns.map((column) => (
                    <td key={column.name} className="max-w-64 truncate px-1.5 py-0.5 font-mono">
                      {cell(row[column.name])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="text-xs text-slate-500">
        {answer.explainOnly
          ? 'EXPLAIN: the plan only, nothing ran.'
          : `${answer.rows.length.toLocaleString('en-US')} rows${answer.truncated ? ' (more were cut at the row limit)' : ''}`}{' '}
        · {answer.durationMs.toLocaleString('en-US')} ms on the server
      </p>
      {answer.figures ? <Figures figures={answer.figures} /> : null}
      {answer.plan ? <Plan plan={answer.plan} label="Physical plan (EXPLAIN FORMATTED)" /> : null}
      {answer.variants.map((variant) => (
        <div key={variant.name} className="rounded border border-slate-200 p-2 dark:border-slate-800">
          <p className="text-sm font-semibold">
            {variant.name}
            {variant.answer ? <span className="font-normal text-slate-500"> · {variant.answer}</span> : null}
          </p>
          <Figures figures={variant.figures} />
          <Plan
            plan={variant.plan}
            label={
              variant.plan.startsWith('==')
                ? 'Plan as executed (EXPLAIN FORMATTED)'
                : 'RDD lineage (toDebugString)'
            }
          />
        </div>
      ))}
    </div>
  );
}
