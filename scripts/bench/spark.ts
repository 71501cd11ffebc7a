import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findJava, minimumJavaMajor } from '../../pipeline/engines/spark/java-check';
import { runChild } from './support/run-child';
import type { BenchFigures, Benchmark } from './types';

/**
 * The batch stages on Spark (local mode) against DuckDB over the same raw zone (same seed): each stage's time on
 * both engines and their ratio, the Spark driver's start time, its peak heap and resident memory, and the shuffle
 * bytes Spark wrote and read. No target: the ratio is the figure (`npm run bench -- --only spark [--events N]`).
 */
export const benchmark: Benchmark = {
  name: 'spark',
  async run({ events }): Promise<BenchFigures> {
    const java = await findJava();
    if (!java || java.major < minimumJavaMajor || !java.javac)
      return { events, skipped: `needs a JDK ${minimumJavaMajor}+ (javac)` };
    const scratch = mkdtempSync(join(tmpdir(), 'bench-spark-'));
    try {
      const loadAverage = Number(loadavg()[0]!.toFixed(2));
      const figures = await runChild<Record<string, number | string | boolean>>(
        'scripts/bench/support/spark-run-child.ts',
        ['--events', String(events), '--out', scratch],
      );
      return { events, loadAverage, ...figures };
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
