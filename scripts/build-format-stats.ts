// npm run format-stats: writes public/sample-run/formats.json, the figures behind the lessons' <FileFormatComparison />.
// Runs do not record their data in three formats, so this generates the same events (seed 42, no faults) as NDJSON,
// CSV and Parquet with `pipeline generate`, and times the same aggregate over each file with DuckDB (Node). The
// widget says where its figures come from.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import type { SampleFormatStats } from '../lib/content/format-stats-types';

const eventsFlag = process.argv.indexOf('--events');
const events = eventsFlag > 0 ? Number(process.argv[eventsFlag + 1]) : 100_000;
const formats = [
  { format: 'NDJSON', flag: 'ndjson', reader: 'read_ndjson_auto' },
  { format: 'CSV', flag: 'csv', reader: 'read_csv_auto' },
  { format: 'Parquet', flag: 'parquet', reader: 'read_parquet' },
] as const;
const query = (reader: string, file: string) =>
  `SELECT event_type, count(*) AS n, count(DISTINCT user_id) AS users FROM ${reader}('${file}') GROUP BY event_type`;

const target = path.join('public', 'sample-run', 'formats.json');
if (
  existsSync(target) &&
  statSync(target).mtimeMs >= statSync('scripts/build-format-stats.ts').mtimeMs &&
  !process.argv.includes('--force')
) {
  console.log(`format-stats: ${target} is up to date (--force measures again).`);
  process.exit(0);
}

const root = mkdtempSync(path.join(tmpdir(), 'format-stats-'));
try {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const version = (await connection.runAndReadAll('SELECT version() AS v')).getRowObjects()[0]!.v;
  const results: SampleFormatStats['formats'] = [];
  for (const entry of formats) {
    const out = path.join(root, entry.flag);
    execFileSync(
      path.join('node_modules', '.bin', 'tsx'),
      [
        'pipeline/cli.ts',
        'generate',
        '--seed',
        '42',
        '--events',
        String(events),
        '--faults',
        'none',
        '--format',
        entry.flag,
        '--out',
        out,
      ],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const file = path.join(out, `events.${entry.flag}`);
    const timings: number[] = [];
    let rows = 0;
    // The first scan warms the OS page cache; the median of the next five is reported.
    for (let attempt = 0; attempt < 6; attempt++) {
      const started = performance.now();
      const result = await connection.runAndReadAll(query(entry.reader, file));
      if (attempt > 0) timings.push(performance.now() - started);
      rows = result.getRowObjects().reduce((sum, row) => sum + Number(row.n), 0);
    }
    timings.sort((a, b) => a - b);
    results.push({
      format: entry.format,
      bytes: statSync(file).size,
      rows,
      scanMs: Number(timings[2]!.toFixed(1)),
    });
  }
  connection.closeSync();
  const stats: SampleFormatStats = {
    source: `pipeline generate --seed 42 --events ${events} --faults none, events file only; scan = ${query('read_…', 'events')} (median of 5 warm runs)`,
    engine: `DuckDB ${String(version)} (Node)`,
    events,
    formats: results,
  };
  writeFileSync(target, `${JSON.stringify(stats, null, 2)}\n`);
  console.log(JSON.stringify(stats));
} finally {
  rmSync(root, { recursive: true, force: true });
}
