import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from './support/run-child';
import type { Benchmark } from './types';

/**
 * The whole pipeline, generate through quality, on the embedded tier: wall time for --events (1M by
 * default), each stage's time and share, and peak RSS of the process (DuckDB with memory_limit 1GB and 2
 * threads, PGlite and the event log all run in it). Targets: 1M events in at most 12 s and under 2 GiB; with --large, 10M
 * events within 12× the 1M time without running out of memory. In the same run, the bare-DuckDB floor over the
 * run's raw zone (support/duckdb-floor-child.ts) and validate → quality as a ratio to it (target ≤ 1.5×).
 */
interface RunFigures {
  events: number;
  status: string;
  seconds: number;
  stageMs: Record<string, number>;
  stageShare: Record<string, number>;
  maxRssMiB: number;
  /** Peak RSS sampled while each stage ran (50 ms samples: a short spike can be missed; maxRssMiB cannot). */
  rssMiBByStage: Record<string, number>;
  cpuSecondsByStage: Record<string, number>;
  cpuSeconds: number;
  recall: number | null;
  precision: number | null;
}

const child = 'scripts/bench/support/e2e-run-child.ts';
const floorChild = 'scripts/bench/support/duckdb-floor-child.ts';
/** The batch stages, validate through quality: the work the bare-DuckDB floor is compared with. */
const batchStages = ['validate', 'dedupe', 'model', 'aggregate', 'export', 'quality'];

export const benchmark: Benchmark = {
  name: 'e2e-run',
  async run({ events, large }) {
    const scratch = mkdtempSync(join(tmpdir(), 'bench-e2e-'));
    try {
      const loadAverage = Number(loadavg()[0]!.toFixed(2));
      const main = await runChild<RunFigures>(child, [
        '--events',
        String(events),
        '--out',
        join(scratch, 'run'),
      ]);
      const figures: Record<string, number | string | boolean> = {
        events,
        loadAverage,
        status: main.status,
        seconds: main.seconds,
        maxRssMiB: main.maxRssMiB,
        cpuSeconds: main.cpuSeconds,
        recall: main.recall ?? 'n/a',
        precision: main.precision ?? 'n/a',
        meetsTimeTarget: main.seconds <= 12,
        meetsMemoryTarget: main.maxRssMiB < 2048,
      };
      // The floor in the same run, over the raw zone this run just wrote: a busy machine slows both alike.
      const floor = await runChild<{ seconds: number; rows: number }>(floorChild, [
        '--run',
        join(scratch, 'run'),
        '--out',
        join(scratch, 'floor'),
      ]);
      const batchSeconds = batchStages.reduce((sum, stage) => sum + (main.stageMs[stage] ?? 0), 0) / 1000;
      figures.floorSeconds = floor.seconds;
      figures.floorRows = floor.rows;
      figures.validateToQualitySeconds = Number(batchSeconds.toFixed(3));
      figures.validateToQualityToFloor = Number((batchSeconds / floor.seconds).toFixed(2));
      figures.meetsFloorRatioTarget = batchSeconds / floor.seconds <= 1.5;
      for (const [stage, ms] of Object.entries(main.stageMs)) {
        figures[`${stage}Seconds`] = Number((ms / 1000).toFixed(3));
        figures[`${stage}Share`] = main.stageShare[stage]!;
        figures[`${stage}RssMiB`] = main.rssMiBByStage[stage] ?? 'n/a';
        figures[`${stage}CpuSeconds`] = main.cpuSecondsByStage[stage] ?? 'n/a';
      }
      if (large) {
        rmSync(join(scratch, 'run'), { recursive: true, force: true });
        const big = await runChild<RunFigures>(child, [
          '--events',
          String(events * 10),
          '--out',
          join(scratch, 'large'),
        ]);
        figures.largeEvents = big.events;
        figures.largeStatus = big.status;
        figures.largeSeconds = big.seconds;
        figures.largeMaxRssMiB = big.maxRssMiB;
        figures.largeRatio = Number((big.seconds / main.seconds).toFixed(2));
        figures.meetsLargeTarget = big.status === 'succeeded' && big.seconds <= 12 * main.seconds;
      }
      return figures;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
