import { EventEmitter } from 'node:events';
import { PipelineError } from '../../../contracts/errors';
import type { Assignment, ConsumedRecord, Consumer, OffsetReset } from '../../../contracts/services';
import type { GroupCoordinator } from './group-coordinator';
import type { OffsetStore } from './offset-store';
import type { PartitionLog } from './partition-log';

export interface ConsumerDeps {
  groupId: string;
  memberId: string;
  topics: string[];
  fromBeginning: boolean;
  coordinator: GroupCoordinator;
  offsets: OffsetStore;
  partition(topic: string, partition: number): PartitionLog;
  appended: EventEmitter;
}

/**
 * A member of an embedded consumer group. Positions start at the committed offset, or at the log start or
 * end (auto.offset.reset) when the group never committed. After a rebalance the new owner of a partition
 * starts from the committed offset, so uncommitted work is delivered again: at-least-once, as in Kafka.
 */
export class EmbeddedConsumer implements Consumer {
  readonly memberId: string;
  private generation = -1;
  private owned: Array<{ topic: string; partition: number }> = [];
  private readonly positions = new Map<string, number>();
  private nextPartition = 0;
  private closed = false;

  constructor(private readonly deps: ConsumerDeps) {
    this.memberId = deps.memberId;
    deps.coordinator.join(deps.groupId, { memberId: deps.memberId, topics: deps.topics });
  }

  private key(topic: string, partition: number): string {
    return `${topic}/${partition}`;
  }

  /** Picks up a new generation: forget revoked partitions, start newly assigned ones at the committed offset. */
  private refresh(): void {
    const generation = this.deps.coordinator.generation(this.deps.groupId);
    if (generation === this.generation) return;
    this.generation = generation;
    const assignment = this.deps.coordinator.assignment(this.deps.groupId, this.memberId);
    this.owned = [...assignment].flatMap(([topic, partitions]) =>
      partitions.map((partition) => ({ topic, partition })),
    );
    const keep = new Set(this.owned.map(({ topic, partition }) => this.key(topic, partition)));
    for (const key of this.positions.keys()) if (!keep.has(key)) this.positions.delete(key);
    for (const { topic, partition } of this.owned) {
      const key = this.key(topic, partition);
      if (this.positions.has(key)) continue;
      const log = this.deps.partition(topic, partition);
      const committed = this.deps.offsets.get(this.deps.groupId, topic, partition);
      this.positions.set(key, committed ?? (this.deps.fromBeginning ? log.startOffset : log.endOffset));
    }
  }

  async assignment(): Promise<Assignment[]> {
    this.assertOpen();
    this.refresh();
    const byTopic = new Map<string, number[]>();
    for (const { topic, partition } of this.owned)
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
    return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
  }

  position(topic: string, partition: number): number | undefined {
    return this.positions.get(this.key(topic, partition));
  }

  async poll(options: { maxRecords?: number; maxWaitMs?: number } = {}): Promise<ConsumedRecord[]> {
    this.assertOpen();
    const maxRecords = options.maxRecords ?? 10_000;
    const deadline = performance.now() + (options.maxWaitMs ?? 0);
    for (;;) {
      const records = this.fetch(maxRecords);
      if (records.length > 0) return records;
      const remaining = deadline - performance.now();
      if (remaining <= 0) return [];
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.deps.appended.off('append', done);
          resolve();
        };
        const timer = setTimeout(done, remaining);
        this.deps.appended.on('append', done);
      });
    }
  }

  private fetch(maxRecords: number): ConsumedRecord[] {
    this.refresh();
    const result: ConsumedRecord[] = [];
    const count = this.owned.length;
    // Rotate the starting partition so one busy partition cannot starve the others.
    for (let step = 0; step < count && result.length < maxRecords; step++) {
      const { topic, partition } = this.owned[(this.nextPartition + step) % count]!;
      const key = this.key(topic, partition);
      const log = this.deps.partition(topic, partition);
      const from = Math.max(this.positions.get(key)!, log.startOffset);
      const before = result.length;
      // Decoded records already are ConsumedRecords of this topic and partition: they go straight into the result.
      log.read(from, maxRecords - result.length, 1024 * 1024, result);
      if (result.length > before) this.positions.set(key, result.at(-1)!.offset + 1);
    }
    this.nextPartition = count === 0 ? 0 : (this.nextPartition + 1) % count;
    return result;
  }

  async commit(offsets: Array<{ topic: string; partition: number; offset: number }>): Promise<void> {
    this.assertOpen();
    this.refresh();
    for (const { topic, partition } of offsets) {
      if (!this.deps.coordinator.owns(this.deps.groupId, this.memberId, topic, partition)) {
        throw new PipelineError(
          'CONFLICT',
          `Cannot commit ${topic}/${partition} for group "${this.deps.groupId}": the partition was reassigned in a rebalance. ` +
            'Its records will be delivered to the new owner again; drop the uncommitted work.',
          { retriable: false },
        );
      }
    }
    this.deps.offsets.commit(this.deps.groupId, offsets);
  }

  async seek(topic: string, partition: number, offset: number | OffsetReset): Promise<void> {
    this.assertOpen();
    this.refresh();
    const log = this.deps.partition(topic, partition);
    const target = offset === 'earliest' ? log.startOffset : offset === 'latest' ? log.endOffset : offset;
    if (!Number.isInteger(target) || target < 0) {
      throw new PipelineError(
        'INVALID_ARGUMENT',
        `Cannot seek ${topic}/${partition} to ${String(offset)}: expected an offset ≥ 0.`,
      );
    }
    this.positions.set(this.key(topic, partition), target);
  }

  async seekToTimestamp(topic: string, timestampMs: number): Promise<void> {
    this.refresh();
    for (const owned of this.owned.filter((candidate) => candidate.topic === topic)) {
      this.positions.set(
        this.key(topic, owned.partition),
        this.deps.partition(topic, owned.partition).offsetForTimestamp(timestampMs),
      );
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.deps.coordinator.leave(this.deps.groupId, this.memberId);
  }

  private assertOpen(): void {
    if (this.closed)
      throw new PipelineError(
        'CONFLICT',
        `Consumer ${this.memberId} of group "${this.deps.groupId}" is closed.`,
      );
  }
}
