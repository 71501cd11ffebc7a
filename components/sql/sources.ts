import type { DatabaseSource } from './protocol';

/** The bundled sample run (public/sample-run/), so lessons work before the learner has run the pipeline. */
export const sampleSource: DatabaseSource = { key: 'sample', url: '/sample-run/warehouse.duckdb' };

/** A run's exported warehouse, served with range requests by GET /api/runs/{runId}/files/warehouse.duckdb. */
export function runSource(runId: string): DatabaseSource {
  return { key: `run-${runId}`, url: `/api/runs/${encodeURIComponent(runId)}/files/warehouse.duckdb` };
}
