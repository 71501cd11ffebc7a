import 'server-only';
import path from 'node:path';
import { isPipelineError, PipelineError } from '@/pipeline/contracts/errors';
import type { IncidentType } from '@/pipeline/contracts/incidents';
import { sqlString } from '@/lib/runs/duckdb-read.server';
import { runCheck } from './check-runner.server';
import { ledgerIds } from './ledger.server';
import type { ExampleRecord } from './round-types';
import { failedScore, scoreIds, type DatasetScore } from './score';

export interface GradedRun {
  label: string;
  runDir: string;
}

/**
 * Runs the check on each run and scores it against that run's ledger. A check that fails on the first run (the
 * learner's) is an input error (it would fail everywhere: same tables); one that fails only on a hidden run (too
 * slow there) scores zero there with the reason.
 */
export async function gradeOnRuns(
  incident: IncidentType,
  sql: string,
  runs: readonly GradedRun[],
): Promise<DatasetScore[]> {
  const scores: DatasetScore[] = [];
  for (const [index, run] of runs.entries()) {
    const ledger = await ledgerIds(run.runDir, incident);
    try {
      const ids = await runCheck(path.join(run.runDir, 'warehouse.duckdb'), sql);
      scores.push(scoreIds(run.label, ledger, ids));
    } catch (error) {
      if (index === 0 || !isPipelineError(error)) throw error;
      scores.push(failedScore(run.label, ledger, error.message));
    }
  }
  return scores;
}

/** Where each example id is in the run's warehouse, with its row, so the learner sees what the check missed. */
export async function lookUpExamples(runDir: string, ids: readonly string[]): Promise<ExampleRecord[]> {
  if (ids.length === 0) return [];
  // The ids are the ledger's or the check's output; quoted as literals and read on the locked-down connection.
  const list = ids.map(sqlString).join(', ');
  const sql = `SELECT 'fact_events' AS place, event_id AS id, left(to_json(f)::VARCHAR, 600) AS row FROM fact_events f WHERE event_id IN (${list})
UNION ALL SELECT 'quarantine', record_id, left(to_json(q)::VARCHAR, 600) FROM quarantine q WHERE record_id IN (${list})
UNION ALL SELECT 'dedupe_removed', record_id, left(to_json(d)::VARCHAR, 600) FROM dedupe_removed d WHERE record_id IN (${list})`;
  const found = new Map<string, ExampleRecord>();
  const rows = await runCheckRows(path.join(runDir, 'warehouse.duckdb'), sql);
  for (const [place, id, row] of rows) if (!found.has(id)) found.set(id, { id, table: place, row });
  return ids.map((id) => found.get(id) ?? { id, table: 'none', row: null });
}

async function runCheckRows(warehouse: string, sql: string): Promise<Array<[string, string, string]>> {
  // Three columns read through the same locked-down runner: it returns the first column, so pack the three.
  const packed = await runCheck(warehouse, `SELECT to_json([place, id, row])::VARCHAR FROM (${sql})`);
  return packed.map((text) => {
    const value = JSON.parse(text) as unknown;
    if (!Array.isArray(value) || value.length !== 3)
      throw new PipelineError('INTERNAL', 'Unexpected example row.');
    return value.map(String) as [string, string, string];
  });
}
