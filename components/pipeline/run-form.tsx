'use client';

import { useEffect, useState } from 'react';
import { faultProfiles } from '@/pipeline/contracts/fault-profiles';
import { maxBrowserEvents, parseRunRequest, type FieldErrors } from '@/lib/runs/run-request';
import type { BatchEngine } from '@/pipeline/contracts/manifest';
import { EngineChoice } from './engine-choice';
import { TierChoice, useTierStatus } from './tier-choice';

interface Props {
  onStarted: (runId: string, submittedAt: number) => void;
}

const inputClass =
  'mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-700 dark:bg-slate-900';

function Field({
  name,
  label,
  error,
  children,
}: {
  name: string;
  label: string;
  error?: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={`run-${name}`} className="text-sm font-medium">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`run-${name}-error`} role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Start a run. The same zod schema checks the body here and on the server; the server's answer wins. */
export function RunForm({ onStarted }: Props) {
  const [values, setValues] = useState({
    seed: '42',
    events: '50000',
    days: '14',
    faults: 'realistic',
    stepMode: true,
  });
  const tierStatus = useTierStatus();
  const [chosenTier, setChosenTier] = useState<'embedded' | 'services' | null>(null);
  // The server's default (PIPELINE_TIER) until the learner picks one; never a tier whose services are down.
  const wanted = chosenTier ?? tierStatus.status?.defaultTier ?? 'embedded';
  const tier =
    wanted === 'services' && tierStatus.status?.services.available === true ? 'services' : 'embedded';
  const [chosenEngine, setChosenEngine] = useState<BatchEngine>('duckdb');
  // DuckDB unless Spark is both chosen and able to run here (a choice made before a re-check said no falls back).
  const engine: BatchEngine =
    chosenEngine === 'spark' && tierStatus.status?.spark?.available === true ? 'spark' : 'duckdb';
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [skipClientCheck, setSkipClientCheck] = useState(false);
  // `/pipeline?debug=validation` shows the controls that send input past the browser check, so the server's own
  // refusal can be seen (and tested); an ordinary visitor never meets them. Read after hydration: the page is static.
  const [debugValidation, setDebugValidation] = useState(false);
  useEffect(
    () => setDebugValidation(new URLSearchParams(window.location.search).get('debug') === 'validation'),
    [],
  );

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const submittedAt = performance.now();
    const body = {
      seed: Number(values.seed),
      events: Number(values.events),
      days: Number(values.days),
      faults: values.faults,
      tier,
      engine,
      stepMode: values.stepMode,
    };
    const checked = parseRunRequest(body);
    if (!checked.ok && !(debugValidation && skipClientCheck)) {
      setErrors(checked.fieldErrors);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const response = await fetch('/api/runs', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as {
        runId?: string;
        fieldErrors?: FieldErrors;
        error?: { message: string };
      };
      if (!response.ok || !json.runId)
        setErrors(
          json.fieldErrors ?? { form: json.error?.message ?? `The server answered ${response.status}.` },
        );
      else onStarted(json.runId, submittedAt);
    } catch (error) {
      setErrors({ form: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  const set =
    (key: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setValues((old) => ({
        ...old,
        [key]:
          event.target.type === 'checkbox' ? (event.target as HTMLInputElement).checked : event.target.value,
      }));

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Start a run"
      className="grid gap-3 rounded-lg border border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-5 dark:border-slate-800"
    >
      <Field name="seed" label="Seed" error={errors.seed}>
        <input
          id="run-seed"
          className={inputClass}
          inputMode="numeric"
          value={values.seed}
          onChange={set('seed')}
          aria-invalid={Boolean(errors.seed)}
          aria-describedby={errors.seed ? 'run-seed-error' : undefined}
        />
      </Field>
      <Field
        name="events"
        label={`Events (≤ ${maxBrowserEvents.toLocaleString('en-US')})`}
        error={errors.events}
      >
        <input
          id="run-events"
          className={inputClass}
          inputMode="numeric"
          value={values.events}
          onChange={set('events')}
          aria-invalid={Boolean(errors.events)}
          aria-describedby={errors.events ? 'run-events-error' : undefined}
        />
      </Field>
      <Field name="days" label="Days" error={errors.days}>
        <input
          id="run-days"
          className={inputClass}
          inputMode="numeric"
          value={values.days}
          onChange={set('days')}
          aria-invalid={Boolean(errors.days)}
        />
      </Field>
      <Field name="faults" label="Fault profile" error={errors.faults}>
        <select
          id="run-faults"
          className={inputClass}
          value={values.faults}
          onChange={set('faults')}
          aria-invalid={Boolean(errors.faults)}
        >
          {faultProfiles.map((profile) => (
            <option key={profile}>{profile}</option>
          ))}
          {debugValidation && skipClientCheck ? (
            <option value="unknown-profile">unknown-profile</option>
          ) : null}
        </select>
      </Field>
      <div className="flex flex-col justify-end gap-2">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={values.stepMode} onChange={set('stepMode')} /> Step mode
        </label>
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-800 disabled:opacity-50"
        >
          {busy ? 'Starting…' : 'Start run'}
        </button>
      </div>
      <p className="text-xs text-slate-500 sm:col-span-2 lg:col-span-5 dark:text-slate-400">
        <TierChoice tier={tier} onChange={setChosenTier} {...tierStatus} />
      </p>
      <p className="text-xs text-slate-500 sm:col-span-2 lg:col-span-5 dark:text-slate-400">
        <EngineChoice
          engine={engine}
          onChange={setChosenEngine}
          status={tierStatus.status}
          checking={tierStatus.checking}
        />{' '}
        {debugValidation ? (
          <label className="ml-2 inline-flex items-center gap-1">
            <input
              type="checkbox"
              checked={skipClientCheck}
              onChange={(event) => setSkipClientCheck(event.target.checked)}
            />{' '}
            send without the browser check
          </label>
        ) : null}
        {errors.form || errors.tier || errors.engine || errors.stepMode ? (
          <span role="alert" className="ml-2 text-red-700 dark:text-red-400">
            {errors.form ?? errors.tier ?? errors.engine ?? errors.stepMode}
          </span>
        ) : null}
      </p>
    </form>
  );
}
