'use client';

import { useEffect, useState } from 'react';
import type { StageRecord } from '@/pipeline/contracts/manifest';
import { fmt } from './console-types';

interface LagSample {
  landed: number;
  totalLag: number;
}
interface PartitionLag {
  group: string;
  topic: string;
  partition: number;
  lag: number;
}
interface SpeedWindow {
  start: number;
  revenueCents: number;
  orders: number;
  late: number;
  closed: boolean;
}

/** Consumer lag while ingest ran (from its metrics), final lag per partition, and the speed layer's latest windows. */
export function StreamingView({ runId, ingest, version }: { runId: string; ingest: StageRecord | undefined; version: string }) {
  const [windows, setWindows] = useState<SpeedWindow[] | null>(null);
  useEffect(() => {
    let live = true;
    void fetch(`/api/runs/${runId}/files/speed/snapshot.json`, { cache: 'no-store' })
      .then((response) => (response.ok ? (response.json() as Promise<{ windows: SpeedWindow[] }>) : null))
      .then((json) => live && setWindows(json?.windows ?? null));
    return () => {
      live = false;
    };
  }, [runId, version]);
  const samples = (ingest?.metrics.lagSamples as LagSample[] | undefined) ?? [];
  const finalLag = (ingest?.metrics.finalLag as PartitionLag[] | undefined) ?? [];
  const maxLag = Math.max(1, ...samples.map((sample) => sample.totalLag));
  const maxLanded = Math.max(1, ...samples.map((sample) => sample.landed));
  const points = samples.map((sample) => `${(sample.landed / maxLanded) * 300},${60 - (sample.totalLag / maxLag) * 60}`).join(' ');
  return (
    <section aria-label="Streaming" className="grid gap-4 md:grid-cols-2">
      <div>
        <h4 className="text-sm font-semibold">Consumer lag during ingest</h4>
        {samples.length === 0 ? (
          <p className="text-sm text-slate-500">Appears once ingest has run.</p>
        ) : (
          <svg viewBox="0 0 300 60" className="h-24 w-full" role="img" aria-label={`Lag fell from ${fmt(maxLag)} to ${fmt(samples.at(-1)!.totalLag)} records`}>
            <polyline points={points} fill="none" stroke="#0284c7" strokeWidth="1.5" />
          </svg>
        )}
        {finalLag.length > 0 ? (
          <table className="mt-2 w-full text-xs" aria-label="Final lag by partition">
            <thead><tr className="text-left"><th>Group</th><th>Topic</th><th>Partition</th><th className="text-right">Lag</th></tr></thead>
            <tbody>
              {finalLag.map((row) => (
                <tr key={`${row.topic}-${row.partition}`}><td>{row.group}</td><td>{row.topic}</td><td>{row.partition}</td><td className="text-right">{fmt(row.lag)}</td></tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
      <div>
        <h4 className="text-sm font-semibold">Speed layer (per-minute windows)</h4>
        {windows === null ? (
          <p className="text-sm text-slate-500">No speed-layer snapshot in this run.</p>
        ) : (
          <table className="w-full text-xs" aria-label="Speed layer windows">
            <thead><tr className="text-left"><th>Minute</th><th>Orders</th><th>Revenue</th><th>Late</th></tr></thead>
            <tbody>
              {windows.slice(-8).map((window) => (
                <tr key={window.start}><td>{new Date(window.start).toISOString().slice(0, 16)}</td><td>{fmt(window.orders)}</td><td>{(window.revenueCents / 100).toFixed(2)}</td><td>{window.late}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
