import 'server-only';
import { PipelineError } from '@/pipeline/contracts/errors';
import type { EventLog } from '@/pipeline/contracts/services';
import type { Sample } from './inspect-types';
import { sampleTopics } from './sample-sources';
import { columnsOf, toSampleRow } from './sample-values';
import { sampleRowLimit } from './table-sample.server';

/** The first records of partition 0 of a topic in the run's event log (embedded or Kafka), with offset and key. */
export async function readTopicSample(
  log: EventLog,
  topic: string,
  label = `Topic ${topic}`,
  limit = sampleRowLimit,
): Promise<Sample> {
  if (!sampleTopics.has(topic))
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `Topic "${topic.slice(0, 80)}" is not one the console samples.`,
    );
  const source = `topic ${topic} · partition 0`;
  const exists = (await log.listTopics()).some((config) => config.name === topic);
  if (!exists)
    return { label, source, columns: [], rows: [], unavailable: 'Not produced yet: run the produce stage.' };
  const start = (await log.offsets(topic)).find((entry) => entry.partition === 0);
  let records;
  try {
    records = await log.read(topic, 0, start?.startOffset ?? 0, limit);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      label,
      source,
      columns: [],
      rows: [],
      unavailable: `The topic cannot be read: ${reason.slice(0, 240)}`,
    };
  }
  if (records.length === 0)
    return {
      label,
      source,
      columns: [],
      rows: [],
      unavailable: 'The topic exists but partition 0 holds no records yet.',
    };
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
