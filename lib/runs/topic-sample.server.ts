import 'server-only';
import path from 'node:path';
import { PipelineError } from '@/pipeline/contracts/errors';
import type { Sample } from './inspect-types';
import { sampleTopics } from './sample-sources';
import { firstRecords } from './segment-read.server';
import { columnsOf, toSampleRow } from './sample-values';
import { sampleRowLimit } from './table-sample.server';

/** The first records of partition 0 of a topic in the run's embedded log, with their offset and key. */
export async function readTopicSample(runDir: string, topic: string, label = `Topic ${topic}`, limit = sampleRowLimit): Promise<Sample> {
  if (!sampleTopics.has(topic)) throw new PipelineError('INVALID_ARGUMENT', `Topic "${topic.slice(0, 80)}" is not one the console samples.`);
  const { records, unreadable } = await firstRecords(path.join(runDir, 'log', topic, 'partition-0'), { topic, partition: 0 }, limit);
  const source = `log/${topic}/partition-0`;
  if (records.length === 0) {
    const unavailable = unreadable ? `The topic cannot be read: ${unreadable}.` : 'Not produced yet: run the produce stage.';
    return { label, source, columns: [], rows: [], unavailable };
  }
  const rows = records.map((record) => {
    let value: unknown;
    try {
      value = JSON.parse(record.value.toString('utf8'));
    } catch {
      value = record.value.toString('utf8');
    }
    return toSampleRow({ offset: record.offset, key: record.key, value });
  });
  return { label, source, columns: columnsOf(rows), rows };
}
