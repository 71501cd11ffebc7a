'use client';

import { useCallback, useRef, useState } from 'react';
import type { DatabaseSource, QueryResult } from './protocol';

export interface QueryFailure {
  message: string;
  summary: string;
  /** 1-based position in the editor's text (the selection offset already applied). */
  line: number | null;
  column: number | null;
  cancelled: boolean;
}

type Runner = (sql: string, on?: DatabaseSource) => { result: Promise<QueryResult>; cancel: () => void };

function readPosition(error: unknown): { line: number | null; column: number | null; cancelled: boolean } {
  if (typeof error !== 'object' || error === null) return { line: null, column: null, cancelled: false };
  const { line, column, cancelled } = error as { line?: unknown; column?: unknown; cancelled?: unknown };
  return {
    line: typeof line === 'number' ? line : null,
    column: typeof column === 'number' ? column : null,
    cancelled: cancelled === true || (error instanceof Error && error.message === 'Query cancelled.'),
  };
}

/**
 * One query at a time: result, failure (with the position moved from the selection to the editor), cancel. A failed
 * query keeps the last result but marks it `stale`, so a page can label it as the previous query's instead of
 * leaving it under the error as if it were the answer.
 */
export function useQueryRunner(runner: Runner) {
  const [result, setResult] = useState<QueryResult | null>(null);
  const [failure, setFailure] = useState<QueryFailure | null>(null);
  const [running, setRunning] = useState(false);
  const [stale, setStale] = useState(false);
  const cancelRef = useRef<(() => void) | null>(null);

  const run = useCallback(
    async (
      sql: string,
      at: { line: number; column: number } = { line: 1, column: 1 },
      on?: DatabaseSource,
    ): Promise<{ ok: boolean; result: QueryResult | null }> => {
      cancelRef.current?.();
      setRunning(true);
      setFailure(null);
      const handle = runner(sql, on);
      cancelRef.current = handle.cancel;
      try {
        const value = await handle.result;
        setResult(value);
        setStale(false);
        return { ok: true, result: value };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const position = readPosition(error);
        const line = position.line === null ? null : position.line + at.line - 1;
        const column =
          position.column === null
            ? null
            : position.line === 1
              ? position.column + at.column - 1
              : position.column;
        setStale(true);
        setFailure({
          message,
          summary: position.cancelled ? 'Query cancelled.' : message,
          line,
          column,
          cancelled: position.cancelled,
        });
        return { ok: false, result: null };
      } finally {
        setRunning(false);
        cancelRef.current = null;
      }
    },
    [runner],
  );

  const cancel = useCallback(() => cancelRef.current?.(), []);
  return { result, stale, failure, running, run, cancel };
}
