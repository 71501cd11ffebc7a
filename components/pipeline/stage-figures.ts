import type { StageRecord } from '@/pipeline/contracts/manifest';
import { duplicatesRemoved } from '@/pipeline/contracts/run-figures';
import type { StageName } from '@/pipeline/contracts/stages';
import { fmt, type ProgressEvent } from './console-types';

const finished: Record<StageName, (record: StageRecord) => string> = {
  generate: (record) => `${fmt(record.outputRows)} records generated`,
  produce: (record) => `${fmt(record.outputRows)} records produced`,
  ingest: (record) => `${fmt(record.outputRows)} landed · ${fmt(record.rejectedRows)} dead-lettered`,
  validate: (record) => `${fmt(record.outputRows)} accepted · ${fmt(record.rejectedRows)} quarantined`,
  dedupe: (record) => `removed as duplicates: ${fmt(duplicatesRemoved(record) ?? 0)}`,
  model: (record) => `${fmt(record.outputRows)} rows modelled`,
  aggregate: (record) => `${fmt(record.outputRows)} mart rows`,
  export: (record) => `${fmt(record.outputRows)} rows exported`,
  quality: (record) => `${fmt(record.outputRows)} checks run`,
};

/**
 * The stage table's progress cell: while a stage runs, its last progress tick; once it has finished, its final
 * figures from the manifest (a tick is sampled during the work, so the last one seen can be short of the end).
 */
export function progressText(record: StageRecord | undefined, progress: ProgressEvent | undefined): string {
  if (record?.status === 'succeeded') return finished[record.name](record);
  if (record?.status === 'failed' || !progress) return '';
  return `${fmt(progress.done)}${progress.total ? ` / ${fmt(progress.total)}` : ''} ${progress.unit ?? ''}`.trimEnd();
}

/** The stage table's rejected cell: dedupe rejects nothing but removes copies, and says how many. */
export function rejectedText(record: StageRecord | undefined): string {
  if (!record) return '';
  const removed = record.name === 'dedupe' ? duplicatesRemoved(record) : null;
  return removed === null ? fmt(record.rejectedRows) : `removed as duplicates: ${fmt(removed)}`;
}
