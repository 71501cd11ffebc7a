import { resolve } from 'node:path';
import { z } from 'zod';
import { PipelineError } from '../contracts/errors';
import { faultProfiles } from '../contracts/faults';
import { incidentTypes } from '../contracts/incidents';
import { batchEngines, runConfigSchema } from '../contracts/manifest';
import { stageNames } from '../contracts/stages';
import { runDirectoryProblem } from '../core/run-directory';
import { defaultStartDate } from '../stages/generate/config';
import { enumFlag, integerFlag, parseFlags } from './flags';
import { runsRoot, runSession } from './pipeline-session';
import type { CliCommand } from './types';

const usage = `npm run pipeline -- run [--seed 42] [--events 100000] [--days 14] [--faults none|realistic|chaos]
                           [--tier embedded|services] [--engine duckdb|spark] [--out DIR] [--until STAGE] [--partitions 4] [--start-date 2025-08-24]
                           [--incident TYPE]

Runs generate → produce → ingest → validate → dedupe → model → aggregate → export → quality into DIR
(default .data/runs/<run-id>) and prints what came in, what was rejected and why, and where the outputs are.
--engine spark runs validate … quality as Spark SQL (Java 17+; the Spark jars download once, about 270 MB;
SPARK_MASTER=spark://… or k8s://… runs them on a cluster).
--incident TYPE injects only that incident's faults, into events (an incident round's run; --faults is ignored):
${incidentTypes.join(', ')}.
Running again with the same --out resumes: succeeded stages are skipped, a stage that was interrupted runs again.
Example: npm run pipeline -- run --events 100000 --faults chaos --until model`;

const flagSpec = {
  seed: { type: 'string', default: '42' },
  events: { type: 'string', default: '100000' },
  days: { type: 'string', default: '14' },
  faults: { type: 'string', default: 'realistic' },
  // PIPELINE_TIER=services in the environment (or .env) makes the services tier the default.
  tier: { type: 'string', default: process.env.PIPELINE_TIER ?? 'embedded' },
  engine: { type: 'string', default: 'duckdb' },
  out: { type: 'string' },
  until: { type: 'string' },
  partitions: { type: 'string', default: '4' },
  'start-date': { type: 'string', default: defaultStartDate },
  incident: { type: 'string' },
} as const;

const flagSchema = z.object({
  seed: integerFlag('seed', 0, 2 ** 31 - 1),
  events: integerFlag('events', 1, 20_000_000),
  days: integerFlag('days', 1, 365),
  faults: enumFlag('faults', faultProfiles),
  tier: enumFlag('tier', ['embedded', 'services'] as const),
  engine: enumFlag('engine', batchEngines),
  out: z.string().min(1, '--out must name a directory').optional(),
  until: enumFlag('until', stageNames).optional(),
  partitions: integerFlag('partitions', 1, 64),
  incident: enumFlag('incident', incidentTypes).optional(),
  'start-date': z.iso.date({
    error: (issue) => `--start-date must be a date like 2025-08-24 (got "${String(issue.input)}")`,
  }),
});

function defaultRunId(now: number, seed: number, faults: string): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15).toLowerCase();
  return `run-${stamp}-s${seed}-${faults}`;
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run the whole pipeline (or up to --until) into a run directory, resuming it if it exists',
  usage,
  async run(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const flags = parseFlags('run', argv, flagSpec, flagSchema);
    const config = runConfigSchema.parse({
      seed: flags.seed,
      events: flags.events,
      days: flags.days,
      faults: flags.faults,
      tier: flags.tier,
      engine: flags.engine,
      startDate: flags['start-date'],
      partitions: flags.partitions,
      incident: flags.incident,
    });
    const runDir = flags.out
      ? resolve(io.cwd, flags.out)
      : resolve(runsRoot(io), defaultRunId(io.clock.now(), flags.seed, flags.faults));
    // Checked before anything opens (the run store, DuckDB), so a bad directory is one clear line and no lock is held.
    const problem = await runDirectoryProblem(runDir);
    if (problem) {
      const source = flags.out
        ? `--out ${flags.out}`
        : `The default run directory ${runDir} (under PIPELINE_LAB_RUNS_DIR or .data/runs)`;
      throw new PipelineError(
        'INVALID_ARGUMENT',
        `${source} cannot hold a run: ${problem}. Expected a directory that exists or can be created, and that this user can write.`,
        {
          details: { runDir },
        },
      );
    }
    const { exitCode } = await runSession(io, { runDir, config, until: flags.until });
    return exitCode;
  },
};
