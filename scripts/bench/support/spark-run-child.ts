// The same run through both batch engines in this process: DuckDB first, then Spark on a raw zone generated from
// the same seed (byte-identical). Prints each engine's stage times and the Spark driver's figures as one JSON line.
// Args: --events N --out DIR.
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runConfigSchema, type Manifest } from '../../../pipeline/contracts/manifest';
import { systemClock } from '../../../pipeline/core/clock';
import { createLogger } from '../../../pipeline/core/logger';
import { closeBatchEngines, runPipeline } from '../../../pipeline/run';
import { createServices } from '../../../pipeline/services/create-services';

const { values } = parseArgs({ options: { events: { type: 'string' }, out: { type: 'string' } } });
const root = resolve(values.out!);
const log = createLogger({ sink: { write: () => true }, clock: systemClock, level: 'error' });

async function run(engine: 'duckdb' | 'spark'): Promise<Manifest> {
  const runDir = join(root, engine);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const config = runConfigSchema.parse({
    seed: 42,
    events: Number(values.events),
    days: 14,
    faults: 'realistic',
    tier: 'embedded',
    startDate: '2025-08-24',
    partitions: 4,
    engine,
  });
  const services = await createServices({
    tier: 'embedded',
    runDir,
    runStoreDir: resolve('.data/bench/runstore'),
    clock: systemClock,
    threads: 2,
    memoryLimit: '1GB',
  });
  try {
    return await runPipeline({ runId: `bench-${engine}`, runDir, config, services, clock: systemClock, log });
  } finally {
    await services.close();
  }
}

const duckdb = await run('duckdb');
const spark = await run('spark');
await closeBatchEngines();
const batch = ['validate', 'dedupe', 'model', 'aggregate', 'export', 'quality'];
const figures: Record<string, number | string | null> = {
  duckdbStatus: duckdb.status,
  sparkStatus: spark.status,
};
let shuffleWriteBytes = 0;
let shuffleReadBytes = 0;
let spillBytes = 0;
for (const name of batch) {
  const fromDuckDb = duckdb.stages.find((stage) => stage.name === name);
  const fromSpark = spark.stages.find((stage) => stage.name === name);
  const duckMs = fromDuckDb?.durationMs ?? 0;
  const sparkMs = fromSpark?.durationMs ?? 0;
  figures[`${name}DuckdbSeconds`] = Number((duckMs / 1000).toFixed(3));
  figures[`${name}SparkSeconds`] = Number((sparkMs / 1000).toFixed(3));
  figures[`${name}Ratio`] = duckMs > 0 ? Number((sparkMs / duckMs).toFixed(2)) : null;
  const metrics = fromSpark?.metrics.spark as Record<string, number | string | null> | undefined;
  if (metrics) {
    shuffleWriteBytes += Number(metrics.shuffleWriteBytes ?? 0);
    shuffleReadBytes += Number(metrics.shuffleReadBytes ?? 0);
    spillBytes += Number(metrics.spillBytes ?? 0);
    figures[`${name}ShuffleWriteBytes`] = Number(metrics.shuffleWriteBytes ?? 0);
    figures.driverStartMs = Number(metrics.driverStartMs ?? 0);
    figures.driverPeakHeapMiB = Math.round(Number(metrics.driverPeakHeapBytes ?? 0) / 2 ** 20);
    figures.driverPeakRssMiB = Math.round(Number(metrics.driverPeakRssBytes ?? 0) / 2 ** 20);
    figures.sparkVersion = String(metrics.sparkVersion);
    figures.master = String(metrics.master);
  }
}
const total = (manifest: Manifest) =>
  manifest.stages
    .filter((stage) => batch.includes(stage.name))
    .reduce((sum, stage) => sum + stage.durationMs, 0);
figures.batchDuckdbSeconds = Number((total(duckdb) / 1000).toFixed(3));
figures.batchSparkSeconds = Number((total(spark) / 1000).toFixed(3));
figures.batchRatio = Number((total(spark) / Math.max(1, total(duckdb))).toFixed(2));
figures.shuffleWriteBytes = shuffleWriteBytes;
figures.shuffleReadBytes = shuffleReadBytes;
figures.spillBytes = spillBytes;
process.stdout.write(`${JSON.stringify(figures)}\n`);
