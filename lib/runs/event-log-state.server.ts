import 'server-only';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { EventLogState, GroupState, TopicState } from './inspect-types';
import { partitionEnd } from './segment-read.server';

/** Bounds on what one request reads, whatever is on disk. */
const maxTopics = 32;
const maxPartitions = 64;
const maxGroups = 16;

const topicSchema = z.object({ name: z.string().regex(/^[a-zA-Z0-9._-]{1,249}$/), partitions: z.number().int().min(1).max(1024) });
const committedSchema = z.record(z.string(), z.record(z.string(), z.number().int().nonnegative()));

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Topics, partitions with their log-end offsets, and consumer groups with committed offsets and lag, read from an
 * embedded event log folder (`<runDir>/log`): `<topic>/topic.json`, `<topic>/partition-<n>/`, and
 * `__consumer_offsets/<group>.json` (offset-store.ts). Read-only, so it can run beside a live producer/consumer.
 */
export async function readEventLogState(logDir: string): Promise<EventLogState> {
  const entries = await readdir(logDir, { withFileTypes: true }).catch(() => []);
  const topics: TopicState[] = [];
  for (const entry of entries.filter((item) => item.isDirectory() && item.name !== '__consumer_offsets').sort((a, b) => a.name.localeCompare(b.name)).slice(0, maxTopics)) {
    const config = topicSchema.safeParse(await readJson(path.join(logDir, entry.name, 'topic.json')));
    if (!config.success || config.data.name !== entry.name) continue;
    const count = Math.min(config.data.partitions, maxPartitions);
    const partitions = await Promise.all(
      Array.from({ length: count }, async (_, partition) => ({ partition, ...(await partitionEnd(path.join(logDir, entry.name, `partition-${partition}`))) })),
    );
    topics.push({ topic: entry.name, partitions });
  }
  const ends = new Map<string, number>(topics.flatMap((topic) => topic.partitions.map((p) => [`${topic.topic}/${p.partition}`, p.logEndOffset] as const)));

  const offsetsDir = path.join(logDir, '__consumer_offsets');
  const files = (await readdir(offsetsDir).catch(() => [] as string[])).filter((name) => name.endsWith('.json')).sort().slice(0, maxGroups);
  const groups: GroupState[] = [];
  for (const name of files) {
    const committed = committedSchema.safeParse(await readJson(path.join(offsetsDir, name)));
    if (!committed.success) continue;
    const offsets = Object.entries(committed.data)
      .flatMap(([topic, partitions]) =>
        Object.entries(partitions).flatMap(([partition, offset]) => {
          const end = ends.get(`${topic}/${partition}`);
          // A committed offset for a topic that is gone (re-created by produce) says nothing about lag now.
          return end === undefined ? [] : [{ topic, partition: Number(partition), committed: offset, logEndOffset: end, lag: Math.max(0, end - offset) }];
        }),
      )
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    groups.push({ group: decodeURIComponent(name.slice(0, -'.json'.length)), offsets });
  }
  return { topics, groups };
}
