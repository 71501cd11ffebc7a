// The speed layer's thread on the services tier (see speed-layer-thread.ts): its own kafkajs client and Redis
// connection, in the run's namespaces.
import { PipelineError } from '../../contracts/errors';
import { KafkaEventLog } from '../../services/kafka/kafka-event-log';
import { openRedisKv } from '../../services/redis/redis-kv';
import { speedStoreOnKv } from './speed-store';
import { serveSpeedLayer } from './speed-layer-worker-serve';

serveSpeedLayer(async (connections) => {
  if (connections.tier !== 'services') throw new PipelineError('INTERNAL', 'The services speed-layer thread was given embedded connections.');
  const log = await KafkaEventLog.connect({ brokers: connections.kafkaBrokers, prefix: connections.kafkaPrefix, clientId: 'pipeline-lab-speed-layer' });
  try {
    const kv = await openRedisKv(connections.redisUrl, connections.redisNamespace);
    return {
      log,
      store: speedStoreOnKv(kv),
      async close() {
        await kv.close();
        await log.close();
      },
    };
  } catch (error) {
    await log.close();
    throw error;
  }
});
