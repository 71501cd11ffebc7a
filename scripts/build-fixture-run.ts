// npx tsx scripts/build-fixture-run.ts [--events 1000000] [--run-id fixture-1m] [--out DIR]
// Writes a run directory (manifest.json + warehouse.duckdb) with synthetic rows, for the playground and its tests.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildFixtureRun } from './fixtures/build-fixture-run';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '5000' },
    'run-id': { type: 'string' },
    out: { type: 'string' },
  },
});
const flags = z
  .object({
    events: z.coerce.number().int().min(100).max(5_000_000),
    runId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'run id: lower-case letters, digits and dashes'),
  })
  .parse({ events: values.events, runId: values['run-id'] ?? `fixture-${values.events}` });

const outDir = values.out ?? path.join(process.env.PIPELINE_LAB_RUNS_DIR ?? '.data/runs', flags.runId);
const started = performance.now();
const { rows } = await buildFixtureRun({ runId: flags.runId, outDir, events: flags.events });
console.log(
  JSON.stringify({ runId: flags.runId, outDir, ms: Math.round(performance.now() - started), rows }),
);
