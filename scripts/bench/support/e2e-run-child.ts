// One end-to-end pipeline run (generate → quality, embedded tier) in this process: prints wall time, each stage's
// time and share, and this process's peak RSS (DuckDB and PGlite run inside it). Args: --events N --out DIR.
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runConfigSchema } from '../../../pipeline/contracts/manifest';
import { systemClock } from '../../../pipeline/core/clock';
import { createLogger } from '../../../pipeline/core/logger';
import { runPipeline } from '../../../pipeline/run';
import { createServices } from '../../../pipeline/services/create-services';

const { values } = parseArgs({
  options: {
    events: { type: 'string' },
    out: { type: 'string' },
    faults: { type: 'string', default: 'realistic' },
  },
});
const events = Number(values.events);
const runDir = resolve(values.out!);
rmSync(runDir, { recursive: true, force: true });
mkdirSync(runDir, { recursive: true });
const config = runConfigSchema.parse({
  seed: 42,
  events,
  days: 14,
  faults: values.faults,
  tier: 'embedded',
  startDate: '2025-08-24',
  partitions: 4,
});
const started = performance.now();
// The run store persists between runs (as .data/runstore does for a learner), so its one-time creation is not timed.
const services = await createServices({
  tier: 'embedded',
  runDir,
  runStoreDir: resolve('.data/bench/runstore'),
  clock: systemClock,
  threads: 2,
  memoryLimit: '1GB',
});
const log = createLogger({ sink: { write: () => true }, clock: systemClock, level: 'error' });
// Peak resident memory per stage (sampled every 50 ms), to tell which stage sets the process's peak.
const rssByStage: Record<string, number> = {};
let currentStage = 'setup';
// CPU seconds per stage (user + system, every thread of the process): against a stage's wall time it shows how
// much of the two cores the stage used, so where overlapping or parallelising work could still help.
const cpuByStage: Record<string, number> = {};
let stageCpuStart = process.cpuUsage();
const sampler = setInterval(() => {
  const rss = Math.round(process.memoryUsage.rss() / 1024 / 1024);
  if (rss > (rssByStage[currentStage] ?? 0)) rssByStage[currentStage] = rss;
}, 50);
const manifest = await runPipeline({
  runId: 'bench-e2e',
  runDir,
  config,
  services,
  clock: systemClock,
  log,
  onStage: (record) => {
    if (record.status === 'running') {
      currentStage = record.name;
      stageCpuStart = process.cpuUsage();
    } else {
      const used = process.cpuUsage(stageCpuStart);
      cpuByStage[record.name] = Number(((used.user + used.system) / 1e6).toFixed(2));
    }
  },
});
clearInterval(sampler);
await services.close();
const seconds = (performance.now() - started) / 1000;
const stageMs = Object.fromEntries(manifest.stages.map((stage) => [stage.name, stage.durationMs]));
const total = manifest.stages.reduce((sum, stage) => sum + stage.durationMs, 0);
const quality = manifest.stages.find((stage) => stage.name === 'quality');
process.stdout.write(
  `${JSON.stringify({
    events,
    status: manifest.status,
    seconds: Number(seconds.toFixed(3)),
    stageMs,
    stageShare: Object.fromEntries(
      manifest.stages.map((stage) => [stage.name, Number((stage.durationMs / total).toFixed(3))]),
    ),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    rssMiBByStage: rssByStage,
    cpuSecondsByStage: cpuByStage,
    cpuSeconds: Number(((process.cpuUsage().user + process.cpuUsage().system) / 1e6).toFixed(2)),
    recall: quality?.metrics.recall ?? null,
    precision: quality?.metrics.precision ?? null,
    runDir: join(runDir),
  })}\n`,
);
