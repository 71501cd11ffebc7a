import type { Manifest, StageRecord } from '@/pipeline/contracts/manifest';
import type { StageName } from '@/pipeline/contracts/stages';

export interface ProgressEvent {
  stage: StageName;
  done: number;
  total?: number;
  unit?: string;
  elapsedMs: number;
}

export interface LogLine {
  id: number;
  level: string;
  message: string;
  stage?: string;
  time: number;
}

export interface OutputFile {
  stage: StageName;
  path: string;
  rows: number;
  bytes: number | null;
}

export interface RunDetails {
  manifest: Manifest;
  active: boolean;
  files: OutputFile[];
}

export type StageState = StageRecord['status'];

/** The lesson that explains each stage (content/lessons/<slug>.mdx). */
export const stageLessons: Record<StageName, string> = {
  generate: 'realistic-data-generation',
  produce: 'kafka-fundamentals',
  ingest: 'kafka-delivery-semantics',
  validate: 'data-quality',
  dedupe: 'exactly-once',
  model: 'star-schema-modelling',
  aggregate: 'star-schema-modelling',
  export: 'file-formats',
  quality: 'data-quality',
};

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

export const fmt = (value: number) => value.toLocaleString('en-US');
