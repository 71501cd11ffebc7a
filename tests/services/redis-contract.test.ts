import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { openRedisKv } from '../../pipeline/services/redis/redis-kv';
import { keyValueStoreContract } from '../contracts/key-value-store-contract';

let counter = 0;

/** Deletes every key under the namespaces with SCAN (never KEYS: the server may hold other runs' state). */
async function deleteNamespaces(url: string, namespaces: string[]): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  try {
    for (const namespace of namespaces) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}*`, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    await redis.quit();
  }
}

// The same contract suite as the embedded file store, against the real Redis server (REDIS_URL).
keyValueStoreContract('Redis', async () => {
  const url = inject('redisUrl');
  return {
    open: (namespace) => openRedisKv(url, namespace),
    // No glob characters, so the SCAN pattern of the clean-up matches exactly this test's keys.
    uniqueNamespace: (label) => `pipeline-lab-contract:${process.pid}-${Date.now()}-${++counter}-${label}:`,
    cleanup: (namespaces) => deleteNamespaces(url, namespaces),
  };
});
