/**
 * The pipeline's stages in DAG order, with what each one does. Shared by the runner, the CLI and the web
 * console so the three never disagree about names.
 */
export const stageNames = [
  'generate',
  'produce',
  'ingest',
  'validate',
  'dedupe',
  'model',
  'aggregate',
  'export',
  'quality',
] as const;

export type StageName = (typeof stageNames)[number];

export interface StageInfo {
  name: StageName;
  title: string;
  summary: string;
  dependsOn: readonly StageName[];
}

export const stageCatalog: readonly StageInfo[] = [
  {
    name: 'generate',
    title: 'Generate',
    summary:
      'Simulate users, products, sessions, events and orders from a seed, injecting faults and recording each one.',
    dependsOn: [],
  },
  {
    name: 'produce',
    title: 'Produce',
    summary:
      'Stream the generated records into partitioned topics, keyed so one user always lands on one partition.',
    dependsOn: ['generate'],
  },
  {
    name: 'ingest',
    title: 'Ingest',
    summary:
      'A consumer group lands topic records in the raw zone of the lake and commits offsets only after the write.',
    dependsOn: ['produce'],
  },
  {
    name: 'validate',
    title: 'Validate',
    summary:
      'Schema, type, range, completeness, referential and freshness checks; rejects go to quarantine with a reason.',
    dependsOn: ['ingest'],
  },
  {
    name: 'dedupe',
    title: 'Dedupe',
    summary: 'Remove exact and replayed duplicates by id, keeping the first by event time.',
    dependsOn: ['validate'],
  },
  {
    name: 'model',
    title: 'Model',
    summary:
      'Build the star schema: date, user (SCD type 2) and product dimensions; event, order and order-line facts.',
    dependsOn: ['dedupe'],
  },
  {
    name: 'aggregate',
    title: 'Aggregate',
    summary: 'Marts for daily revenue, the funnel, top products, cohort retention and cart abandonment.',
    dependsOn: ['model'],
  },
  {
    name: 'export',
    title: 'Export',
    summary: 'Write zstd Parquet per table and a DuckDB file the browser can attach.',
    dependsOn: ['aggregate'],
  },
  {
    name: 'quality',
    title: 'Quality',
    summary:
      'Report every check, the reconciliation per entity and the recall and precision against injected faults.',
    dependsOn: ['export'],
  },
];

/** Each SQL stage's files in the order they run (pipeline/stages/<stage>/*.sql; files not listed run after, by name). */
export const stageSqlOrder: Partial<Record<StageName, readonly string[]>> = {
  validate: ['checks.sql', 'users.sql', 'products.sql', 'events.sql', 'orders.sql', 'quarantine.sql'],
  dedupe: ['dedupe.sql'],
  model: ['dim-date.sql', 'dim-user.sql', 'dim-product.sql', 'fact-events.sql', 'fact-orders.sql'],
  aggregate: ['marts.sql'],
  quality: ['checks.sql'],
};
