'use client';

import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import type { QueryResult } from './protocol';
import { cellText, sortOrder } from './result-values';

const rowHeight = 28;
const overscan = 8;

interface Sort {
  column: number;
  direction: 'asc' | 'desc';
}

/**
 * A virtualized result grid: only the rows in view are in the DOM, so 100k rows scroll smoothly. Click a header
 * to sort (NULLs last), drag its edge to resize, click a cell and press Ctrl/Cmd+C (or "Copy cell") to copy it.
 */
export function ResultsGrid({
  result,
  height,
  onOrderChange,
}: {
  result: QueryResult;
  height: number;
  onOrderChange?(order: Uint32Array): void;
}) {
  const [sort, setSort] = useState<Sort | null>(null);
  const [widths, setWidths] = useState<number[]>(() =>
    result.columns.map((c) => (c.kind === 'text' || c.kind === 'other' ? 200 : 130)),
  );
  const [scrollTop, setScrollTop] = useState(0);
  const [selected, setSelected] = useState<{ row: number; column: number } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const frame = useRef<number | null>(null);

  const order = useMemo(
    () =>
      sortOrder(
        sort ? (result.columns[sort.column] ?? null) : null,
        sort?.direction ?? 'asc',
        result.rowCount,
      ),
    [result, sort],
  );
  useEffect(() => onOrderChange?.(order), [order, onOrderChange]);

  const totalWidth = widths.reduce((sum, w) => sum + w, 0) + 64;
  const bodyHeight = height - rowHeight;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(result.rowCount, Math.ceil((scrollTop + bodyHeight) / rowHeight) + overscan);

  const toggleSort = (column: number) =>
    setSort((current) =>
      current?.column !== column
        ? { column, direction: 'asc' }
        : current.direction === 'asc'
          ? { column, direction: 'desc' }
          : null,
    );

  const startResize = (column: number, event: PointerEvent<HTMLSpanElement>) => {
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = widths[column] ?? 120;
    const move = (e: globalThis.PointerEvent) =>
      setWidths((w) =>
        w.map((value, i) => (i === column ? Math.max(48, startWidth + e.clientX - startX) : value)),
      );
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  const copySelected = useCallback(async () => {
    if (!selected) return;
    const column = result.columns[selected.column];
    if (!column) return;
    const text = cellText(column, order[selected.row]!) ?? '';
    await navigator.clipboard.writeText(text).catch(() => undefined);
    setCopied(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  }, [selected, result, order]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'c') {
      event.preventDefault();
      void copySelected();
    }
  };

  const rows = [];
  for (let i = first; i < last; i++) {
    const row = order[i]!;
    rows.push(
      <div
        key={i}
        role="row"
        aria-rowindex={i + 2}
        className="absolute left-0 flex border-b border-slate-100 dark:border-slate-800"
        style={{ top: i * rowHeight, height: rowHeight, width: totalWidth }}
      >
        <div className="w-16 shrink-0 px-2 text-right text-xs leading-7 text-slate-500 dark:text-slate-400">
          {i + 1}
        </div>
        {result.columns.map((column, c) => {
          const text = cellText(column, row);
          const numeric = column.numbers !== null;
          const isSelected = selected?.row === i && selected.column === c;
          return (
            <div
              key={c}
              role="gridcell"
              onClick={() => setSelected({ row: i, column: c })}
              className={`shrink-0 cursor-default truncate px-2 font-mono text-xs leading-7 ${numeric ? 'text-right' : ''} ${isSelected ? 'bg-brand-100 outline outline-1 outline-brand-500 dark:bg-slate-700' : ''}`}
              style={{ width: widths[c] }}
              title={text ?? 'NULL'}
            >
              {text === null ? <span className="italic text-slate-500 dark:text-slate-400">NULL</span> : text}
            </div>
          );
        })}
      </div>,
    );
  }

  return (
    <div>
      <div
        role="grid"
        aria-label="Query results"
        aria-rowcount={result.rowCount + 1}
        tabIndex={0}
        onKeyDown={onKeyDown}
        className="relative overflow-auto rounded-md border border-slate-200 bg-white text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 dark:border-slate-800 dark:bg-slate-950"
        style={{ height }}
        onScroll={(event) => {
          const top = event.currentTarget.scrollTop;
          if (frame.current !== null) cancelAnimationFrame(frame.current);
          frame.current = requestAnimationFrame(() => setScrollTop(top));
        }}
      >
        <div
          role="row"
          aria-rowindex={1}
          className="sticky top-0 z-10 flex border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900"
          style={{ height: rowHeight, width: totalWidth }}
        >
          <div className="w-16 shrink-0" />
          {result.columns.map((column, c) => (
            <div
              key={c}
              role="columnheader"
              aria-sort={
                sort?.column === c ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'
              }
              className="relative flex shrink-0 items-center gap-1 px-2 text-xs font-semibold"
              style={{ width: widths[c] }}
            >
              <button
                type="button"
                className="truncate text-left hover:underline"
                onClick={() => toggleSort(c)}
                title={`${column.name} ${column.type}: click to sort`}
              >
                {column.name}
                <span className="ml-1 font-normal text-slate-500 dark:text-slate-400">{column.type}</span>
                {sort?.column === c ? (
                  <span aria-hidden="true">{sort.direction === 'asc' ? ' ▲' : ' ▼'}</span>
                ) : null}
              </button>
              <span
                role="separator"
                aria-orientation="vertical"
                aria-label={`Resize ${column.name}`}
                onPointerDown={(event) => startResize(c, event)}
                className="absolute right-0 top-0 h-full w-1.5 cursor-col-resize hover:bg-brand-500"
              />
            </div>
          ))}
        </div>
        <div className="relative" style={{ height: result.rowCount * rowHeight, width: totalWidth }}>
          {rows}
        </div>
      </div>
      <div className="mt-1 flex items-center gap-3 text-xs text-slate-500">
        <button
          type="button"
          disabled={!selected}
          onClick={() => void copySelected()}
          className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-40 dark:border-slate-700"
        >
          Copy cell
        </button>
        <span aria-live="polite">
          {copied !== null
            ? `Copied “${copied}”`
            : selected
              ? 'Ctrl/Cmd+C copies the selected cell'
              : 'Click a cell to select it'}
        </span>
      </div>
    </div>
  );
}
