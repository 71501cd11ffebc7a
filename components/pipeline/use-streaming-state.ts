'use client';

import { useEffect, useRef, useState } from 'react';
import type { StreamingState } from '@/lib/runs/inspect-types';
import type { LagPoint } from './lag-chart';

const pollMs = 1000;
const maxLivePoints = 600;

/**
 * /api/runs/{runId}/streaming, read once per `version` and every second while the run is live; while polling it
 * also keeps the total lag of the ingest group over time, the live counterpart of the manifest's lagSamples.
 */
export function useStreamingState(
  runId: string,
  version: string,
  live: boolean,
): { state: StreamingState | null; liveLag: LagPoint[] } {
  const [state, setState] = useState<StreamingState | null>(null);
  const [liveLag, setLiveLag] = useState<LagPoint[]>([]);
  const openedAt = useRef(0);

  useEffect(() => {
    openedAt.current = performance.now();
    setLiveLag([]);
  }, [runId]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const response = await fetch(`/api/runs/${runId}/streaming`, { cache: 'no-store' });
        if (response.ok && !stopped) {
          const next = (await response.json()) as StreamingState;
          setState(next);
          const ingest = next.eventLog.groups.find((group) => group.group === 'ingest-raw');
          if (live && ingest) {
            const lag = ingest.offsets.reduce((sum, offset) => sum + offset.lag, 0);
            setLiveLag((old) => [
              ...old.slice(-(maxLivePoints - 1)),
              { x: Math.round((performance.now() - openedAt.current) / 100) / 10, lag },
            ]);
          }
        }
      } catch {
        // A missed poll is retried by the next one.
      }
      // Wait for the answer before the next poll: a slow server never has requests piling up.
      if (live && !stopped) timer = setTimeout(() => void load(), pollMs);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [runId, version, live]);

  return { state, liveLag };
}
