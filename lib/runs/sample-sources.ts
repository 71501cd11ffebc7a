import type { StageName } from '@/pipeline/contracts/stages';

/**
 * The only places a stage sample may be read from. The request names a stage; the stage picks its sources from
 * this fixed list, so no table name or path from a request ever reaches SQL or the file system.
 */
export const sampleTables = [
  'stg_events_accepted',
  'stg_orders',
  'stg_events',
  'dedupe_removed',
  'fact_events',
  'fact_orders',
  'dim_user',
  'mart_daily_revenue',
  'mart_funnel',
  'quarantine',
] as const;
export type SampleTable = (typeof sampleTables)[number];

export type SampleSource =
  | { kind: 'ndjson'; label: string; path: string }
  /** The first NDJSON file (in name order) anywhere below a folder: raw zone files are named by offsets. */
  | { kind: 'ndjson-dir'; label: string; path: string }
  | { kind: 'parquet'; label: string; path: string }
  | { kind: 'topic'; label: string; topic: string }
  | { kind: 'table'; label: string; table: SampleTable };

export interface StageSampleSources {
  inputs: SampleSource[];
  outputs: SampleSource[];
}

const generatedEvents: SampleSource = {
  kind: 'ndjson',
  label: 'Generated events',
  path: 'generated/events.ndjson',
};
const eventsTopic: SampleSource = { kind: 'topic', label: 'Topic events', topic: 'events' };
const rawEvents: SampleSource = { kind: 'ndjson-dir', label: 'Raw zone: events', path: 'lake/raw/events' };
const table = (name: SampleTable): SampleSource => ({ kind: 'table', label: name, table: name });

export const stageSampleSources: Record<StageName, StageSampleSources> = {
  generate: {
    inputs: [],
    outputs: [
      generatedEvents,
      { kind: 'ndjson', label: 'Generated orders', path: 'generated/orders.ndjson' },
    ],
  },
  produce: { inputs: [generatedEvents], outputs: [eventsTopic] },
  ingest: { inputs: [eventsTopic], outputs: [rawEvents] },
  validate: { inputs: [rawEvents], outputs: [table('stg_events_accepted'), table('quarantine')] },
  dedupe: { inputs: [table('stg_events_accepted')], outputs: [table('stg_events'), table('dedupe_removed')] },
  model: {
    inputs: [table('stg_events'), table('stg_orders')],
    outputs: [table('fact_events'), table('fact_orders'), table('dim_user')],
  },
  aggregate: { inputs: [table('fact_orders')], outputs: [table('mart_daily_revenue'), table('mart_funnel')] },
  export: {
    inputs: [table('mart_daily_revenue')],
    outputs: [
      {
        kind: 'parquet',
        label: 'lake/curated/mart_daily_revenue.parquet',
        path: 'lake/curated/mart_daily_revenue.parquet',
      },
    ],
  },
  quality: { inputs: [table('quarantine')], outputs: [] },
};

const allSources = Object.values(stageSampleSources).flatMap((sources) => [
  ...sources.inputs,
  ...sources.outputs,
]);

/** Every run-relative path a sample may read (files and folders), derived from the list above. */
export const samplePaths: ReadonlySet<string> = new Set(
  allSources.flatMap((source) => ('path' in source ? [source.path] : [])),
);
export const sampleTopics: ReadonlySet<string> = new Set(
  allSources.flatMap((source) => (source.kind === 'topic' ? [source.topic] : [])),
);

export function isSampleTable(name: string): name is SampleTable {
  return (sampleTables as readonly string[]).includes(name);
}
