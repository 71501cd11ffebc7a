import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KafkaEventLog } from '../../pipeline/services/kafka/kafka-event-log';

// The generator's event times lie in the past, and the producer stamps records with them. A topic left at the
// broker's default retention.ms (7 days) is then emptied by the broker's first retention check, 30 s after it
// starts and every check after: the 1M-event services run lost orders/0 that way mid-ingest and waited for it.
// TopicConfig says an unset retention keeps everything; the adapter must create such topics with retention.ms=-1.
let log: KafkaEventLog;
const yearsAgo = Date.UTC(2020, 0, 1);

beforeAll(async () => {
  log = await KafkaEventLog.connect({
    brokers: [inject('kafkaBrokers')],
    prefix: `retention-${process.pid}.`,
  });
});

afterAll(async () => {
  await log?.close();
});

describe('Kafka topics and retention', () => {
  it('keep years-old records when no retention is set, while a topic with retention loses them at the same check', async () => {
    await log.createTopic({ name: 'kept', partitions: 2 });
    await log.createTopic({ name: 'expiring', partitions: 1, retentionMs: 60 * 60_000 });
    const records = Array.from({ length: 200 }, (_, index) => ({
      key: `k${index}`,
      value: String(index),
      timestamp: yearsAgo + index,
    }));
    await log.produce('kept', records);
    await log.produce('expiring', records);
    // The test broker checks retention every second once its first check has run, 30 s after it started.
    const firstCheck = inject('kafkaStartedAt') + 30_000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstCheck - Date.now()) + 3_000));
    // The control: the broker really did apply retention to old timestamps in this time.
    const [expiring] = await log.offsets('expiring');
    expect(expiring!.startOffset).toBe(expiring!.endOffset);
    expect((await log.offsets('kept')).map(({ startOffset }) => startOffset)).toEqual([0, 0]);
    const consumer = await log.consumer({ groupId: 'kept-group', topics: ['kept'], fromBeginning: true });
    const seen: number[] = [];
    const deadline = Date.now() + 20_000;
    while (seen.length < 200 && Date.now() < deadline)
      for (const record of await consumer.poll({ maxRecords: 500, maxWaitMs: 200 }))
        seen.push(Number(record.value.toString()));
    await consumer.close();
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, index) => index));
  }, 90_000);
});
