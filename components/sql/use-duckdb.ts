'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttachResult, DatabaseSource, EngineReady, QueryResult } from './protocol';
import type { DuckDbClient } from './duckdb-client';

export type EngineStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface DuckDbState {
  status: EngineStatus;
  ready: EngineReady | null;
  attached: AttachResult | null;
  attaching: boolean;
  error: string | null;
}

/**
 * The engine for a component: loads the client module (and with it the worker) only when `start()` is first
 * called or `eager` is set, then attaches `source` whenever it changes.
 */
export function useDuckDb(source: DatabaseSource | null, options: { eager: boolean }) {
  const [state, setState] = useState<DuckDbState>({
    status: 'idle',
    ready: null,
    attached: null,
    attaching: false,
    error: null,
  });
  const clientRef = useRef<Promise<DuckDbClient> | null>(null);
  const [started, setStarted] = useState(options.eager);

  const client = useCallback((): Promise<DuckDbClient> => {
    clientRef.current ??= import('./duckdb-client').then((module) => module.sharedDuckDbClient());
    return clientRef.current;
  }, []);

  const start = useCallback(() => setStarted(true), []);

  useEffect(() => {
    if (!started) return;
    let live = true;
    setState((s) => (s.status === 'ready' ? s : { ...s, status: 'loading', error: null }));
    client()
      .then((c) => c.whenReady())
      .then((ready) => live && setState((s) => ({ ...s, status: 'ready', ready })))
      .catch(
        (error: unknown) =>
          live &&
          setState((s) => ({
            ...s,
            status: 'error',
            error: error instanceof Error ? error.message : String(error),
          })),
      );
    return () => {
      live = false;
    };
  }, [started, client]);

  const sourceKey = source?.key ?? null;
  const sourceUrl = source?.url ?? null;
  useEffect(() => {
    if (!started || sourceKey === null || sourceUrl === null) return;
    let live = true;
    setState((s) => ({ ...s, attaching: true, error: null }));
    client()
      .then((c) => c.attach({ key: sourceKey, url: sourceUrl }))
      .then((attached) => live && setState((s) => ({ ...s, attached, attaching: false })))
      .catch(
        (error: unknown) =>
          live &&
          setState((s) => ({
            ...s,
            attaching: false,
            attached: null,
            error: `Could not open the run's database: ${error instanceof Error ? error.message : String(error)}`,
          })),
      );
    return () => {
      live = false;
    };
  }, [started, sourceKey, sourceUrl, client]);

  /** Run SQL against the attached database; waits for the engine and the attachment first. */
  const run = useCallback(
    (sql: string, on?: DatabaseSource): { result: Promise<QueryResult>; cancel: () => void } => {
      setStarted(true);
      let cancelQuery: (() => Promise<boolean>) | null = null;
      let cancelled = false;
      const target =
        on ?? (sourceKey !== null && sourceUrl !== null ? { key: sourceKey, url: sourceUrl } : null);
      const result = client().then(async (c) => {
        if (target) await c.attach(target);
        if (cancelled) throw new Error('Query cancelled.');
        const handle = c.query(sql);
        cancelQuery = handle.cancel;
        return handle.result;
      });
      return {
        result,
        cancel: () => {
          cancelled = true;
          void cancelQuery?.();
        },
      };
    },
    [client, sourceKey, sourceUrl],
  );

  /** The tables of a database (attaching it if another one is attached; a no-op when it already is). */
  const describe = useCallback(
    (on: DatabaseSource) =>
      client()
        .then((c) => c.attach(on))
        .then((attached) => attached.tables),
    [client],
  );

  return { ...state, start, run, describe };
}
