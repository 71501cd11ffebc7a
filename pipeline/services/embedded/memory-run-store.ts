import type { RunRow, RunStore, StageStateRow } from '../../contracts/services';

/**
 * A run store that lives in this process only: what a web-console run's child needs, whose store is thrown away
 * when the job ends (the run's durable record is its manifest.json, from which the runner resumes). An in-memory
 * PGlite did the same job at about 650 MB of resident memory per child (Postgres's WASM heap after initdb), held
 * by the warm child while it waits for a run; this one holds kilobytes. Rows are copied in and out as JSON, as a
 * database would store them, so no caller shares an object with the store.
 */
export function memoryRunStore(): RunStore {
  const runs = new Map<string, RunRow>();
  const stages = new Map<string, Map<string, StageStateRow>>();
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    async upsertRun(run) {
      const existing = runs.get(run.runId);
      runs.set(run.runId, copy(existing ? { ...run, createdAt: existing.createdAt } : run));
    },
    async getRun(runId) {
      const run = runs.get(runId);
      return run ? copy(run) : null;
    },
    async listRuns() {
      return [...runs.values()]
        .sort((a, b) => a.createdAt - b.createdAt || a.runId.localeCompare(b.runId))
        .map(copy);
    },
    async deleteRun(runId) {
      runs.delete(runId);
      stages.delete(runId);
    },
    async upsertStage(state) {
      // As the SQL store's foreign key: a stage belongs to a run the store knows.
      if (!runs.has(state.runId))
        throw new Error(`Run ${state.runId} is not in the run store: upsert the run first.`);
      let byStage = stages.get(state.runId);
      if (!byStage) stages.set(state.runId, (byStage = new Map()));
      byStage.set(state.stage, copy(state));
    },
    async getStages(runId) {
      return [...(stages.get(runId)?.values() ?? [])].map(copy);
    },
    async close() {
      runs.clear();
      stages.clear();
    },
  };
}
