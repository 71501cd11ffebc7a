'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { RoundGrade, RoundStatus } from '@/lib/incidents/round-types';
import { ExplanationRubric } from './explanation-rubric';
import { IncidentResult } from './incident-result';
import { gradeRound, roundStatus, startRound } from './round-api';
import { loadCurrentRound, saveCurrentRound, saveRoundOutcome } from './round-storage';

export interface CauseOption {
  type: string;
  title: string;
}

interface Props {
  causes: CauseOption[];
  lessonTitles: Record<string, string>;
}

const button = 'rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-50';
const field = 'rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-950';

function describe(status: RoundStatus | null): string {
  if (!status) return 'Starting…';
  const seeds = status.seeds.error ?? `hidden runs ${status.seeds.ready} of ${status.seeds.total} ready`;
  if (status.status === 'queued') return `Your run is queued · ${seeds}`;
  if (status.status === 'running')
    return `Your run is running${status.stage ? ` (${status.stage})` : ''} · ${seeds}`;
  if (status.status === 'failed') return `Your run failed: ${status.error ?? 'see the console'}`;
  return status.gradable ? 'Your run and both hidden runs are ready.' : `Your run is ready · ${seeds}`;
}

export function IncidentRound({ causes, lessonTitles }: Props) {
  const [runId, setRunId] = useState<string | null>(null);
  const [named, setNamed] = useState('');
  const [status, setStatus] = useState<RoundStatus | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [rootCause, setRootCause] = useState('');
  const [check, setCheck] = useState('');
  const [grading, setGrading] = useState(false);
  const [grade, setGrade] = useState<RoundGrade | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    // `?incident=TYPE` practises a named incident (no surprise); otherwise resume the round in progress.
    const asked = new URLSearchParams(window.location.search).get('incident');
    if (asked && causes.some((cause) => cause.type === asked)) setNamed(asked);
    setRunId(loadCurrentRound());
  }, [causes]);

  useEffect(() => {
    if (!runId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const answer = await roundStatus(runId);
      if (stopped) return;
      if (!answer.ok) {
        // The round's run was deleted (from the console): forget it rather than show its error for ever.
        if (answer.failure.status === 404) {
          saveCurrentRound(null);
          setRunId(null);
        } else setStartError(answer.failure.message);
        return;
      }
      setStatus(answer.value);
      if (!answer.value.gradable && answer.value.status !== 'failed')
        timer = setTimeout(() => void poll(), 1000);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [runId]);

  const start = async () => {
    setStartError(null);
    setStatus(null);
    setGrade(null);
    setCheck('');
    setRootCause('');
    setFieldErrors({});
    const answer = await startRound(named || null);
    if (!answer.ok) {
      setStartError(answer.failure.fieldErrors.incident ?? answer.failure.message);
      return;
    }
    saveCurrentRound(answer.value.runId);
    setRunId(answer.value.runId);
  };

  const submit = async () => {
    if (!runId) return;
    setGrading(true);
    setFieldErrors({});
    const answer = await gradeRound(runId, check, rootCause);
    setGrading(false);
    if (!answer.ok) {
      setFieldErrors({ form: answer.failure.message, ...answer.failure.fieldErrors });
      return;
    }
    setGrade(answer.value);
    saveRoundOutcome(runId, answer.value);
  };

  return (
    <div className="space-y-6">
      <section className="space-y-3">
        <div className="flex flex-wrap items-end gap-3">
          <button type="button" className={button} onClick={() => void start()}>
            {runId ? 'Start a new round' : 'Start an incident round'}
          </button>
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">Incident</span>
            <select className={field} value={named} onChange={(event) => setNamed(event.target.value)}>
              <option value="">A surprise (as in an interview)</option>
              {causes.map((cause) => (
                <option key={cause.type} value={cause.type}>
                  Practise: {cause.title}
                </option>
              ))}
            </select>
          </label>
        </div>
        {startError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {startError}
          </p>
        ) : null}
        {runId ? (
          <p className="text-sm" data-testid="round-status">
            Round <code>{runId}</code>: {describe(status)}
          </p>
        ) : null}
      </section>

      {runId && status?.status === 'ready' ? (
        <section className="rounded-lg border-l-4 border-brand-500 bg-brand-50 p-4 text-sm dark:bg-slate-900">
          <h2 className="font-semibold">1. Investigate</h2>
          <p className="mt-1">
            Something in this run is wrong. Query it in the{' '}
            <Link
              href={`/playground?run=${encodeURIComponent(runId)}`}
              target="_blank"
              className="text-brand-600 underline dark:text-brand-100"
            >
              playground with this run selected
            </Link>
            : compare what arrived with what you would expect in <code>fact_events</code>,{' '}
            <code>quarantine</code> and <code>dedupe_removed</code>. Counts by hour, by device, by key, and
            the gap between <code>event_ts</code> and <code>ingested_at</code> are good first questions.
          </p>
        </section>
      ) : null}

      {runId && status?.status === 'ready' ? (
        <section className="space-y-3">
          <h2 className="font-semibold">2. Name the root cause and write the check</h2>
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">Root cause</span>
            <select
              className={field}
              value={rootCause}
              onChange={(event) => setRootCause(event.target.value)}
              aria-invalid={Boolean(fieldErrors.rootCause)}
            >
              <option value="">Choose…</option>
              {causes.map((cause) => (
                <option key={cause.type} value={cause.type}>
                  {cause.title}
                </option>
              ))}
            </select>
            {fieldErrors.rootCause ? (
              <span className="text-red-700 dark:text-red-300">{fieldErrors.rootCause}</span>
            ) : null}
          </label>
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">
              Data-quality check: a SELECT whose first column is the id of every affected record
            </span>
            <textarea
              data-testid="incident-check"
              className="min-h-40 w-full rounded border border-slate-300 p-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-950"
              spellCheck={false}
              value={check}
              onChange={(event) => setCheck(event.target.value)}
              placeholder="SELECT event_id FROM fact_events WHERE …"
              aria-invalid={Boolean(fieldErrors.check)}
            />
          </label>
          {fieldErrors.check || fieldErrors.form ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300" data-testid="grade-error">
              {fieldErrors.check ?? fieldErrors.form}
            </p>
          ) : null}
          <button
            type="button"
            className={button}
            disabled={grading || !status.gradable}
            onClick={() => void submit()}
          >
            {grading ? 'Grading…' : status.gradable ? 'Grade my check' : 'Waiting for the hidden runs…'}
          </button>
        </section>
      ) : null}

      {grade ? <IncidentResult grade={grade} lessonTitles={lessonTitles} /> : null}
      {grade && runId ? <ExplanationRubric key={runId} runId={runId} /> : null}
    </div>
  );
}
