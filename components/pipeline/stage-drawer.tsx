'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { StageRecord } from '@/pipeline/contracts/manifest';
import { stageCatalog } from '@/pipeline/contracts/stages';
import { fmt, formatBytes, stageLessons, type OutputFile } from './console-types';

interface Props {
  runId: string;
  record: StageRecord;
  files: OutputFile[];
  onClose: () => void;
}

/** What a stage does, its SQL (read-only), its rejects by reason, timings and output files. */
export function StageDrawer({ runId, record, files, onClose }: Props) {
  const info = stageCatalog.find((stage) => stage.name === record.name)!;
  const [sql, setSql] = useState<Array<{ file: string; sql: string }> | null>(null);
  useEffect(() => {
    let live = true;
    void fetch(`/api/runs/${runId}/stages/${record.name}`)
      .then((response) => response.json() as Promise<{ sql: Array<{ file: string; sql: string }> }>)
      .then((json) => live && setSql(json.sql));
    return () => {
      live = false;
    };
  }, [runId, record.name]);
  const reasons = Object.entries(record.rejectReasons).sort((a, b) => b[1] - a[1]);
  return (
    <aside role="dialog" aria-label={`Stage ${info.title}`} className="fixed inset-y-0 right-0 z-40 w-full max-w-xl overflow-y-auto border-l border-slate-200 bg-white p-5 shadow-xl dark:border-slate-800 dark:bg-slate-950">
      <div className="flex items-start justify-between">
        <h2 className="text-lg font-semibold">{info.title}</h2>
        <button type="button" onClick={onClose} className="rounded border px-2 text-sm">
          Close
        </button>
      </div>
      <p className="mt-2 text-sm">
        {info.summary} <Link className="text-sky-700 underline" href={`/learn/${stageLessons[record.name]}`}>Read the lesson</Link>
      </p>
      <dl className="mt-4 grid grid-cols-3 gap-2 text-sm">
        <div><dt className="text-slate-500">Status</dt><dd>{record.status}</dd></div>
        <div><dt className="text-slate-500">Attempts</dt><dd>{record.attempts}</dd></div>
        <div><dt className="text-slate-500">Duration</dt><dd>{fmt(Math.round(record.durationMs))} ms</dd></div>
        <div><dt className="text-slate-500">Input rows</dt><dd>{fmt(record.inputRows)}</dd></div>
        <div><dt className="text-slate-500">Output rows</dt><dd>{fmt(record.outputRows)}</dd></div>
        <div><dt className="text-slate-500">Rejected</dt><dd>{fmt(record.rejectedRows)}</dd></div>
      </dl>
      {record.error ? <p className="mt-3 text-sm text-red-700">{record.error.code}: {record.error.message}</p> : null}
      <h3 className="mt-5 font-semibold">Rejects by reason</h3>
      {reasons.length === 0 ? (
        <p className="text-sm text-slate-500">No rejects.</p>
      ) : (
        <table className="mt-1 w-full text-sm" aria-label="Rejects by reason">
          <tbody>
            {reasons.map(([reason, count]) => (
              <tr key={reason} className="border-b border-slate-100 dark:border-slate-800">
                <td className="py-1 font-mono">{reason}</td>
                <td className="text-right">{fmt(count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {record.name === 'validate' ? (
        <p className="mt-1 text-xs">
          Examples of each reason: the quarantined rows are in the run&apos;s lake; query them in the <Link className="underline" href="/playground">playground</Link>.
        </p>
      ) : null}
      <h3 className="mt-5 font-semibold">Output files</h3>
      <ul className="text-sm">
        {files.map((file) => (
          <li key={file.path} className="flex justify-between gap-2 font-mono text-xs">
            {file.bytes !== null ? <a className="truncate underline" href={`/api/runs/${runId}/files/${file.path}`}>{file.path}</a> : <span className="truncate">{file.path}</span>}
            <span>{fmt(file.rows)} rows · {formatBytes(file.bytes)}</span>
          </li>
        ))}
        {files.length === 0 ? <li className="text-slate-500">None yet.</li> : null}
      </ul>
      <h3 className="mt-5 font-semibold">SQL</h3>
      {sql === null ? <p className="text-sm text-slate-500">Loading…</p> : sql.length === 0 ? <p className="text-sm text-slate-500">This stage is TypeScript, no SQL file.</p> : null}
      {sql?.map((file) => (
        <details key={file.file} className="mt-2" open={sql.length === 1}>
          <summary className="cursor-pointer font-mono text-sm">{file.file}</summary>
          <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{file.sql}</pre>
        </details>
      ))}
    </aside>
  );
}
