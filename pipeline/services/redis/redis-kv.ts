import { Redis } from 'ioredis';
import { PipelineError } from '../../contracts/errors';
import type { KeyValueStore } from '../../contracts/services';

/** Redis as the services tier's key-value store (the speed layer's state), namespaced per run. */
export async function openRedisKv(
  url: string,
  namespace: string,
): Promise<KeyValueStore & { close(): Promise<void> }> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 5_000 });
  try {
    await redis.connect();
  } catch (cause) {
    redis.disconnect();
    throw new PipelineError('SERVICE_UNAVAILABLE', `Cannot reach Redis at ${url}. Try \`npm run doctor\`.`, {
      cause,
      retriable: true,
    });
  }
  const name = (key: string) => `${namespace}${key}`;
  return {
    get: (key) => redis.get(name(key)),
    async set(key, value) {
      await redis.set(name(key), value);
    },
    async delete(key) {
      await redis.del(name(key));
    },
    async close() {
      await redis.quit();
    },
  };
}

/** Deletes every key of a namespace (a run removed from the shared Redis); returns how many there were. */
export async function removeRedisNamespace(url: string, namespace: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 5_000 });
  try {
    await redis.connect();
    let removed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${namespace.replace(/[*?[\]\\]/g, '\\$&')}*`,
        'COUNT',
        500,
      );
      cursor = next;
      if (keys.length > 0) removed += await redis.del(...keys);
    } while (cursor !== '0');
    return removed;
  } catch (cause) {
    throw new PipelineError(
      'SERVICE_UNAVAILABLE',
      `Cannot remove keys ${namespace}* from Redis at ${url}: ${(cause as Error).message}`,
      { cause, retriable: true },
    );
  } finally {
    redis.disconnect();
  }
}
