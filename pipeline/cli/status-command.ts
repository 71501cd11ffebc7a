import { resolve } from 'node:path';
import { z } from 'zod';
import { PipelineError } from '../contracts/errors';
import { readManifest } from '../core/manifest-file';
import { parseFlags } from './flags';
import { renderSummary, summarize } from './run-summary';
import type { CliCommand } from './types';

const usage = `npm run pipeline -- status --run DIR

Prints a run's state from its manifest.json: each stage's status, counts and time, the reconciliation and where
the outputs are. Works while the run is going (the manifest is rewritten after every stage transition).`;

export const statusCommand: CliCommand = {
  name: 'status',
  summary: "Show a run's stages, counts and outputs from its manifest",
  usage,
  async run(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const flags = parseFlags(
      'status',
      argv,
      { run: { type: 'string' } },
      z.object({ run: z.string({ error: '--run DIR is required' }).min(1) }),
    );
    const runDir = resolve(io.cwd, flags.run);
    const manifest = await readManifest(runDir);
    if (!manifest)
      throw new PipelineError('NOT_FOUND', `No manifest.json in ${runDir}: is it a run directory?`);
    const summary = summarize(manifest, runDir);
    if (io.stdout.isTTY) io.stdout.write(renderSummary(summary));
    else io.stdout.write(`${JSON.stringify(summary)}\n`);
    return manifest.status === 'failed' ? 1 : 0;
  },
};
