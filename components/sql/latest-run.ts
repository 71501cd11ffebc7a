import type { DatabaseSource } from './protocol';
import { runSource, sampleSource } from './sources';

/**
 * The learner's newest finished run with a warehouse, or the bundled sample. GET /api/runs is checked with zod,
 * loaded only here (on a cell's first Run) so lesson pages do not carry it in their first load.
 */
export async function latestRunSource(): Promise<{ source: DatabaseSource; label: string }> {
  try {
    const [{ z }, response] = await Promise.all([import('zod'), fetch('/api/runs', { cache: 'no-store' })]);
    if (!response.ok) return { source: sampleSource, label: 'the sample run' };
    const listing = z
      .object({
        runs: z.array(z.object({ runId: z.string(), status: z.string(), hasWarehouse: z.boolean() })),
      })
      .parse(await response.json());
    const run = listing.runs.find((r) => r.status === 'succeeded' && r.hasWarehouse);
    return run
      ? { source: runSource(run.runId), label: `your run ${run.runId}` }
      : { source: sampleSource, label: 'the sample run' };
  } catch {
    return { source: sampleSource, label: 'the sample run' };
  }
}
