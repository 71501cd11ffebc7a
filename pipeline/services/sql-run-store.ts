import type { RunRow, RunStatus, RunStore, StageStateRow, StageStatus } from '../contracts/services';

/**
 * The run store in SQL, shared by both tiers: PGlite (Postgres compiled to WASM) in the embedded tier and a
 * real PostgreSQL server in the services tier run exactly these statements.
 */
export const runStoreSchema = `
CREATE TABLE IF NOT EXISTS runs (
  run_id text PRIMARY KEY,
  status text NOT NULL,
  config jsonb NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS stage_states (
  run_id text NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
  stage text NOT NULL,
  status text NOT NULL,
  attempts integer NOT NULL,
  started_at bigint,
  finished_at bigint,
  error text,
  result jsonb,
  PRIMARY KEY (run_id, stage)
);`;

/** What both PGlite and node-postgres offer. */
export interface SqlClient {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

interface RunDbRow {
  run_id: string;
  status: string;
  config: Record<string, unknown>;
  created_at: string | number;
  updated_at: string | number;
}
interface StageDbRow {
  run_id: string;
  stage: string;
  status: string;
  attempts: number;
  started_at: string | number | null;
  finished_at: string | number | null;
  error: string | null;
  result: Record<string, unknown> | null;
}

const toNumber = (value: string | number | null): number | null => (value === null ? null : Number(value));
const toRun = (row: RunDbRow): RunRow => ({
  runId: row.run_id,
  status: row.status as RunStatus,
  config: row.config,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

export function sqlRunStore(db: SqlClient, close: () => Promise<void>): RunStore {
  let closed = false;
  return {
    async upsertRun(run) {
      await db.query(
        `INSERT INTO runs (run_id, status, config, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (run_id) DO UPDATE SET status = EXCLUDED.status, config = EXCLUDED.config, updated_at = EXCLUDED.updated_at`,
        [run.runId, run.status, JSON.stringify(run.config), run.createdAt, run.updatedAt],
      );
    },
    async getRun(runId) {
      const result = await db.query<RunDbRow>('SELECT * FROM runs WHERE run_id = $1', [runId]);
      return result.rows[0] ? toRun(result.rows[0]) : null;
    },
    async listRuns() {
      const result = await db.query<RunDbRow>('SELECT * FROM runs ORDER BY created_at, run_id');
      return result.rows.map(toRun);
    },
    async deleteRun(runId) {
      await db.query('DELETE FROM runs WHERE run_id = $1', [runId]);
    },
    async upsertStage(state: StageStateRow) {
      await db.query(
        `INSERT INTO stage_states (run_id, stage, status, attempts, started_at, finished_at, error, result)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (run_id, stage) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts,
           started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at, error = EXCLUDED.error, result = EXCLUDED.result`,
        [
          state.runId,
          state.stage,
          state.status,
          state.attempts,
          state.startedAt,
          state.finishedAt,
          state.error,
          state.result === null ? null : JSON.stringify(state.result),
        ],
      );
    },
    async getStages(runId) {
      const result = await db.query<StageDbRow>('SELECT * FROM stage_states WHERE run_id = $1', [runId]);
      return result.rows.map((row) => ({
        runId: row.run_id,
        stage: row.stage,
        status: row.status as StageStatus,
        attempts: row.attempts,
        startedAt: toNumber(row.started_at),
        finishedAt: toNumber(row.finished_at),
        error: row.error,
        result: row.result,
      }));
    },
    async close() {
      if (closed) return;
      closed = true;
      await close();
    },
  };
}
