import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { KafkaEventLog } from '../../pipeline/services/kafka/kafka-event-log';

// A consumer that stops polling for longer than the group's 10 s session timeout while kafkajs's fetch loop is
// held back by a full queue (the ingest does this while it waits for slow lake uploads). kafkajs heartbeats only
// between batches, so before the adapter heartbeated during back-pressure the member was expelled, the group
// rebalanced, queued records were dropped and, worse, the waiting batch's offsets were resolved into the new
// generation: a partition then never reached its end and the 1M-event services run hung in ingest.
const records = 120_000; // more than the adapter's 50,000-record queue, so its fetch loop has to wait
const partitions = 2;
let log: KafkaEventLog;

beforeAll(async () => {
  log = await KafkaEventLog.connect({
    brokers: [inject('kafkaBrokers')],
    prefix: `slow-consumer-${process.pid}.`,
  });
  await log.createTopic({ name: 'slow', partitions });
  const value = Buffer.alloc(100, 'x');
  for (let sent = 0; sent < records; sent += 10_000) {
    await log.produce(
      'slow',
      Array.from({ length: 10_000 }, (_unused, index) => ({ key: `key-${sent + index}`, value })),
    );
  }
}, 120_000);

afterAll(async () => {
  await log?.close();
});

describe('a Kafka consumer that pauses longer than the session timeout', () => {
  it('keeps its membership and delivers every record exactly once', async () => {
    const consumer = await log.consumer({ groupId: 'slow-group', topics: ['slow'], fromBeginning: true });
    try {
      const seen = new Map<number, Set<number>>(
        Array.from({ length: partitions }, (_unused, partition) => [partition, new Set<number>()]),
      );
      let duplicates = 0;
      const take = (batch: Awaited<ReturnType<typeof consumer.poll>>) => {
        for (const record of batch) {
          const offsets = seen.get(record.partition)!;
          if (offsets.has(record.offset)) duplicates++;
          offsets.add(record.offset);
        }
      };
      // Wait for the first records, so the member has joined and kafkajs's queue is filling.
      for (let total = 0; total === 0;) {
        const batch = await consumer.poll({ maxRecords: 5_000, maxWaitMs: 1_000 });
        take(batch);
        total += batch.length;
      }
      const member = consumer.memberId;
      // Longer than sessionTimeout (10 s): a member that sent no heartbeat in that time is expelled.
      await new Promise((resolve) => setTimeout(resolve, 14_000));
      const deadline = Date.now() + 60_000;
      while (
        [...seen.values()].reduce((sum, offsets) => sum + offsets.size, 0) < records &&
        Date.now() < deadline
      ) {
        take(await consumer.poll({ maxRecords: 20_000, maxWaitMs: 500 }));
      }
      expect(consumer.memberId).toBe(member);
      expect(duplicates).toBe(0);
      const ends = await log.offsets('slow');
      for (const { partition, endOffset } of ends) {
        const offsets = seen.get(partition)!;
        expect(offsets.size).toBe(endOffset);
        expect(Math.max(...offsets)).toBe(endOffset - 1);
      }
    } finally {
      await consumer.close();
    }
  }, 120_000);
});
