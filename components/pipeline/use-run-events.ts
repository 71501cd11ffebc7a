'use client';

import { useEffect, useRef, useState } from 'react';
import type { StageRecord } from '@/pipeline/contracts/manifest';
import type { StageName } from '@/pipeline/contracts/stages';
import type { LogLine, ProgressEvent } from './console-types';

export interface RunEvents {
  progress: Partial<Record<StageName, ProgressEvent>>;
  stages: Partial<Record<StageName, StageRecord>>;
  logs: LogLine[];
  status: string;
  /** Bumped on every `done` event so the page re-reads the manifest. */
  doneCount: number;
}

const empty: RunEvents = { progress: {}, stages: {}, logs: [], status: 'idle', doneCount: 0 };

/**
 * Follows /api/runs/{runId}/events. EventSource resends Last-Event-ID by itself when it reconnects, and the server
 * replays what was missed; ids already seen are ignored so a line is never shown twice.
 */
export function useRunEvents(runId: string | null, onFirstProgress?: () => void): RunEvents {
  const [state, setState] = useState<RunEvents>(empty);
  const seen = useRef(0);
  const firstProgress = useRef(onFirstProgress);
  firstProgress.current = onFirstProgress;

  useEffect(() => {
    setState(empty);
    seen.current = 0;
    if (!runId) return;
    const source = new EventSource(`/api/runs/${runId}/events`);
    const fresh = (event: MessageEvent) => {
      const id = Number(event.lastEventId);
      if (id && id <= seen.current) return false;
      if (id) seen.current = id;
      return true;
    };
    source.addEventListener('progress', (event) => {
      if (!fresh(event)) return;
      const data = JSON.parse(event.data) as ProgressEvent;
      firstProgress.current?.();
      setState((old) => ({ ...old, progress: { ...old.progress, [data.stage]: data } }));
    });
    source.addEventListener('stage', (event) => {
      if (!fresh(event)) return;
      const record = JSON.parse(event.data) as StageRecord;
      firstProgress.current?.();
      setState((old) => ({ ...old, stages: { ...old.stages, [record.name]: record } }));
    });
    source.addEventListener('log', (event) => {
      if (!fresh(event)) return;
      const record = JSON.parse(event.data) as Omit<LogLine, 'id'>;
      setState((old) => ({
        ...old,
        logs: [...old.logs.slice(-499), { ...record, id: Number(event.lastEventId) }],
      }));
    });
    source.addEventListener('status', (event) => {
      if (!fresh(event)) return;
      const data = JSON.parse(event.data) as { status: string };
      setState((old) => ({ ...old, status: data.status }));
    });
    source.addEventListener('snapshot', (event) => {
      const data = JSON.parse(event.data) as { status: string };
      setState((old) => ({ ...old, status: data.status }));
    });
    source.addEventListener('done', (event) => {
      if (!fresh(event)) return;
      const data = JSON.parse(event.data) as { status: string };
      setState((old) => ({ ...old, status: data.status, doneCount: old.doneCount + 1 }));
    });
    return () => source.close();
  }, [runId]);

  return state;
}
