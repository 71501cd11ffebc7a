import { randomBytes } from 'node:crypto';
import { CompressionTypes, Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { partitionForKey } from '../../core/murmur2';
import { PipelineError } from '../../contracts/errors';
import type {
  ConsumedRecord,
  Consumer,
  ConsumerOptions,
  EventLog,
  PartitionLag,
  ProducedBatch,
  ProduceRecord,
  TopicConfig,
} from '../../contracts/services';
import { fromKafkaError } from './kafka-errors';
import { KafkaConsumer } from './kafka-consumer';
import { deleteGroupsWhenReady, retryWhileCoordinatorLoads, retryWhileLeadershipMoves } from './kafka-retry';

const topicNamePattern = /^[a-zA-Z0-9._-]{1,249}$/;
const maxSliceBytes = 768 * 1024;
/** Groups read() makes for itself and deletes (groups() hides any a crash left behind). */
const readerGroupPrefix = 'inspector-';

export interface KafkaEventLogOptions {
  brokers: string[];
  /** Namespaces a run's topics and groups on a shared cluster, e.g. `pipeline-lab.<runId>.`. */
  prefix: string;
  clientId?: string;
  /** kafkajs retries per request (default 8): an inspector that polls asks once more, not for a minute. */
  retries?: number;
}

/**
 * The EventLog on a real Kafka cluster through kafkajs. Partitions are chosen here with the same murmur2 as
 * the embedded log (and Kafka's Java client), so a key lands on the same partition in both tiers. The
 * producer is idempotent (acks=all, one in-flight request per connection, as kafkajs requires for it).
 */
export class KafkaEventLog implements EventLog {
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly producer: Producer;
  private readonly partitionCounts = new Map<string, number>();
  private readonly consumers = new Set<KafkaConsumer>();
  /** Per topic, like the embedded log: null-key batches stick to one partition per produce call. */
  private readonly stickyPartitions = new Map<string, number>();

  private constructor(private readonly options: KafkaEventLogOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'pipeline-lab',
      brokers: options.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: options.retries ?? 8, initialRetryTime: 200 },
    });
    this.admin = this.kafka.admin();
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
  }

  static async connect(options: KafkaEventLogOptions): Promise<KafkaEventLog> {
    const log = new KafkaEventLog(options);
    try {
      await Promise.all([log.admin.connect(), log.producer.connect()]);
    } catch (error) {
      throw fromKafkaError(error, `Connecting to Kafka at ${options.brokers.join(',')}`);
    }
    return log;
  }

  /** Every admin call maps kafkajs errors, so callers see retriable PipelineErrors when the broker is away. */
  private async guard<T>(action: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw fromKafkaError(error, action);
    }
  }

  private name(topic: string): string {
    return `${this.options.prefix}${topic}`;
  }

  private async partitionsOf(topic: string): Promise<number> {
    const cached = this.partitionCounts.get(topic);
    if (cached) return cached;
    const known = (await this.guard('Listing topics', () => this.admin.listTopics())).includes(
      this.name(topic),
    );
    if (!known)
      throw new PipelineError(
        'NOT_FOUND',
        `Topic "${topic}" does not exist on Kafka (${this.name(topic)}). Create it first.`,
      );
    const metadata = await this.guard(`Reading metadata of "${topic}"`, () =>
      this.admin.fetchTopicMetadata({ topics: [this.name(topic)] }),
    );
    const count = metadata.topics[0]?.partitions.length ?? 0;
    this.partitionCounts.set(topic, count);
    return count;
  }

  async createTopic(config: TopicConfig): Promise<void> {
    if (
      !topicNamePattern.test(config.name) ||
      !Number.isInteger(config.partitions) ||
      config.partitions < 1 ||
      config.partitions > 1024
    ) {
      throw new PipelineError(
        'INVALID_ARGUMENT',
        `Invalid topic "${config.name}" with ${config.partitions} partitions (a name of [a-zA-Z0-9._-], 1–1024 partitions).`,
      );
    }
    const existing = (await this.admin.listTopics()).includes(this.name(config.name));
    if (existing) {
      const partitions = await this.partitionsOf(config.name);
      if (partitions !== config.partitions)
        throw new PipelineError(
          'CONFLICT',
          `Topic "${config.name}" already exists with ${partitions} partitions, not ${config.partitions}.`,
        );
      return;
    }
    // An unset retention keeps everything (TopicConfig), so it is -1 here, never the broker's default of 7 days:
    // records carry their event times, which lie in the past, and the broker's retention check would delete them
    // mid-run (a 1M-event run lost a whole partition that way).
    const configEntries = [
      { name: 'retention.ms', value: String(config.retentionMs ?? -1) },
      { name: 'retention.bytes', value: String(config.retentionBytes ?? -1) },
    ];
    try {
      await this.admin.createTopics({
        topics: [
          {
            topic: this.name(config.name),
            numPartitions: config.partitions,
            replicationFactor: 1,
            configEntries,
          },
        ],
        waitForLeaders: false,
      });
    } catch (error) {
      throw fromKafkaError(error, `Creating topic "${config.name}"`);
    }
    await this.waitForLeaders(config.name, config.partitions);
    this.partitionCounts.set(config.name, config.partitions);
  }

  /**
   * Waits until every partition of a new topic has a leader. kafkajs's own wait retries only LEADER_NOT_AVAILABLE,
   * but a KRaft broker answers UNKNOWN_TOPIC_OR_PARTITION for a moment after creating a topic (its metadata cache
   * catches up with the controller's log): on a freshly started broker, 2 of 5 first runs failed on that answer.
   */
  private async waitForLeaders(topic: string, partitions: number): Promise<void> {
    let last: unknown;
    for (let attempt = 0; attempt < 150; attempt++) {
      try {
        const metadata = await this.admin.fetchTopicMetadata({ topics: [this.name(topic)] });
        const found = metadata.topics[0]?.partitions ?? [];
        if (found.length === partitions && found.every((partition) => partition.leader >= 0)) {
          // Metadata can name a leader before that broker serves the partition: offsets must answer too.
          await this.admin.fetchTopicOffsets(this.name(topic));
          return;
        }
      } catch (error) {
        if (
          !/UNKNOWN_TOPIC_OR_PARTITION|LEADER_NOT_AVAILABLE|NOT_LEADER|does not host this topic-partition|no leader/i.test(
            String((error as { type?: string }).type ?? error),
          )
        ) {
          throw fromKafkaError(error, `Waiting for the leaders of topic "${topic}"`);
        }
        last = error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new PipelineError(
      'TIMEOUT',
      `Topic "${topic}" was created but its partitions had no leader after 15 s (${String(last)}).`,
      { retriable: true },
    );
  }

  async deleteTopic(name: string): Promise<void> {
    await this.partitionsOf(name);
    await this.admin.deleteTopics({ topics: [this.name(name)], timeout: 30_000 });
    this.partitionCounts.delete(name);
    // Topic deletion is asynchronous in Kafka: wait until the name is gone so it can be created again.
    for (
      let attempt = 0;
      attempt < 100 && (await this.admin.listTopics()).includes(this.name(name));
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async listTopics(): Promise<TopicConfig[]> {
    const names = (await this.admin.listTopics()).filter((name) => name.startsWith(this.options.prefix));
    if (names.length === 0) return [];
    const metadata = await this.admin.fetchTopicMetadata({ topics: names });
    return metadata.topics
      .map((topic) => ({
        name: topic.name.slice(this.options.prefix.length),
        partitions: topic.partitions.length,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async partitionFor(topic: string, key: string): Promise<number> {
    return partitionForKey(key, await this.partitionsOf(topic));
  }

  /** One send per call with every record's partition set, compressed; never one await per message. */
  async produce(topic: string, records: ProduceRecord[]): Promise<ProducedBatch> {
    const partitions = await this.partitionsOf(topic);
    const sticky = this.stickyPartitions.get(topic) ?? 0;
    this.stickyPartitions.set(topic, (sticky + 1) % partitions);
    const messages = records.map((record) => {
      const partition = record.key === null ? sticky : partitionForKey(record.key, partitions);
      return {
        key: record.key,
        value: typeof record.value === 'string' ? Buffer.from(record.value) : record.value,
        partition,
        timestamp: record.timestamp === undefined ? undefined : String(record.timestamp),
        headers: record.headers,
      };
    });
    // A broker refuses record batches over message.max.bytes (about 1 MiB by default): send in slices well
    // under it, one request per slice, never one per message.
    const slices: Array<typeof messages> = [];
    let slice: typeof messages = [];
    let sliceBytes = 0;
    for (const message of messages) {
      const size = message.value.length + (message.key?.length ?? 0) + 64;
      if (slice.length > 0 && sliceBytes + size > maxSliceBytes) {
        slices.push(slice);
        slice = [];
        sliceBytes = 0;
      }
      slice.push(message);
      sliceBytes += size;
    }
    if (slice.length > 0) slices.push(slice);
    const ranges = new Map<number, { firstOffset: number; lastOffset: number }>();
    try {
      for (const part of slices) {
        const partCounts = new Map<number, number>();
        for (const message of part)
          partCounts.set(message.partition, (partCounts.get(message.partition) ?? 0) + 1);
        const metadata = await this.producer.send({
          topic: this.name(topic),
          messages: part,
          acks: -1,
          compression: CompressionTypes.None,
        });
        for (const entry of metadata) {
          const firstOffset = Number(entry.baseOffset ?? entry.offset ?? 0);
          const lastOffset = firstOffset + (partCounts.get(entry.partition) ?? 1) - 1;
          const range = ranges.get(entry.partition);
          ranges.set(
            entry.partition,
            range ? { firstOffset: range.firstOffset, lastOffset } : { firstOffset, lastOffset },
          );
        }
      }
    } catch (error) {
      throw fromKafkaError(error, `Producing ${records.length} records to "${topic}"`);
    }
    return {
      partitions: [...ranges]
        .map(([partition, range]) => ({ partition, ...range }))
        .sort((a, b) => a.partition - b.partition),
    };
  }

  async consumer(options: ConsumerOptions): Promise<Consumer> {
    for (const topic of options.topics) await this.partitionsOf(topic);
    const consumer = await KafkaConsumer.start({
      kafka: this.kafka,
      admin: this.admin,
      groupId: options.groupId,
      topics: options.topics,
      fromBeginning: options.fromBeginning ?? true,
      prefix: this.options.prefix,
    });
    this.consumers.add(consumer);
    return consumer;
  }

  async offsets(
    topic: string,
  ): Promise<Array<{ partition: number; startOffset: number; endOffset: number }>> {
    await this.partitionsOf(topic);
    const offsets = await this.guard(`Reading offsets of "${topic}"`, () =>
      retryWhileLeadershipMoves(() => this.admin.fetchTopicOffsets(this.name(topic))),
    );
    return offsets
      .map((entry) => ({
        partition: entry.partition,
        startOffset: Number(entry.low),
        endOffset: Number(entry.high),
      }))
      .sort((a, b) => a.partition - b.partition);
  }

  async lag(groupId: string, topic: string): Promise<PartitionLag[]> {
    const ends = await this.offsets(topic);
    const [committed] = await this.guard(`Reading committed offsets of group "${groupId}"`, () =>
      retryWhileCoordinatorLoads(() =>
        this.admin.fetchOffsets({ groupId: `${this.options.prefix}${groupId}`, topics: [this.name(topic)] }),
      ),
    );
    return ends.map(({ partition, startOffset, endOffset }) => {
      const entry = committed?.partitions.find((candidate) => candidate.partition === partition);
      const committedOffset = entry ? Number(entry.offset) : -1;
      const from = committedOffset >= 0 ? committedOffset : startOffset;
      return { partition, endOffset, committedOffset, lag: Math.max(0, endOffset - from) };
    });
  }

  async groups(): Promise<string[]> {
    const { groups } = await this.guard('Listing consumer groups', () => this.admin.listGroups());
    return groups
      .map((group) => group.groupId)
      .filter(
        (id) =>
          id.startsWith(this.options.prefix) && !id.startsWith(`${this.options.prefix}${readerGroupPrefix}`),
      )
      .map((id) => id.slice(this.options.prefix.length))
      .sort();
  }

  async groupLag(groupId: string): Promise<Array<PartitionLag & { topic: string }>> {
    const committed = await this.guard(`Reading committed offsets of group "${groupId}"`, () =>
      retryWhileCoordinatorLoads(() =>
        this.admin.fetchOffsets({ groupId: `${this.options.prefix}${groupId}` }),
      ),
    );
    const lags: Array<PartitionLag & { topic: string }> = [];
    for (const entry of committed
      .filter((item) => item.topic.startsWith(this.options.prefix))
      .sort((a, b) => a.topic.localeCompare(b.topic))) {
      const topic = entry.topic.slice(this.options.prefix.length);
      const known = entry.partitions.filter((partition) => Number(partition.offset) >= 0);
      if (known.length === 0) continue;
      const ends = await this.guard(`Reading offsets of "${topic}"`, () =>
        this.admin.fetchTopicOffsets(entry.topic),
      ).catch(() => null);
      // A topic deleted since the commit says nothing about the group's lag now.
      if (ends === null) continue;
      for (const partition of known.sort((a, b) => a.partition - b.partition)) {
        const endOffset = Number(ends.find((end) => end.partition === partition.partition)?.high ?? 0);
        const committedOffset = Number(partition.offset);
        lags.push({
          topic,
          partition: partition.partition,
          endOffset,
          committedOffset,
          lag: Math.max(0, endOffset - committedOffset),
        });
      }
    }
    return lags;
  }

  /**
   * kafkajs has no consumer without a group (no assign()), so a throw-away group reads the partition and is
   * deleted afterwards: it never shows among groups() and commits nothing.
   */
  async read(
    topic: string,
    partition: number,
    fromOffset: number,
    maxRecords: number,
  ): Promise<ConsumedRecord[]> {
    const ends = await this.offsets(topic);
    const end = ends.find((entry) => entry.partition === partition);
    if (!end) throw new PipelineError('NOT_FOUND', `Topic "${topic}" has no partition ${partition}.`);
    const from = Math.max(fromOffset, end.startOffset);
    const wanted = Math.min(maxRecords, end.endOffset - from);
    if (wanted <= 0) return [];
    const groupId = `${readerGroupPrefix}${randomBytes(6).toString('hex')}`;
    const consumer = await this.consumer({ groupId, topics: [topic], fromBeginning: true });
    const records: ConsumedRecord[] = [];
    try {
      await consumer.assignment();
      await consumer.seek(topic, partition, from);
      const deadline = performance.now() + 15_000;
      while (records.length < wanted && performance.now() < deadline) {
        for (const record of await consumer.poll({ maxRecords: 10_000, maxWaitMs: 250 })) {
          if (record.partition === partition && record.offset >= from && records.length < wanted)
            records.push(record);
        }
      }
    } finally {
      await consumer.close();
      this.consumers.delete(consumer as KafkaConsumer);
      await deleteGroupsWhenReady(this.admin, [`${this.options.prefix}${groupId}`]).catch(() => undefined);
    }
    return records.sort((a, b) => a.offset - b.offset);
  }

  /** Deletes every topic and consumer group of this log's prefix (a run removed from the shared cluster). */
  async removeAll(): Promise<{ topics: number; groups: number }> {
    const topics = (await this.guard('Listing topics', () => this.admin.listTopics())).filter((name) =>
      name.startsWith(this.options.prefix),
    );
    const { groups } = await this.guard('Listing consumer groups', () => this.admin.listGroups());
    const ours = groups.map((group) => group.groupId).filter((id) => id.startsWith(this.options.prefix));
    if (ours.length > 0)
      await this.guard('Deleting consumer groups', () => deleteGroupsWhenReady(this.admin, ours));
    if (topics.length > 0)
      await this.guard('Deleting topics', () => this.admin.deleteTopics({ topics, timeout: 30_000 }));
    this.partitionCounts.clear();
    return { topics: topics.length, groups: ours.length };
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.close().catch(() => undefined)));
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
  }
}
