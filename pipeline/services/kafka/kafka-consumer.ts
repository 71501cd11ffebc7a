import type { Admin, Consumer as KafkaJsConsumer, EachBatchPayload, Kafka } from 'kafkajs';
import { PipelineError } from '../../contracts/errors';
import type { Assignment, ConsumedRecord, Consumer, OffsetReset } from '../../contracts/services';
import { fromKafkaError } from './kafka-errors';

/** How many fetched records may wait in memory before the fetch loop pauses (back-pressure). */
const maxBuffered = 50_000;
/**
 * While the fetch loop waits for poll() to make room, it heartbeats (kafkajs heartbeats only between batches, so
 * a wait longer than the 10 s session timeout would get the member expelled and the group rebalanced), but only
 * as long as poll() was called within this interval: Java's max.poll.interval.ms (default 5 min), so a consumer
 * that really stopped polling still loses its partitions.
 */
const maxPollIntervalMs = 5 * 60_000;
const backPressureHeartbeatMs = 1_000;

/**
 * The poll/commit Consumer contract on top of kafkajs's push model: kafkajs's fetch loop fills a queue, poll()
 * drains it, commits are explicit (autoCommit off). On every rebalance the queue is dropped, because kafkajs
 * resumes each newly assigned partition from its committed offset: records not yet committed are fetched again.
 */
export class KafkaConsumer implements Consumer {
  memberId = '';
  private queue: ConsumedRecord[] = [];
  private owned = new Map<string, number[]>();
  private joined = false;
  private waiters: Array<() => void> = [];
  private drained: Array<() => void> = [];
  private stopped = false;
  /** Bumped by every rebalance: a batch fetched in an older generation must not resolve its offsets. */
  private generation = 0;
  private lastPollAt = performance.now();
  /** Set when kafkajs's fetch loop died: every later poll() throws it (see start()). */
  private crashed: PipelineError | undefined;

  private constructor(
    private readonly consumer: KafkaJsConsumer,
    private readonly admin: Admin,
    private readonly groupId: string,
    private readonly prefix: string,
  ) {}

  static async start(options: {
    kafka: Kafka;
    admin: Admin;
    groupId: string;
    topics: string[];
    fromBeginning: boolean;
    prefix: string;
  }): Promise<KafkaConsumer> {
    // kafkajs restarts a crashed consumer by itself (after a broker restart, say), and that restart can land after
    // disconnect(): a zombie member then keeps partitions nobody polls, and the group's lag never drains (seen in
    // tests/services/broker-restart.test.ts). So a crash is never restarted here; poll() reports it as a
    // retriable error, and the stage is retried with a fresh consumer that resumes from the committed offsets.
    const consumer = options.kafka.consumer({
      groupId: `${options.prefix}${options.groupId}`,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      rebalanceTimeout: 20_000,
      retry: { retries: 8, initialRetryTime: 200, restartOnFailure: async () => false },
    });
    const wrapper = new KafkaConsumer(consumer, options.admin, options.groupId, options.prefix);
    consumer.on(consumer.events.CRASH, (event) => {
      wrapper.crashed ??= fromKafkaError(event.payload.error, `Consumer group "${options.groupId}" stopped`);
      wrapper.wake();
    });
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      wrapper.memberId = event.payload.memberId;
      wrapper.owned = new Map(
        Object.entries(event.payload.memberAssignment).map(([topic, partitions]) => [
          wrapper.unprefix(topic),
          [...partitions].sort((a, b) => a - b),
        ]),
      );
      wrapper.queue = [];
      wrapper.generation++;
      wrapper.joined = true;
      wrapper.wake();
    });
    try {
      await consumer.connect();
      await consumer.subscribe({
        topics: options.topics.map((topic) => `${options.prefix}${topic}`),
        fromBeginning: options.fromBeginning,
      });
      await consumer.run({
        autoCommit: false,
        // Offsets are resolved by onBatch itself, only for a batch that is still in the queue (see there).
        eachBatchAutoResolve: false,
        eachBatch: (payload) => wrapper.onBatch(payload),
      });
    } catch (error) {
      throw fromKafkaError(error, `Starting consumer group "${options.groupId}"`);
    }
    return wrapper;
  }

  private unprefix(topic: string): string {
    return topic.startsWith(this.prefix) ? topic.slice(this.prefix.length) : topic;
  }

  private async onBatch({ batch, isStale, heartbeat, resolveOffset }: EachBatchPayload): Promise<void> {
    if (isStale() || batch.messages.length === 0) return;
    const generation = this.generation;
    const topic = this.unprefix(batch.topic);
    for (const message of batch.messages) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.headers ?? {}))
        if (value !== undefined) headers[name] = String(value);
      this.queue.push({
        topic,
        partition: batch.partition,
        offset: Number(message.offset),
        key: message.key === null ? null : message.key.toString('utf8'),
        value: message.value ?? Buffer.alloc(0),
        timestamp: Number(message.timestamp),
        headers,
      });
    }
    this.wake();
    while (this.queue.length > maxBuffered && !this.stopped && generation === this.generation) {
      await new Promise<void>((resolve) => {
        const release = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          this.drained = this.drained.filter((waiter) => waiter !== release);
          resolve();
        }, backPressureHeartbeatMs);
        this.drained.push(release);
      });
      if (
        this.queue.length > maxBuffered &&
        performance.now() - this.lastPollAt < maxPollIntervalMs &&
        generation === this.generation
      ) {
        await heartbeat().catch(() => undefined); // a failed heartbeat means a rebalance, which GROUP_JOIN handles
      }
    }
    // A rebalance while this batch waited dropped its records from the queue: resolving its offsets now would make
    // kafkajs fetch after them, and the new generation would never see them (records lost). Left unresolved, they
    // are fetched again from the committed offset.
    if (generation !== this.generation || isStale() || this.stopped) return;
    resolveOffset(batch.lastOffset());
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  async assignment(): Promise<Assignment[]> {
    await this.waitForJoin(10_000);
    return [...this.owned].map(([topic, partitions]) => ({ topic, partitions }));
  }

  private async waitForJoin(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!this.joined && performance.now() < deadline) await this.sleep(deadline - performance.now());
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.waiters.push(done);
    });
  }

  async poll(options: { maxRecords?: number; maxWaitMs?: number } = {}): Promise<ConsumedRecord[]> {
    this.lastPollAt = performance.now();
    const deadline = performance.now() + (options.maxWaitMs ?? 0);
    while (this.queue.length === 0 && !this.crashed && performance.now() < deadline)
      await this.sleep(deadline - performance.now());
    if (this.crashed && this.queue.length === 0) {
      throw new PipelineError(
        'SERVICE_UNAVAILABLE',
        `${this.crashed.message} Records not yet committed are delivered again on retry.`,
        {
          cause: this.crashed,
          retriable: true,
        },
      );
    }
    const records = this.queue.splice(0, options.maxRecords ?? 10_000);
    for (const release of this.drained.splice(0)) release();
    return records;
  }

  async commit(offsets: Array<{ topic: string; partition: number; offset: number }>): Promise<void> {
    for (const { topic, partition } of offsets) {
      if (!(this.owned.get(topic) ?? []).includes(partition)) {
        throw new PipelineError(
          'CONFLICT',
          `Cannot commit ${topic}/${partition} for group "${this.groupId}": the partition was reassigned in a rebalance.`,
        );
      }
    }
    try {
      await this.consumer.commitOffsets(
        offsets.map(({ topic, partition, offset }) => ({
          topic: `${this.prefix}${topic}`,
          partition,
          offset: String(offset),
        })),
      );
    } catch (error) {
      throw fromKafkaError(error, `Committing offsets of group "${this.groupId}"`);
    }
  }

  async seek(topic: string, partition: number, offset: number | OffsetReset): Promise<void> {
    let target = offset;
    if (target === 'earliest' || target === 'latest') {
      const offsets = await this.admin.fetchTopicOffsets(`${this.prefix}${topic}`);
      const entry = offsets.find((candidate) => candidate.partition === partition);
      target = Number(target === 'earliest' ? entry?.low : entry?.high);
    }
    this.queue = this.queue.filter((record) => record.topic !== topic || record.partition !== partition);
    this.consumer.seek({ topic: `${this.prefix}${topic}`, partition, offset: String(target) });
  }

  async seekToTimestamp(topic: string, timestampMs: number): Promise<void> {
    const entries = await this.admin.fetchTopicOffsetsByTimestamp(`${this.prefix}${topic}`, timestampMs);
    for (const partition of this.owned.get(topic) ?? []) {
      const entry = entries.find((candidate) => candidate.partition === partition);
      if (entry) await this.seek(topic, partition, Number(entry.offset));
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    for (const release of this.drained.splice(0)) release();
    await this.consumer.disconnect();
  }
}
