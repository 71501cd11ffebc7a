import { existsSync } from 'node:fs';
import { parseIsoUtcBytes } from '../../core/iso-time';
import { JsonFieldSpans } from '../../core/json-field';
import { readLines } from '../../core/line-reader';
import { PipelineError } from '../../contracts/errors';
import type { Entity } from '../../contracts/records';
import type { EventLog, ProduceRecord } from '../../contracts/services';
import { eventTimeNamesOf, keyNamesOf } from '../field-aliases';

export interface ProduceEntityOptions {
  log: EventLog;
  topic: string;
  entity: Entity;
  file: string;
  batchSize: number;
  fallbackTimestamp: number;
  signal: AbortSignal;
  onBatch(produced: number): void;
}

export interface ProducedCounts {
  records: number;
  /** Lines without a readable key (malformed or drifted beyond recognition): produced with a null key. */
  unkeyed: number;
  partitions: Record<number, number>;
}

/**
 * Streams one generated file into its topic in batches. Each line is produced unchanged (the raw zone must
 * receive exactly what arrived); only the key and the record timestamp are read from it.
 */
export async function produceEntity(options: ProduceEntityOptions): Promise<ProducedCounts> {
  if (!existsSync(options.file)) {
    throw new PipelineError('NOT_FOUND', `Produce needs ${options.file}; run the generate stage first.`);
  }
  // The generator writes an event's time before its user id, and every other entity's key first. The order only
  // makes the scan cheaper (each key is looked for right after the previous value); any order is read.
  const timeFirst = options.entity === 'events';
  const fields = new JsonFieldSpans(
    timeFirst
      ? [eventTimeNamesOf(options.entity), keyNamesOf(options.entity)]
      : [keyNamesOf(options.entity), eventTimeNamesOf(options.entity)],
  );
  const [keyField, timeField] = timeFirst ? [1, 0] : [0, 1];
  const counts: ProducedCounts = { records: 0, unkeyed: 0, partitions: {} };
  let batch: ProduceRecord[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await options.log.produce(options.topic, batch);
    for (const { partition, firstOffset, lastOffset } of result.partitions) {
      counts.partitions[partition] = (counts.partitions[partition] ?? 0) + (lastOffset - firstOffset + 1);
    }
    counts.records += batch.length;
    options.onBatch(counts.records);
    batch = [];
  };
  for await (const lines of readLines(options.file)) {
    if (options.signal.aborted) throw new PipelineError('CANCELLED', 'Produce was cancelled.');
    for (const line of lines) {
      fields.scan(line);
      const key = fields.text(line, keyField);
      if (key === null) counts.unkeyed++;
      const parsed = fields.has(timeField)
        ? parseIsoUtcBytes(line, fields.starts[timeField]!, fields.ends[timeField]!)
        : Number.NaN;
      // The line is a view into a chunk the reader allocated for this read and never reuses: no copy needed.
      batch.push({
        key,
        value: line,
        timestamp: Number.isFinite(parsed) ? parsed : options.fallbackTimestamp,
      });
      if (batch.length >= options.batchSize) await flush();
    }
  }
  await flush();
  return counts;
}
