import { resolve } from 'node:path';
import { z } from 'zod';
import { faultProfiles } from '../contracts/faults';
import { createRandom } from '../core/random';
import { createLogger } from '../core/logger';
import { defaultStartDate } from '../stages/generate/config';
import { generateDataset } from '../stages/generate/generate-dataset';
import { enumFlag, integerFlag, parseFlags } from './flags';
import { createProgressBar } from './progress';
import type { CliCommand } from './types';

const usage = `npm run pipeline -- generate [--seed 42] [--events 100000] [--days 14] [--faults none|realistic|chaos]
                                [--format ndjson|csv|parquet] [--gzip] [--start-date 2025-08-24] [--out DIR]

Writes users, products, events and orders (one file each) and ground-truth.json into DIR (default .data/generated).
--events counts clean events; duplicates and malformed lines come on top. Same flags, same bytes.
Example: npm run pipeline -- generate --seed 7 --events 1000000 --faults chaos --format parquet --out .data/gen-7`;

const flagSpec = {
  seed: { type: 'string', default: '42' },
  events: { type: 'string', default: '100000' },
  days: { type: 'string', default: '14' },
  faults: { type: 'string', default: 'realistic' },
  format: { type: 'string', default: 'ndjson' },
  gzip: { type: 'boolean', default: false },
  'start-date': { type: 'string', default: defaultStartDate },
  out: { type: 'string', default: '.data/generated' },
} as const;

const flagSchema = z.object({
  seed: integerFlag('seed', 0, 2 ** 31 - 1),
  events: integerFlag('events', 1, 20_000_000),
  days: integerFlag('days', 1, 365),
  faults: enumFlag('faults', faultProfiles),
  format: enumFlag('format', ['ndjson', 'csv', 'parquet'] as const),
  gzip: z.boolean(),
  'start-date': z.iso.date({
    error: (issue) => `--start-date must be a date like 2025-08-24 (got "${String(issue.input)}")`,
  }),
  out: z.string().min(1, '--out must name a directory'),
});

/** The random source of `generate`: the same one a run's generate stage gets, so both produce the same data. */
export function generatorRandom(seed: number) {
  return createRandom(seed).fork('generate');
}

export const generateCommand: CliCommand = {
  name: 'generate',
  summary: 'Generate users, products, events and orders with injected faults and their ground truth',
  usage,
  async run(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const flags = parseFlags('generate', argv, flagSpec, flagSchema);
    const log = createLogger({ sink: io.stderr, clock: io.clock }).child('generate');
    const outDir = resolve(io.cwd, flags.out);
    const progress = createProgressBar(io.stderr, io.clock, 'generate');
    const summary = await generateDataset({
      options: {
        seed: flags.seed,
        events: flags.events,
        days: flags.days,
        faults: flags.faults,
        startDate: flags['start-date'],
      },
      outDir,
      format: flags.format,
      gzip: flags.gzip,
      hash: false,
      parallel: true,
      random: generatorRandom(flags.seed),
      clock: io.clock,
      signal: io.signal,
      onProgress: (update) => progress.update(update),
    });
    progress.finish();
    const files = summary.files.map((file) => ({
      entity: file.entity,
      path: file.path,
      rows: file.rows,
      bytes: file.bytes,
    }));
    if (io.stdout.isTTY) {
      const rows = files.map(
        (file) => `  ${file.entity.padEnd(13)} ${String(file.rows).padStart(10)} rows  ${file.path}`,
      );
      io.stdout.write(
        `${rows.join('\n')}\n  ${summary.faults} faults injected (${flags.faults}); ${summary.sessions} sessions; ` +
          `${summary.eventsPerSecond.toLocaleString('en-US')} events/s\n`,
      );
    } else {
      log.log('info', 'dataset generated', {
        outDir,
        files,
        emitted: summary.emitted,
        clean: summary.clean,
        faults: summary.faults,
        eventsPerSecond: summary.eventsPerSecond,
      });
    }
    return 0;
  },
};
