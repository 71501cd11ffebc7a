'use client';

import type { BatchEngine } from '@/pipeline/contracts/manifest';
import type { useTierStatus } from './tier-choice';

/**
 * The batch engine of validate … quality: DuckDB in this process (the default) or Apache Spark in local mode. The
 * Spark choice is enabled only when GET /api/services says it can run here (a JDK 17+ and the downloaded jars);
 * otherwise it says what is missing and how to fix it, in one line.
 */
export function EngineChoice({
  engine,
  onChange,
  status,
  checking,
}: { engine: BatchEngine; onChange: (engine: BatchEngine) => void } & Pick<
  ReturnType<typeof useTierStatus>,
  'status' | 'checking'
>) {
  const available = status?.spark?.available === true;
  const reason = checking
    ? 'Checking for Java and the Spark jars…'
    : (status?.spark?.reason ?? 'Whether Spark can run could not be checked.');
  return (
    <span role="radiogroup" aria-label="Engine" className="inline-flex flex-wrap items-center gap-3">
      <span className="font-medium text-slate-700 dark:text-slate-300">Engine:</span>
      <label className="inline-flex items-center gap-1">
        <input
          type="radio"
          name="run-engine"
          value="duckdb"
          checked={engine === 'duckdb'}
          onChange={() => onChange('duckdb')}
        />{' '}
        DuckDB
      </label>
      <label className={`inline-flex items-center gap-1 ${available ? '' : 'opacity-60'}`}>
        <input
          type="radio"
          name="run-engine"
          value="spark"
          checked={engine === 'spark'}
          disabled={!available}
          aria-describedby={available ? undefined : 'run-engine-reason'}
          onChange={() => onChange('spark')}
        />{' '}
        Apache Spark (local mode, slower to start)
      </label>
      {available ? null : (
        <span id="run-engine-reason" data-testid="engine-unavailable">
          {reason}
        </span>
      )}
    </span>
  );
}
