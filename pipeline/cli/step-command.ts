import { resolve } from 'node:path';
import { z } from 'zod';
import { PipelineError } from '../contracts/errors';
import { batchEngines, engineOf } from '../contracts/manifest';
import { stageNames } from '../contracts/stages';
import { readManifest } from '../core/manifest-file';
import { enumFlag, parseFlags } from './flags';
import { runSession } from './pipeline-session';
import type { CliCommand } from './types';

const usage = `npm run pipeline -- step STAGE --run DIR [--engine duckdb|spark]

Runs one stage of an existing run (its dependencies must have succeeded), e.g. to watch what validate does
after changing its SQL (--engine: run it on the other batch engine; default: the run's own). Stages: ${stageNames.join(', ')}.
Example: npm run pipeline -- run --until ingest --out .data/runs/demo && npm run pipeline -- step validate --run .data/runs/demo`;

const flagSchema = z.object({
  run: z.string({ error: '--run DIR is required (a run directory with a manifest.json)' }).min(1),
  engine: enumFlag('engine', batchEngines).optional(),
});

export const stepCommand: CliCommand = {
  name: 'step',
  summary: 'Run one stage of an existing run (step mode)',
  usage,
  async run(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const [stageArgument, ...rest] = argv;
    const stage = enumFlag('stage', stageNames).safeParse(stageArgument);
    if (!stage.success)
      throw new PipelineError(
        'INVALID_ARGUMENT',
        `step: the first argument must be a stage: ${stageNames.join(', ')} (got "${stageArgument ?? ''}")`,
      );
    const flags = parseFlags(
      'step',
      rest,
      { run: { type: 'string' }, engine: { type: 'string' } },
      flagSchema,
    );
    const runDir = resolve(io.cwd, flags.run);
    const manifest = await readManifest(runDir);
    if (!manifest)
      throw new PipelineError(
        'NOT_FOUND',
        `No manifest.json in ${runDir}. Start the run first: npm run pipeline -- run --until generate --out ${flags.run}`,
      );
    const { exitCode } = await runSession(io, {
      runDir,
      config: { ...manifest.config, engine: flags.engine ?? engineOf(manifest.config) },
      only: stage.data,
    });
    return exitCode;
  },
};
