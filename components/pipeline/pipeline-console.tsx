'use client';

import dynamic from 'next/dynamic';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StageRecord } from '@/pipeline/contracts/manifest';
import { stageCatalog, stageNames, type StageName } from '@/pipeline/contracts/stages';
import { fmt, type RunDetails, type StageState } from './console-types';
import { dagBoxClass } from './dag-layout';
import { QualityView } from './quality-view';
import { RunForm } from './run-form';
import { RunHistory, type RunRow } from './run-history';
import { StageDrawer } from './stage-drawer';
import { progressText, rejectedText } from './stage-figures';
import { StreamingView } from './streaming-view';
import { useFocusStage } from './use-focus-stage';
import { useRunEvents } from './use-run-events';
import { useSelectedRun } from './use-selected-run';

const DagGraph = dynamic(() => import('./dag-graph'), {
  ssr: false,
  loading: () => <div className={dagBoxClass} aria-hidden />,
});

declare global {
  interface Window {
    /** Read by the e2e test: milliseconds from submitting the form to the first progress event on the page. */
    __pipelineConsole?: { submitToFirstProgressMs: number | null };
  }
}

export function PipelineConsole() {
  const [runs, setRuns] = useState<RunRow[]>([]);
  const [selected, setSelected] = useSelectedRun();
  // A run started from this page has no manifest until its process begins (it may wait in the queue): its details
  // are read once the first stage event says the manifest is on disk, never asked for before the run exists.
  const [startedHere, setStartedHere] = useState<string | null>(null);
  const [details, setDetails] = useState<RunDetails | null>(null);
  const [drawer, setDrawer] = useState<StageName | null>(null);
  const [tab, setTab] = useState<'stages' | 'streaming' | 'quality' | 'logs'>('stages');
  const [actionError, setActionError] = useState<string | null>(null);
  const [missingRun, setMissingRun] = useState<string | null>(null);
  const submittedAt = useRef<number | null>(null);
  const focusStage = useFocusStage();
  const focusHandled = useRef(false);
  const focusDrawerOpened = useRef(false);

  const onFirstProgress = useCallback(() => {
    if (submittedAt.current === null) return;
    window.__pipelineConsole = {
      submitToFirstProgressMs: Math.round(performance.now() - submittedAt.current),
    };
    submittedAt.current = null;
  }, []);
  const events = useRunEvents(selected, onFirstProgress);
  const runExists =
    selected !== null &&
    (selected !== startedHere || Object.keys(events.stages).length > 0 || events.doneCount > 0);

  const loadRuns = useCallback(async () => {
    const response = await fetch('/api/runs', { cache: 'no-store' });
    if (response.ok) setRuns(((await response.json()) as { runs: RunRow[] }).runs);
  }, []);
  const loadDetails = useCallback(
    async (runId: string) => {
      const response = await fetch(`/api/runs/${runId}`, { cache: 'no-store' });
      if (response.ok) setDetails((await response.json()) as RunDetails);
      else {
        setDetails(null);
        // A run in the address that no longer exists (deleted, or another machine's link): say so and show none.
        if (response.status === 404) {
          setMissingRun(runId);
          setSelected(null);
        }
      }
    },
    [setSelected],
  );

  useEffect(() => {
    void loadRuns();
  }, [loadRuns, events.doneCount]);
  useEffect(() => {
    if (selected && runExists) void loadDetails(selected);
  }, [selected, runExists, events.doneCount, loadDetails]);

  // Arriving from a lesson's "Run this stage": open the newest run on that stage's drawer once it is loaded.
  useEffect(() => {
    if (!focusStage || focusHandled.current || runs.length === 0) return;
    focusHandled.current = true;
    if (!selected) setSelected(runs[0]!.runId);
  }, [focusStage, runs, selected, setSelected]);
  // Once: the run's details are loaded again whenever a run finishes, and a drawer the learner has closed must not
  // open again on its own.
  useEffect(() => {
    if (focusDrawerOpened.current) return;
    if (
      focusStage &&
      focusHandled.current &&
      details?.manifest.stages.some((stage) => stage.name === focusStage && stage.status === 'succeeded')
    ) {
      focusDrawerOpened.current = true;
      setDrawer((open) => open ?? focusStage);
    }
  }, [focusStage, details]);

  const records: Record<StageName, StageRecord | undefined> = Object.fromEntries(
    stageNames.map((name) => [
      name,
      events.stages[name] ?? details?.manifest.stages.find((stage) => stage.name === name),
    ]),
  ) as Record<StageName, StageRecord | undefined>;
  const states = Object.fromEntries(
    stageNames.map((name) => [name, records[name]?.status ?? 'pending']),
  ) as Record<StageName, StageState>;
  const busy =
    events.status === 'queued' ||
    events.status === 'running' ||
    Boolean(
      details?.active &&
      events.status !== 'succeeded' &&
      events.status !== 'pending' &&
      events.status !== 'failed',
    );

  async function post(path: string) {
    setActionError(null);
    const response = await fetch(path, { method: 'POST' });
    if (!response.ok)
      setActionError(((await response.json()) as { error: { message: string } }).error.message);
  }
  async function remove(runId: string) {
    await fetch(`/api/runs/${runId}`, { method: 'DELETE' });
    if (runId === selected) {
      setSelected(null);
      setDetails(null);
    }
    await loadRuns();
  }

  // The history is below the current run: on a phone the opened run would be a screen away without this.
  function openRun(runId: string) {
    setMissingRun(null);
    setSelected(runId);
    requestAnimationFrame(() => document.getElementById('current-run')?.scrollIntoView({ block: 'start' }));
  }

  const version = `${selected}-${events.doneCount}`;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      {focusStage ? (
        <p data-testid="focus-stage" className="rounded-md bg-sky-50 px-3 py-2 text-sm dark:bg-sky-950">
          From the lesson: the{' '}
          <strong>{stageCatalog.find((entry) => entry.name === focusStage)?.title ?? focusStage}</strong>{' '}
          stage.{' '}
          {runs.length === 0
            ? 'Start a run in step mode below and run the stages up to it, one at a time.'
            : 'Your newest run is open on it; start another in step mode to watch it run.'}
        </p>
      ) : null}
      <RunForm
        onStarted={(runId, at) => {
          submittedAt.current = at;
          window.__pipelineConsole = { submitToFirstProgressMs: null };
          setDetails(null);
          setMissingRun(null);
          setStartedHere(runId);
          setSelected(runId);
          void loadRuns();
        }}
      />
      {missingRun ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm dark:bg-amber-950">
          Run <span className="font-mono">{missingRun}</span> does not exist any more (deleted?). Pick another
          from the run history below.
        </p>
      ) : null}
      {selected ? (
        <section
          id="current-run"
          aria-label="Current run"
          className="grid scroll-mt-4 grid-cols-[minmax(0,1fr)] gap-3"
        >
          <div className="flex flex-wrap items-center gap-3">
            <h2 className="break-all font-mono text-sm font-semibold">{selected}</h2>
            <span data-testid="run-status" className="rounded bg-slate-100 px-2 text-xs dark:bg-slate-800">
              {events.status === 'idle' ? (details?.manifest.status ?? '…') : events.status}
            </span>
            {details &&
            !details.active &&
            details.manifest.stages.some((stage) => stage.status !== 'succeeded') &&
            !busy ? (
              <button
                type="button"
                className="rounded border px-2 text-xs"
                onClick={() => void post(`/api/runs/${selected}/stages/resume`)}
              >
                Resume (run every unfinished stage)
              </button>
            ) : null}
            {actionError ? (
              <span role="alert" className="text-xs text-red-700">
                {actionError}
              </span>
            ) : null}
          </div>
          <DagGraph states={states} onSelect={setDrawer} />
          <div role="tablist" className="flex gap-2 text-sm">
            {(['stages', 'streaming', 'quality', 'logs'] as const).map((name) => (
              <button
                key={name}
                role="tab"
                type="button"
                aria-selected={tab === name}
                className={`rounded px-2 py-1 ${tab === name ? 'bg-sky-700 text-white' : 'border'}`}
                onClick={() => setTab(name)}
              >
                {name[0]!.toUpperCase() + name.slice(1)}
              </button>
            ))}
          </div>
          {tab === 'stages' ? (
            // On a phone each row is a card: title, state and buttons on one line, the figures labelled below, so
            // nothing is cut off and numbers never run into each other. Between phone and laptop widths the table
            // scrolls in its own box rather than widening the page.
            <div className="overflow-x-auto">
              <table className="w-full text-sm tabular-nums" aria-label="Stages">
                <thead className="max-sm:hidden">
                  <tr className="text-left text-xs text-slate-500 [&>th]:px-2 [&>th]:py-1">
                    <th>Stage</th>
                    <th>State</th>
                    <th>Progress</th>
                    <th className="text-right">In</th>
                    <th className="text-right">Out</th>
                    <th className="text-right">Rejected</th>
                    <th className="text-right">ms</th>
                    <th />
                  </tr>
                </thead>
                <tbody className="max-sm:grid max-sm:gap-2">
                  {stageCatalog.map((stage) => {
                    const record = records[stage.name];
                    const progress = events.progress[stage.name];
                    const ready = stage.dependsOn.every((dependency) => states[dependency] === 'succeeded');
                    const state = states[stage.name];
                    const rejected = rejectedText(record);
                    const figure =
                      'whitespace-nowrap px-2 text-right max-sm:order-5 max-sm:px-0 max-sm:text-xs';
                    return (
                      <tr
                        key={stage.name}
                        data-testid={`stage-${stage.name}`}
                        data-state={state}
                        className="border-b border-slate-100 max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-x-3 max-sm:gap-y-1 max-sm:rounded max-sm:border max-sm:p-2 dark:border-slate-800 [&>td]:py-1 max-sm:[&>td]:py-0"
                      >
                        <td className="px-2 max-sm:order-1 max-sm:px-0 max-sm:font-semibold">
                          {stage.title}
                        </td>
                        <td className="px-2 max-sm:order-2 max-sm:px-0 max-sm:text-xs">{state}</td>
                        <td
                          className="px-2 font-mono text-xs max-sm:order-4 max-sm:basis-full max-sm:px-0 max-sm:empty:hidden"
                          data-testid={`progress-${stage.name}`}
                        >
                          {progressText(record, progress)}
                        </td>
                        <td className={figure}>
                          {record ? (
                            <>
                              <span className="text-slate-500 sm:hidden">In </span>
                              {fmt(record.inputRows)}
                            </>
                          ) : null}
                        </td>
                        <td className={figure}>
                          {record ? (
                            <>
                              <span className="text-slate-500 sm:hidden">Out </span>
                              {fmt(record.outputRows)}
                            </>
                          ) : null}
                        </td>
                        <td className={figure} data-testid={`rejected-${stage.name}`}>
                          {/^[\d,]+$/.test(rejected) ? (
                            <span className="text-slate-500 sm:hidden">Rejected </span>
                          ) : null}
                          {rejected}
                        </td>
                        <td className={figure}>
                          {record ? (
                            <>
                              {fmt(Math.round(record.durationMs))}
                              <span className="text-slate-500 sm:hidden"> ms</span>
                            </>
                          ) : null}
                        </td>
                        <td className="px-2 max-sm:order-3 max-sm:ml-auto max-sm:px-0">
                          <div className="flex justify-end gap-1">
                            {state === 'failed' ? (
                              <button
                                type="button"
                                className="rounded border border-red-300 px-2 text-xs"
                                disabled={busy}
                                onClick={() => void post(`/api/runs/${selected}/stages/${stage.name}`)}
                              >
                                Retry
                              </button>
                            ) : state !== 'succeeded' && state !== 'running' ? (
                              <button
                                type="button"
                                className="whitespace-nowrap rounded border px-2 text-xs disabled:opacity-40"
                                disabled={busy || !ready}
                                onClick={() => void post(`/api/runs/${selected}/stages/${stage.name}`)}
                                aria-label={`Run ${stage.name}`}
                              >
                                Run stage
                              </button>
                            ) : null}
                            <button
                              type="button"
                              className="rounded border px-2 text-xs"
                              disabled={!record}
                              onClick={() => setDrawer(stage.name)}
                              aria-label={`Open ${stage.name}`}
                            >
                              Open
                            </button>
                          </div>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : null}
          {tab === 'streaming' ? (
            <StreamingView
              runId={selected}
              ingest={records.ingest}
              runWindow={details?.manifest.config ?? null}
              version={version}
              live={busy}
            />
          ) : null}
          {tab === 'quality' ? <QualityView runId={selected} version={version} /> : null}
          {tab === 'logs' ? (
            <ol
              aria-label="Log"
              className="max-h-80 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100"
            >
              {events.logs.map((line) => (
                <li key={line.id}>
                  {new Date(line.time).toISOString().slice(11, 23)} {line.level.toUpperCase().padEnd(5)}{' '}
                  {line.stage ?? ''} {line.message}
                </li>
              ))}
            </ol>
          ) : null}
        </section>
      ) : null}
      <div>
        <h2 className="mb-2 font-semibold">Run history</h2>
        <RunHistory
          runs={runs}
          selected={selected}
          onOpen={openRun}
          onDelete={(runId) => void remove(runId)}
        />
      </div>
      {drawer && selected && records[drawer] ? (
        <StageDrawer
          key={`${selected}-${drawer}`}
          runId={selected}
          record={records[drawer]!}
          files={details?.files.filter((file) => file.stage === drawer) ?? []}
          onClose={() => setDrawer(null)}
        />
      ) : null}
    </div>
  );
}
