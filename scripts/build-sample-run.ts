// npm run sample-run: writes public/sample-run/ (warehouse.duckdb + manifest.json), the run that lessons and the
// playground use before the learner has run the pipeline. It comes from `npm run pipeline -- run --events 5000`
// once the pipeline has a `run` command, and until then from the fixture builder (scripts/fixtures/: synthetic rows
// in the contract's tables). Skips the work when the file is newer than its sources; --force rebuilds.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildRun } from './fixtures/build-run';

const outDir = path.join('public', 'sample-run');
const target = path.join(outDir, 'warehouse.duckdb');
const sources = [
  'scripts/fixtures/fixture-warehouse-sql.ts',
  'scripts/fixtures/build-fixture-run.ts',
  'scripts/fixtures/build-run.ts',
  'pipeline/contracts/warehouse.ts',
  'pipeline/contracts/stream-tables.ts',
  'pipeline/cli/registry.ts',
];
const fresh =
  existsSync(target) && sources.every((file) => statSync(file).mtimeMs <= statSync(target).mtimeMs);

if (fresh && !process.argv.includes('--force')) {
  console.log(`sample-run: ${target} is up to date.`);
} else {
  const { via } = await buildRun({ runId: 'sample', outDir, events: 5000 });
  console.log(`sample-run: wrote ${target} (${statSync(target).size} bytes) with the ${via}.`);
}
