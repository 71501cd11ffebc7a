'use client';

import { useState } from 'react';
import type { Manifest } from '@/pipeline/contracts/manifest';
import { fmt } from './console-types';

export interface RunRow {
  runId: string;
  status: string;
  startedAt: string;
  seed: number;
  events: number;
  faults: string;
}

interface Props {
  runs: RunRow[];
  selected: string | null;
  onOpen: (runId: string) => void;
  onDelete: (runId: string) => void;
}

/** Every run: open one, compare two side by side (stage by stage), delete. */
export function RunHistory({ runs, selected, onOpen, onDelete }: Props) {
  const [compare, setCompare] = useState<string[]>([]);
  const [manifests, setManifests] = useState<Manifest[] | null>(null);
  async function showCompare() {
    const loaded = await Promise.all(
      compare.map(
        async (runId) =>
          ((await (await fetch(`/api/runs/${runId}`)).json()) as { manifest: Manifest }).manifest,
      ),
    );
    setManifests(loaded);
  }
  return (
    <section aria-label="Run history">
      <ul className="grid gap-1 text-sm">
        {runs.map((run) => (
          // Wraps on a narrow screen: the name keeps at least 10rem (a run must stay openable), the details go below.
          <li
            key={run.runId}
            className={`flex flex-wrap items-center gap-x-2 gap-y-1 rounded px-2 py-1 ${run.runId === selected ? 'bg-sky-50 dark:bg-sky-950' : ''}`}
          >
            <input
              type="checkbox"
              aria-label={`Compare ${run.runId}`}
              checked={compare.includes(run.runId)}
              onChange={(event) =>
                setCompare((old) =>
                  event.target.checked ? [...old, run.runId].slice(-2) : old.filter((id) => id !== run.runId),
                )
              }
            />
            <button
              type="button"
              data-testid="run-name"
              className="min-w-40 flex-1 truncate text-left font-mono text-xs underline"
              onClick={() => onOpen(run.runId)}
            >
              {run.runId}
            </button>
            <span className="text-xs">
              {run.status} · {fmt(run.events)} events · seed {run.seed} · {run.faults}
            </span>
            <button
              type="button"
              className="rounded border border-red-300 px-1.5 text-xs text-red-700"
              onClick={() => onDelete(run.runId)}
              aria-label={`Delete ${run.runId}`}
            >
              Delete
            </button>
          </li>
        ))}
        {runs.length === 0 ? <li className="text-slate-500">No runs yet.</li> : null}
      </ul>
      <button
        type="button"
        className="mt-2 rounded border px-2 py-1 text-xs disabled:opacity-50"
        disabled={compare.length !== 2}
        onClick={() => void showCompare()}
      >
        Compare the two ticked runs
      </button>
      {manifests ? (
        <div className="mt-3 overflow-x-auto" tabIndex={0}>
          <table className="w-full text-xs" aria-label="Run comparison">
            <thead>
              <tr className="text-left">
                <th>Stage</th>
                {manifests.map((manifest) => (
                  <th key={manifest.runId} className="font-mono">
                    {manifest.runId} (out / rejected / ms)
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {manifests[0]!.stages.map((stage, index) => (
                <tr key={stage.name}>
                  <td>{stage.name}</td>
                  {manifests.map((manifest) => {
                    const record = manifest.stages[index]!;
                    return (
                      <td key={manifest.runId}>
                        {fmt(record.outputRows)} / {fmt(record.rejectedRows)} /{' '}
                        {fmt(Math.round(record.durationMs))}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
