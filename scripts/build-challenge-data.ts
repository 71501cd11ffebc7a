// npm run challenge-data: writes public/challenge-data/seed-<n>/warehouse.duckdb, the two extra runs the SQL
// challenges grade on besides the learner's own (so an answer that hard-codes values fails), and the runs kept
// back for re-drills. Small runs with
// other seeds and the realistic fault profile; skipped when present and newer than the pipeline contracts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { challengeDataSeeds, redrillSeeds } from '../lib/challenges/datasets';

const sources = [
  'pipeline/contracts/warehouse.ts',
  'pipeline/contracts/stream-tables.ts',
  'pipeline/cli/registry.ts',
];

for (const seed of [...challengeDataSeeds, ...redrillSeeds]) {
  const outDir = path.join('public', 'challenge-data', `seed-${seed}`);
  const target = path.join(outDir, 'warehouse.duckdb');
  const fresh =
    existsSync(target) && sources.every((file) => statSync(file).mtimeMs <= statSync(target).mtimeMs);
  if (fresh && !process.argv.includes('--force')) {
    console.log(`challenge-data: ${target} is up to date.`);
    continue;
  }
  const work = path.join('.cache', 'challenge-data', `seed-${seed}`);
  rmSync(work, { recursive: true, force: true });
  const args = [
    'tsx',
    'pipeline/cli.ts',
    'run',
    '--seed',
    String(seed),
    '--events',
    '8000',
    '--faults',
    'realistic',
    '--out',
    work,
  ];
  const result = spawnSync('npx', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0 || !existsSync(path.join(work, 'warehouse.duckdb'))) {
    throw new Error(
      `challenge-data: npx ${args.join(' ')} exited with ${result.status} and left no warehouse.duckdb (see its stderr above).`,
    );
  }
  mkdirSync(outDir, { recursive: true });
  renameSync(path.join(work, 'warehouse.duckdb'), target);
  rmSync(work, { recursive: true, force: true });
  console.log(`challenge-data: wrote ${target} (${statSync(target).size} bytes).`);
}
