import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generatorRandom } from '../../../pipeline/cli/generate-command';
import { systemClock } from '../../../pipeline/core/clock';
import { generateDataset } from '../../../pipeline/stages/generate/generate-dataset';

/** One timed `generate` to NDJSON (the CLI's path: no hashing), printing seconds, events/s and peak RSS. */
const { values } = parseArgs({
  options: {
    events: { type: 'string' },
    out: { type: 'string' },
    faults: { type: 'string', default: 'realistic' },
  },
});
const events = Number(values.events);
const out = values.out!;
const faults = values.faults as 'none' | 'realistic' | 'chaos';
const started = performance.now();
const summary = await generateDataset({
  options: { seed: 42, events, days: 14, faults, startDate: '2025-08-24' },
  outDir: out,
  format: 'ndjson',
  gzip: false,
  hash: false,
  parallel: process.env.GENERATE_PARALLEL !== '0',
  random: generatorRandom(42),
  clock: systemClock,
});
const seconds = (performance.now() - started) / 1000;
const bytes = summary.files.reduce((sum, file) => sum + file.bytes, 0);
rmSync(out, { recursive: true, force: true });
console.log(
  JSON.stringify({
    events,
    seconds,
    eventsPerSecond: Math.round(events / seconds),
    linesWritten: Object.values(summary.emitted).reduce((sum, rows) => sum + rows, 0),
    megabytesWritten: Math.round(bytes / 1048576),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapTotalMiB: Math.round(process.memoryUsage().heapTotal / 1048576),
  }),
);
