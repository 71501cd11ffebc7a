import 'server-only';
import type { EventLog } from '@/pipeline/contracts/services';
import type { EventLogState, GroupOffset, GroupState, TopicState } from './inspect-types';

/** Bounds on what one request reads, whatever the log holds. */
const maxTopics = 32;
const maxPartitions = 64;
const maxGroups = 16;

/**
 * Topics with each partition's log-end offset, and consumer groups with their committed offsets and lag, read
 * through the run's EventLog: the embedded log opened read-only, or Kafka's admin API. A group shows the partitions
 * it has committed in (one it never committed in says nothing about its progress).
 */
export async function readEventLogState(log: EventLog): Promise<EventLogState> {
  const configs = (await log.listTopics()).slice(0, maxTopics);
  const topics: TopicState[] = [];
  for (const config of configs) {
    const offsets = await log.offsets(config.name);
    topics.push({
      topic: config.name,
      partitions: offsets.slice(0, maxPartitions).map(({ partition, startOffset, endOffset }) => ({
        partition,
        logStartOffset: startOffset,
        logEndOffset: endOffset,
      })),
    });
  }
  const groups: GroupState[] = [];
  for (const group of (await log.groups()).slice(0, maxGroups)) {
    const offsets: GroupOffset[] = (await log.groupLag(group))
      .filter((entry) => entry.partition < maxPartitions)
      .map((entry) => ({
        topic: entry.topic,
        partition: entry.partition,
        committed: entry.committedOffset,
        logEndOffset: entry.endOffset,
        lag: entry.lag,
      }));
    groups.push({ group, offsets });
  }
  return { topics, groups };
}
