import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { manifestSchema, type Manifest } from '@/pipeline/contracts/manifest';
import { listRuns, readManifest } from '@/lib/runs/registry.server';
import type { TableRows } from './table-rows-types';

/** Table row counts recorded in a manifest's stage outputs ("warehouse.duckdb#table" or "…/table.parquet"). */
function rowsFromManifest(manifest: Manifest): Record<string, number> {
  const rows: Record<string, number> = {};
  for (const stage of manifest.stages) {
    for (const output of stage.outputs) {
      const name = /#([a-z0-9_]+)$/.exec(output.path)?.[1] ?? /([a-z0-9_]+)\.parquet$/.exec(output.path)?.[1];
      if (name && rows[name] === undefined) rows[name] = output.rows;
    }
  }
  return rows;
}

/** Row counts of the learner's newest succeeded run, else of the bundled sample run; null when neither has row counts. */
export async function latestTableRows(): Promise<TableRows | null> {
  const { runs } = await listRuns();
  const latest = runs.find((run) => run.status === 'succeeded');
  if (latest) {
    const rows = rowsFromManifest(await readManifest(latest.runId));
    if (Object.keys(rows).length > 0) return { source: `your run ${latest.runId}`, rows };
  }
  try {
    const sample = manifestSchema.parse(
      JSON.parse(await readFile(path.join(process.cwd(), 'public', 'sample-run', 'manifest.json'), 'utf8')),
    );
    const rows = rowsFromManifest(sample);
    return Object.keys(rows).length > 0
      ? { source: 'the bundled sample run (run the pipeline for your own)', rows }
      : null;
  } catch {
    return null;
  }
}
