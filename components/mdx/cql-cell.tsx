'use client';

import { useId, useState } from 'react';
import type {
  CassandraCellAnswer,
  CassandraCellResult,
  CassandraExperimentName,
} from '@/pipeline/contracts/cassandra-lab';
import { CqlCellResult } from './cql-cell-result';

/** Where the lesson's Cassandra cells run, decided on the server when the page renders. */
export type CqlCellTarget = { runId: string; keyspace: string } | { reason: string };

interface Field {
  name: string;
  label: string;
  kind: 'text' | 'number';
  min?: number;
  max?: number;
  placeholder?: string;
}

const user: Field = { name: 'userId', label: 'user_id', kind: 'text', placeholder: 'a busy user of the run' };
const day: Field = { name: 'eventDate', label: 'event_date', kind: 'text', placeholder: 'YYYY-MM-DD' };

/** The parameters each experiment takes (the server validates them again and bounds them). */
const fieldsOf: Record<CassandraExperimentName, Field[]> = {
  'partition-read': [user, day, { name: 'limit', label: 'rows shown', kind: 'number', min: 1, max: 1000 }],
  'allow-filtering': [user],
  'hot-partitions': [{ name: 'top', label: 'largest partitions listed', kind: 'number', min: 1, max: 20 }],
  tombstones: [user, day, { name: 'deletes', label: 'rows to delete', kind: 'number', min: 1, max: 1000 }],
  'ttl-expiry': [{ name: 'ttlSeconds', label: 'TTL (s)', kind: 'number', min: 1, max: 10 }],
  consistency: [user, day],
};

/**
 * A live Cassandra cell of the wide-column lesson: runs one of the server's fixed experiments on the learner's
 * newest services-tier run (POST /api/cassandra/cells) and shows the CQL it ran, the rows, times and Cassandra's
 * tracing figures. The learner chooses parameters, never CQL. Without a services-tier run it says how to get one.
 */
export function CqlCell({
  experiment,
  title,
  params = {},
  target,
}: {
  experiment: CassandraExperimentName;
  title?: string;
  params?: Record<string, string | number>;
  target: CqlCellTarget;
}) {
  const id = useId();
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)])),
  );
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<CassandraCellResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const fields = fieldsOf[experiment];

  const run = async () => {
    setRunning(true);
    setProblem(null);
    const body: Record<string, string | number> = {};
    for (const field of fields) {
      const value = values[field.name]?.trim();
      if (value) body[field.name] = field.kind === 'number' ? Number(value) : value;
    }
    try {
      const response = await fetch('/api/cassandra/cells', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ experiment, params: body }),
      });
      const answer = (await response.json()) as CassandraCellAnswer | { error: { message: string } };
      if ('error' in answer) setProblem(answer.error.message);
      else if (!answer.available) setProblem(answer.reason);
      else setResult(answer);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setRunning(false);
    }
  };

  return (
    <section
      aria-labelledby={`${id}-title`}
      data-testid="cql-cell"
      data-experiment={experiment}
      className="my-6 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h3 id={`${id}-title`} className="text-sm font-semibold">
          {title ?? 'Try it on Cassandra'}
        </h3>
        <span className="ml-auto text-xs text-slate-500">
          {'runId' in target ? (
            <>
              Cassandra · <code>{target.keyspace}</code>
            </>
          ) : (
            'needs a services-tier run'
          )}
        </span>
      </div>
      {'reason' in target ? (
        <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="cql-cell-unavailable">
          {target.reason}
        </p>
      ) : (
        <>
          {fields.length > 0 ? (
            <div className="flex flex-wrap gap-3 text-sm">
              {fields.map((field) => (
                <label key={field.name} className="flex flex-col text-xs">
                  {field.label}
                  <input
                    type={field.kind}
                    min={field.min}
                    max={field.max}
                    placeholder={field.placeholder ?? 'default'}
                    value={values[field.name] ?? ''}
                    onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
                    className="mt-0.5 rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-sm dark:border-slate-700 dark:bg-slate-950"
                  />
                </label>
              ))}
            </div>
          ) : null}
          <button
            type="button"
            onClick={() => void run()}
            disabled={running}
            data-testid="cql-cell-run"
            className="mt-3 rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white disabled:opacity-50"
          >
            {running ? 'Running on Cassandra…' : 'Run'}
          </button>
        </>
      )}
      {problem ? (
        <p
          role="alert"
          className="mt-3 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          {problem}
        </p>
      ) : null}
      {result && !running ? <CqlCellResult result={result} /> : null}
    </section>
  );
}
