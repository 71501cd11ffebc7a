// A job's thread on the services tier: its own kafkajs client and Redis connection, in the run's namespaces.
import { PipelineError } from '../../contracts/errors';
import { KafkaEventLog } from '../kafka/kafka-event-log';
import { openRedisKv } from '../redis/redis-kv';
import type { OpenThreadServices } from './serve-thread-job';

export const openServicesThreadServices: OpenThreadServices = async (connections) => {
  if (connections.tier !== 'services')
    throw new PipelineError('INTERNAL', 'The services thread host was given embedded connections.');
  const log = await KafkaEventLog.connect({
    brokers: connections.kafkaBrokers,
    prefix: connections.kafkaPrefix,
    clientId: 'pipeline-lab-thread',
  });
  try {
    const kv = await openRedisKv(connections.redisUrl, connections.redisNamespace);
    return {
      log,
      kv,
      async close() {
        await kv.close();
        await log.close();
      },
    };
  } catch (error) {
    await log.close();
    throw error;
  }
};
