/** File sizes of one run's events in two formats (see format-stats.server.ts). */
export interface FormatStat {
  format: string;
  file: string;
  bytes: number;
  rows: number;
}

export interface FormatStats {
  runId: string;
  stats: FormatStat[];
}

/** The same generated events as NDJSON, CSV and Parquet with a timed DuckDB scan (scripts/build-format-stats.ts). */
export interface SampleFormatStats {
  source: string;
  engine: string;
  events: number;
  formats: Array<{ format: string; bytes: number; rows: number; scanMs: number }>;
}
