import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../../../core/clock';
import { murmur2, partitionForKey, toPositive } from '../../../core/murmur2';
import { PipelineError } from '../../../contracts/errors';
import type {
  ConsumedRecord,
  Consumer,
  ConsumerOptions,
  EventLog,
  PartitionLag,
  ProducedBatch,
  ProduceRecord,
  TopicConfig,
} from '../../../contracts/services';
import { EmbeddedConsumer } from './embedded-consumer';
import { GroupCoordinator } from './group-coordinator';
import { OffsetStore } from './offset-store';
import { PartitionLog } from './partition-log';
import { encodeBatch, encodedRecordSize, type RecordToEncode } from './record-codec';

/** Scratch space for hashing keys (a UTF-16 unit is at most 3 UTF-8 bytes, hence the `* 3` checks). */
const keyScratch = Buffer.allocUnsafe(1024);
const topicNamePattern = /^[a-zA-Z0-9._-]{1,249}$/;
const topicConfigSchema = z.object({
  name: z.string().regex(topicNamePattern),
  partitions: z.number().int().min(1).max(1024),
  retentionMs: z.number().positive().optional(),
  retentionBytes: z.number().positive().optional(),
});

export interface EmbeddedEventLogOptions {
  /** Directory holding one folder per topic and the committed offsets. */
  root: string;
  clock: Clock;
  /** Segment roll size; small values make retention testable. Default 64 MiB. */
  segmentBytes?: number;
  /**
   * A reader of these topics only, beside the process that writes the log (the speed layer's thread): other
   * topics are not opened, nothing is truncated, and producing or changing topics is refused.
   */
  readOnlyTopics?: readonly string[];
  /**
   * A reader of every topic beside the process that writes the log (the web console): as readOnlyTopics, and a
   * topic that cannot be opened yet (being created or re-created this moment) is left out instead of failing.
   */
  readOnly?: boolean;
}

interface Topic {
  config: TopicConfig;
  partitions: PartitionLog[];
  /** The partition that null-key batches currently stick to. */
  stickyPartition: number;
}

/**
 * Kafka's model in one process: topics of partitioned, append-only segment files on disk, keyed records
 * placed by murmur2 like Kafka's default partitioner, consumer groups with committed offsets and rebalancing.
 * A topic survives a restart: reopening the directory recovers every partition.
 */
export class EmbeddedEventLog implements EventLog {
  private readonly topics = new Map<string, Topic>();
  private readonly committedOffsets: OffsetStore;
  private readonly coordinator: GroupCoordinator;
  private readonly appended = new EventEmitter();
  private memberCounter = 0;

  constructor(private readonly options: EmbeddedEventLogOptions) {
    const reader = options.readOnly === true;
    if (!reader) mkdirSync(options.root, { recursive: true });
    this.appended.setMaxListeners(0);
    this.committedOffsets = new OffsetStore(options.root, { readOnly: this.readOnly });
    this.coordinator = new GroupCoordinator((topic) => this.topic(topic).partitions.length);
    for (const name of existsSync(options.root) ? readdirSync(options.root) : []) {
      if (options.readOnlyTopics && !options.readOnlyTopics.includes(name)) continue;
      const configFile = join(options.root, name, 'topic.json');
      if (!existsSync(configFile)) continue;
      if (!reader) {
        this.openTopic(this.readConfig(configFile));
        continue;
      }
      try {
        this.openTopic(this.readConfig(configFile));
      } catch {
        // Half-created by the writer right now (topic.json written, a partition's segment not yet): shown next time.
        this.topics.get(name)?.partitions.forEach((partition) => partition.close());
        this.topics.delete(name);
      }
    }
  }

  private get readOnly(): boolean {
    return this.options.readOnly === true || this.options.readOnlyTopics !== undefined;
  }

  private readConfig(file: string): TopicConfig {
    const parsed = topicConfigSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success)
      throw new PipelineError(
        'CORRUPT_DATA',
        `Topic configuration ${file} is invalid: ${parsed.error.issues[0]?.message}`,
      );
    return parsed.data;
  }

  private openTopic(config: TopicConfig): Topic {
    const segmentBytes = this.options.segmentBytes ?? 64 * 1024 * 1024;
    const partitions = Array.from({ length: config.partitions }, (_, partition) => {
      return new PartitionLog(join(this.options.root, config.name, `partition-${partition}`), {
        segmentBytes,
        topic: config.name,
        partition,
        readOnly: this.readOnly,
      });
    });
    const topic: Topic = { config, partitions, stickyPartition: 0 };
    this.topics.set(config.name, topic);
    return topic;
  }

  private topic(name: string): Topic {
    const topic = this.topics.get(name);
    if (!topic) {
      const known = [...this.topics.keys()].sort().join(', ') || 'none';
      throw new PipelineError(
        'NOT_FOUND',
        `Topic "${name}" does not exist (known topics: ${known}). Create it first.`,
      );
    }
    return topic;
  }

  private partitionLog(topic: string, partition: number): PartitionLog {
    const log = this.topic(topic).partitions[partition];
    if (!log) throw new PipelineError('NOT_FOUND', `Topic "${topic}" has no partition ${partition}.`);
    return log;
  }

  /** The directory the log lives in (a read-only reader in another thread opens the same one). */
  get root(): string {
    return this.options.root;
  }

  private assertWritable(action: string): void {
    if (this.readOnly)
      throw new PipelineError(
        'INVALID_ARGUMENT',
        `Cannot ${action}: this event log at ${this.options.root} was opened read-only.`,
      );
  }

  async createTopic(config: TopicConfig): Promise<void> {
    this.assertWritable(`create topic "${config.name}"`);
    const parsed = topicConfigSchema.safeParse(config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PipelineError(
        'INVALID_ARGUMENT',
        `Invalid topic "${config.name}": ${issue?.path.join('.')} ${issue?.message} (a name of [a-zA-Z0-9._-], 1–1024 partitions).`,
      );
    }
    const existing = this.topics.get(config.name);
    if (existing) {
      if (existing.config.partitions !== config.partitions) {
        throw new PipelineError(
          'CONFLICT',
          `Topic "${config.name}" already exists with ${existing.config.partitions} partitions, not ${config.partitions}.`,
        );
      }
      return;
    }
    mkdirSync(join(this.options.root, config.name), { recursive: true });
    writeFileSync(join(this.options.root, config.name, 'topic.json'), JSON.stringify(parsed.data));
    this.openTopic(parsed.data);
  }

  async deleteTopic(name: string): Promise<void> {
    this.assertWritable(`delete topic "${name}"`);
    const topic = this.topic(name);
    for (const partition of topic.partitions) partition.close();
    this.topics.delete(name);
    rmSync(join(this.options.root, name), { recursive: true, force: true });
    this.committedOffsets.forgetTopic(name);
  }

  async listTopics(): Promise<TopicConfig[]> {
    return [...this.topics.values()]
      .map((topic) => ({ ...topic.config }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async partitionFor(topic: string, key: string): Promise<number> {
    return partitionForKey(key, this.topic(topic).partitions.length);
  }

  /** One encoded batch and one write per partition touched: never one syscall or checksum per record. */
  async produce(topicName: string, records: ProduceRecord[]): Promise<ProducedBatch> {
    this.assertWritable(`produce to "${topicName}"`);
    const topic = this.topic(topicName);
    const count = topic.partitions.length;
    const lists: RecordToEncode[][] = Array.from({ length: count }, () => []);
    const bytes = new Array<number>(count).fill(0);
    const now = this.options.clock.now();
    for (const record of records) {
      const { key, value } = record;
      let keyBytes = 0;
      let partition = topic.stickyPartition;
      if (key !== null) {
        // Encoded into one reused scratch buffer to hash it: no allocation per record. A key too long for it
        // (never the case for ids) is encoded on its own.
        let hash: number;
        if (key.length * 3 <= keyScratch.length) {
          keyBytes = keyScratch.write(key, 0);
          hash = murmur2(keyScratch, keyBytes);
        } else {
          const bytes = Buffer.from(key);
          keyBytes = bytes.length;
          hash = murmur2(bytes);
        }
        partition = toPositive(hash) % count;
      }
      const toEncode: RecordToEncode = {
        key,
        keyBytes,
        value,
        valueBytes: typeof value === 'string' ? Buffer.byteLength(value) : value.length,
        timestamp: record.timestamp ?? now,
        headers:
          record.headers && Object.keys(record.headers).length > 0
            ? Buffer.from(JSON.stringify(record.headers))
            : null,
      };
      lists[partition]!.push(toEncode);
      bytes[partition]! += encodedRecordSize(toEncode);
    }
    // Kafka ≥ 2.4's sticky partitioner: null-key records stick to one partition per batch, then move on.
    topic.stickyPartition = (topic.stickyPartition + 1) % count;
    const result: ProducedBatch = { partitions: [] };
    lists.forEach((list, partition) => {
      if (list.length === 0) return;
      const log = topic.partitions[partition]!;
      const firstOffset = log.endOffset;
      const batch = encodeBatch(list, firstOffset, bytes[partition]!);
      log.append(batch.bytes, list.length, batch.maxTimestamp);
      result.partitions.push({ partition, firstOffset, lastOffset: firstOffset + list.length - 1 });
    });
    this.enforceRetention(topic);
    this.appended.emit('append');
    return result;
  }

  private enforceRetention(topic: Topic): void {
    if (topic.config.retentionMs === undefined && topic.config.retentionBytes === undefined) return;
    for (const partition of topic.partitions) {
      partition.applyRetention(
        this.options.clock.now(),
        topic.config.retentionMs,
        topic.config.retentionBytes,
      );
    }
  }

  async consumer(options: ConsumerOptions): Promise<Consumer> {
    for (const topic of options.topics) this.topic(topic);
    return new EmbeddedConsumer({
      groupId: options.groupId,
      memberId: options.memberId ?? `${options.groupId}-member-${++this.memberCounter}`,
      topics: options.topics,
      fromBeginning: options.fromBeginning ?? true,
      coordinator: this.coordinator,
      offsets: this.committedOffsets,
      partition: (topic, partition) => this.partitionLog(topic, partition),
      appended: this.appended,
    });
  }

  async offsets(
    topic: string,
  ): Promise<Array<{ partition: number; startOffset: number; endOffset: number }>> {
    return this.topic(topic).partitions.map((log, partition) => ({
      partition,
      startOffset: log.startOffset,
      endOffset: log.endOffset,
    }));
  }

  async lag(groupId: string, topic: string): Promise<PartitionLag[]> {
    return this.topic(topic).partitions.map((log, partition) => {
      const committed = this.committedOffsets.get(groupId, topic, partition);
      const from = committed ?? log.startOffset;
      return {
        partition,
        endOffset: log.endOffset,
        committedOffset: committed ?? -1,
        lag: Math.max(0, log.endOffset - from),
      };
    });
  }

  async groups(): Promise<string[]> {
    return this.committedOffsets.groups();
  }

  async groupLag(groupId: string): Promise<Array<PartitionLag & { topic: string }>> {
    const lags: Array<PartitionLag & { topic: string }> = [];
    for (const [topic, partitions] of Object.entries(this.committedOffsets.committed(groupId)).sort(
      ([a], [b]) => a.localeCompare(b),
    )) {
      const logs = this.topics.get(topic)?.partitions;
      // A topic deleted (or not opened by a reader of other topics) says nothing about the group's lag now.
      if (!logs) continue;
      for (const [key, committedOffset] of Object.entries(partitions).sort(
        ([a], [b]) => Number(a) - Number(b),
      )) {
        const log = logs[Number(key)];
        if (!log) continue;
        lags.push({
          topic,
          partition: Number(key),
          endOffset: log.endOffset,
          committedOffset,
          lag: Math.max(0, log.endOffset - committedOffset),
        });
      }
    }
    return lags;
  }

  async read(
    topic: string,
    partition: number,
    fromOffset: number,
    maxRecords: number,
  ): Promise<ConsumedRecord[]> {
    // A read returns at most about 4 MiB, and stops at a batch boundary: read on until enough records came.
    const log = this.partitionLog(topic, partition);
    const records: ConsumedRecord[] = [];
    let next = fromOffset;
    while (records.length < maxRecords) {
      const before = records.length;
      log.read(next, maxRecords - records.length, 4 * 1024 * 1024, records);
      if (records.length === before) break;
      next = records.at(-1)!.offset + 1;
    }
    return records;
  }

  /** Members currently in a group (for the console's consumer-group view). */
  groupMembers(groupId: string): string[] {
    return this.coordinator.members(groupId);
  }

  async close(): Promise<void> {
    for (const topic of this.topics.values()) for (const partition of topic.partitions) partition.close();
    this.topics.clear();
  }
}
