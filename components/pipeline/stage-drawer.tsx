'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { StageDetails } from '@/lib/runs/inspect-types';
import type { StageRecord } from '@/pipeline/contracts/manifest';
import { duplicatesRemoved } from '@/pipeline/contracts/run-figures';
import { stageCatalog } from '@/pipeline/contracts/stages';
import { EditorPlaceholder } from '../sql/editor-placeholder';
import { fmt, formatBytes, stageLessons, type OutputFile } from './console-types';
import { RejectGroups } from './reject-groups';
import { SampleTable } from './sample-table';
import { SparkStagePanel } from './spark-stage-panel';

const codeHeight = 320;
const CodeViewer = dynamic(() => import('./code-viewer'), {
  ssr: false,
  loading: () => <EditorPlaceholder height={codeHeight} />,
});

interface Props {
  runId: string;
  record: StageRecord;
  files: OutputFile[];
  onClose: () => void;
}

/** What a stage does, its code (read-only), sample input and output rows, rejects with examples, timings, files. */
export function StageDrawer({ runId, record, files, onClose }: Props) {
  const info = stageCatalog.find((stage) => stage.name === record.name)!;
  const [details, setDetails] = useState<StageDetails | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [file, setFile] = useState(0);
  // Re-read when the stage finishes or is re-run: its samples and rejects change with it.
  const revision = `${record.status}-${record.attempts}-${record.finishedAt ?? ''}`;
  useEffect(() => {
    let live = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    setFailed(null);
    // A stage's "succeeded" event can arrive while its child process is still finishing: the run is then busy and
    // the server skips table samples. Ask again every second until the job has ended (at most a minute).
    const load = (attempt: number) =>
      void fetch(`/api/runs/${runId}/stages/${record.name}`, { cache: 'no-store' })
        .then(async (response) => {
          if (!response.ok)
            throw new Error(
              ((await response.json()) as { error?: { message: string } }).error?.message ??
                `HTTP ${response.status}`,
            );
          return (await response.json()) as StageDetails;
        })
        .then((json) => {
          if (!live) return;
          setDetails(json);
          // A Spark stage's record grows statement by statement: follow it for as long as the stage runs.
          if (json.spark && record.status === 'running') retry = setTimeout(() => load(attempt + 1), 2_000);
          else if (json.runBusy && attempt < 60) retry = setTimeout(() => load(attempt + 1), 1_000);
        })
        .catch((error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)));
    load(0);
    return () => {
      live = false;
      if (retry) clearTimeout(retry);
    };
  }, [runId, record.name, record.status, revision]);

  const code = details?.code ?? [];
  const shown = code[Math.min(file, code.length - 1)];
  const reasons = Object.entries(record.rejectReasons).sort((a, b) => b[1] - a[1]);
  const removed = record.name === 'dedupe' ? duplicatesRemoved(record) : null;
  return (
    <aside
      role="dialog"
      aria-label={`Stage ${info.title}`}
      className="fixed inset-y-0 right-0 z-40 w-full max-w-2xl overflow-y-auto border-l border-slate-200 bg-white p-5 shadow-xl dark:border-slate-800 dark:bg-slate-950"
    >
      <div className="flex items-start justify-between">
        <h2 className="text-lg font-semibold">{info.title}</h2>
        <button type="button" onClick={onClose} className="rounded border px-2 text-sm">
          Close
        </button>
      </div>
      <p className="mt-2 text-sm">
        {info.summary}{' '}
        <Link className="text-sky-700 underline" href={`/learn/${stageLessons[record.name]}`}>
          Read the lesson
        </Link>
      </p>
      <dl className="mt-4 grid grid-cols-3 gap-2 text-sm">
        <div>
          <dt className="text-slate-500">Status</dt>
          <dd>{record.status}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Attempts</dt>
          <dd>{record.attempts}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Duration</dt>
          <dd>{fmt(Math.round(record.durationMs))} ms</dd>
        </div>
        <div>
          <dt className="text-slate-500">Input rows</dt>
          <dd>{fmt(record.inputRows)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Output rows</dt>
          <dd>{fmt(record.outputRows)}</dd>
        </div>
        {removed === null ? (
          <div>
            <dt className="text-slate-500">Rejected</dt>
            <dd>{fmt(record.rejectedRows)}</dd>
          </div>
        ) : (
          <div>
            <dt className="text-slate-500">Removed as duplicates</dt>
            <dd data-testid="duplicates-removed">{fmt(removed)}</dd>
          </div>
        )}
      </dl>
      {record.error ? (
        <p className="mt-3 text-sm text-red-700">
          {record.error.code}: {record.error.message}
        </p>
      ) : null}
      {failed ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          Could not load the stage details: {failed}
        </p>
      ) : null}

      {details?.spark ? <SparkStagePanel spark={details.spark} /> : null}
      {details?.sparkUnavailable ? (
        <p className="mt-3 text-sm text-slate-500">{details.sparkUnavailable}</p>
      ) : null}

      <h3 className="mt-5 font-semibold">Rejects by reason</h3>
      {reasons.length === 0 ? (
        <p className="text-sm text-slate-500">
          {removed === null
            ? 'No rejects.'
            : `No rejects: removed as duplicates: ${fmt(removed)} (kept in dedupe_removed, not quarantined).`}
        </p>
      ) : (
        <RejectGroups
          groups={details?.rejects ?? reasons.map(([reason, count]) => ({ reason, count, examples: [] }))}
          source={details?.rejectSource ?? null}
        />
      )}

      <h3 className="mt-5 font-semibold">Sample rows</h3>
      {details === null ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : (
        <div className="grid gap-2">
          <div>
            <h4 className="text-xs font-semibold uppercase text-slate-500">In</h4>
            {details.inputs.length === 0 ? (
              <p className="text-xs text-slate-500">
                The first stage reads nothing: it generates from the seed.
              </p>
            ) : null}
            {details.inputs.map((sample) => (
              <SampleTable key={sample.label} sample={sample} direction="input" />
            ))}
          </div>
          <div>
            <h4 className="text-xs font-semibold uppercase text-slate-500">Out</h4>
            {details.outputs.length === 0 ? (
              <p className="text-xs text-slate-500">This stage writes a report, see the Quality tab.</p>
            ) : null}
            {details.outputs.map((sample) => (
              <SampleTable key={sample.label} sample={sample} direction="output" />
            ))}
          </div>
        </div>
      )}

      <h3 className="mt-5 font-semibold">Output files</h3>
      <ul className="text-sm">
        {files.map((output) => (
          <li key={output.path} className="flex justify-between gap-2 font-mono text-xs">
            {output.bytes !== null ? (
              <a className="truncate underline" href={`/api/runs/${runId}/files/${output.path}`}>
                {output.path}
              </a>
            ) : (
              <span className="truncate">{output.path}</span>
            )}
            <span>
              {fmt(output.rows)} rows · {formatBytes(output.bytes)}
            </span>
          </li>
        ))}
        {files.length === 0 ? <li className="text-slate-500">None yet.</li> : null}
      </ul>

      <h3 className="mt-5 font-semibold">{shown?.language === 'typescript' ? 'Code' : 'SQL'}</h3>
      {details === null ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : code.length === 0 ? (
        <p className="text-sm text-slate-500">No source file found for this stage.</p>
      ) : null}
      {code.length > 1 ? (
        <div role="tablist" aria-label="Files" className="mt-1 flex flex-wrap gap-1">
          {code.map((item, index) => (
            <button
              key={item.file}
              role="tab"
              type="button"
              aria-selected={item === shown}
              onClick={() => setFile(index)}
              className={`rounded px-1.5 font-mono text-xs ${item === shown ? 'bg-sky-700 text-white' : 'border'}`}
            >
              {item.file.split('/').pop()}
            </button>
          ))}
        </div>
      ) : null}
      {shown ? (
        <div className="mt-2">
          <p className="font-mono text-xs text-slate-500">{shown.file}</p>
          <div className="mt-1 overflow-hidden rounded border border-slate-200 dark:border-slate-800">
            <CodeViewer
              value={shown.text}
              language={shown.language}
              height={codeHeight}
              label={`${shown.file}, read-only`}
            />
          </div>
          {/* The same text without the editor: for copying, for screen readers that prefer it, and for tests. */}
          <details className="mt-1">
            <summary className="cursor-pointer text-xs">Plain text</summary>
            <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
              {shown.text}
            </pre>
          </details>
        </div>
      ) : null}
    </aside>
  );
}
