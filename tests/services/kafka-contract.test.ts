import { inject } from 'vitest';
import { KafkaEventLog } from '../../pipeline/services/kafka/kafka-event-log';
import { eventLogContract } from '../contracts/event-log-contract';

let counter = 0;

// The same contract suite as the embedded log, against a real Apache Kafka broker.
eventLogContract('Kafka (kafkajs against a real broker)', async () => {
  const prefix = `contract-${process.pid}-${++counter}.`;
  const log = await KafkaEventLog.connect({ brokers: [inject('kafkaBrokers')], prefix });
  return {
    log,
    topicName: (label) => label,
    close: () => log.close(),
  };
});
