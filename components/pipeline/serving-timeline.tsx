'use client';

import { useCallback, useEffect, useState } from 'react';
import type { ServingState } from '@/lib/runs/serving-types';
import { fmt } from './console-types';

const utcTime = (ms: number) => new Date(ms).toISOString().slice(11, 23);
const days = (seconds: number) => (seconds / 86_400).toFixed(1);

/**
 * The run's Cassandra serving table: one user's day read from its partition (user_id, event_date), newest first,
 * with the partition's size, and how rows spread over partitions (the largest are the generator's busiest users).
 * An embedded run shows why there is no such table on its tier.
 */
export function ServingTimeline({ runId, version }: { runId: string; version: string }) {
  const [state, setState] = useState<ServingState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [largest, setLargest] = useState<NonNullable<Extract<ServingState, { available: true }>['spread']>>();

  const load = useCallback(
    async (partition?: { userId: string; eventDate: string }) => {
      const query = partition
        ? `?user=${encodeURIComponent(partition.userId)}&date=${partition.eventDate}`
        : '';
      try {
        const response = await fetch(`/api/runs/${runId}/serving${query}`, { cache: 'no-store' });
        const body = (await response.json()) as ServingState | { error: { message: string } };
        if ('error' in body) throw new Error(body.error.message);
        setState(body);
        if (body.available && body.spread) setLargest(body.spread);
        setError(null);
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    },
    [runId],
  );

  useEffect(() => {
    void load();
  }, [load, version]);

  return (
    <section aria-label="Serving table" className="grid gap-2" data-testid="serving-table">
      <h4 className="text-sm font-semibold">Serving table (Cassandra): one user&apos;s day</h4>
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
      {state === null ? (
        <p className="text-sm text-slate-500">Reading the serving table…</p>
      ) : !state.available ? (
        <p className="text-sm text-slate-500" data-testid="serving-unavailable">
          {state.reason}
        </p>
      ) : (
        <>
          <p className="text-xs text-slate-500" data-testid="serving-location">
            {state.location} · every row expires {days(state.ttlSeconds)} days after it was written (
            <code>default_time_to_live = {fmt(state.ttlSeconds)}</code>)
          </p>
          {largest ? (
            <div>
              <p className="text-xs" data-testid="serving-spread">
                {fmt(largest.rows)} rows in {fmt(largest.partitions)} partitions: median {fmt(largest.p50)}{' '}
                rows, 99th percentile {fmt(largest.p99)}, largest {fmt(largest.max)} (a scan of every
                partition took {fmt(largest.scanMs)} ms; the read below touches one).
              </p>
              <ul className="mt-1 flex flex-wrap gap-2 text-xs" aria-label="Largest partitions">
                {largest.largest.map((partition) => (
                  <li key={`${partition.userId} ${partition.eventDate}`}>
                    <button
                      type="button"
                      className="rounded border px-2 py-0.5 font-mono"
                      onClick={() => void load(partition)}
                    >
                      {partition.userId.slice(-12)} · {partition.eventDate} · {fmt(partition.rows)} rows
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {state.timeline ? (
            <div>
              <p className="text-xs" data-testid="serving-partition">
                Partition (user_id {state.timeline.userId}, event_date {state.timeline.eventDate}):{' '}
                {fmt(state.timeline.partitionRows)} rows, about {fmt(state.timeline.partitionBytes)} bytes of
                values; read in {state.timeline.readMs} ms.
              </p>
              <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900">
                {state.timeline.cql}
              </pre>
              <table className="mt-1 w-full text-xs" aria-label="Timeline">
                <thead>
                  <tr className="text-left">
                    <th>event_ts (UTC)</th>
                    <th>event_type</th>
                    <th>product / order / search</th>
                    <th className="text-right">TTL left (s)</th>
                  </tr>
                </thead>
                <tbody>
                  {state.timeline.rows.map((row) => (
                    <tr key={row.eventId} className="border-t border-slate-100 dark:border-slate-800">
                      <td className="font-mono">{utcTime(row.eventTs)}</td>
                      <td>{row.eventType}</td>
                      <td className="font-mono">
                        {row.orderId ?? row.productId ?? row.searchQuery ?? ''}
                        {row.quantity !== null ? ` ×${row.quantity}` : ''}
                      </td>
                      <td className="text-right">{row.ttlSeconds === null ? '' : fmt(row.ttlSeconds)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
