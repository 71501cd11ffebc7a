import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Benchmark, BenchOptions } from './bench/types';

/**
 * `npm run bench [-- --events N] [-- --large] [-- --only NAME]`: runs every benchmark module in scripts/bench/
 * (files exporting `benchmark`, see scripts/bench/types.ts) one after the other and prints one JSON object per
 * benchmark on its own line. Speed targets are checked here, never in timed unit tests.
 */
const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    large: { type: 'boolean', default: false },
    only: { type: 'string' },
    tier: { type: 'string', default: 'embedded' },
  },
});
const events = Number(values.events.replace(/_/g, ''));
if (!Number.isSafeInteger(events) || events < 1 || events > 20_000_000) {
  console.error(`--events must be a whole number from 1 to 20,000,000 (got "${values.events}")`);
  process.exit(64);
}
if (values.tier !== 'embedded' && values.tier !== 'services') {
  console.error(`--tier must be embedded or services (got "${values.tier}")`);
  process.exit(64);
}
const options: BenchOptions = { events, large: values.large, tier: values.tier };
const directory = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const files = readdirSync(directory)
  .filter((name) => name.endsWith('.ts') && name !== 'types.ts')
  .sort();
let failed = false;
for (const file of files) {
  const module = (await import(pathToFileURL(join(directory, file)).href)) as { benchmark?: Benchmark };
  const benchmark = module.benchmark;
  if (!benchmark || (values.only && benchmark.name !== values.only)) continue;
  // Services-tier benchmarks start real servers: they run with `--tier services` only, and only they do.
  if ((benchmark.tier ?? 'embedded') !== options.tier) continue;
  try {
    const figures = await benchmark.run(options);
    console.log(JSON.stringify({ name: benchmark.name, ...figures }));
  } catch (error) {
    failed = true;
    console.log(
      JSON.stringify({ name: benchmark.name, error: error instanceof Error ? error.message : String(error) }),
    );
  }
}
process.exitCode = failed ? 1 : 0;
