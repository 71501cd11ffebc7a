/**
 * A benchmark module: a file scripts/bench/<name>.ts exporting `benchmark`. `npm run bench` imports every such
 * file and prints one JSON object per benchmark on its own line: `{ "name": ..., ...run() }`. A benchmark that
 * has a baseline measures it in the same run and reports the ratio, so figures from a busy machine stay
 * comparable. Helpers that are not benchmarks live in scripts/bench/support/.
 */
export interface BenchOptions {
  /** `--events N` (default 1,000,000). */
  events: number;
  /** `--large`: also run the slow cases (e.g. 10M events for peak memory). */
  large: boolean;
  /** `--tier services` runs the benchmarks that need real servers (Kafka, S3, Postgres, Redis) instead. */
  tier: 'embedded' | 'services';
}

export type BenchFigures = Record<string, number | string | boolean>;

export interface Benchmark {
  name: string;
  /** Which `--tier` the benchmark belongs to (default embedded). */
  tier?: 'embedded' | 'services';
  run(options: BenchOptions): Promise<BenchFigures>;
}
