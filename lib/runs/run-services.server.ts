import 'server-only';
import type { ServicesReader, Tier } from '@/pipeline/contracts/services';
import { openServicesReader } from '@/pipeline/services/create-services';

/**
 * The console reads every run through the Services interface (openServicesReader). An embedded reader is opened
 * per request: opening the log read-only costs a scan of each partition's last index window and shows the writer's
 * progress. A services reader holds connections to Kafka, Redis, PostgreSQL and S3, so it is kept per run while
 * the console polls and closed after a minute without use.
 */
const idleMs = 60_000;

interface Cached {
  reader: Promise<ServicesReader>;
  users: number;
  timer: NodeJS.Timeout | null;
}

const globalKey = Symbol.for('pipeline-lab.services-readers');
const holder = globalThis as unknown as Record<symbol, Map<string, Cached> | undefined>;
const cache = (holder[globalKey] ??= new Map<string, Cached>());

export async function withRunServices<T>(
  runDir: string,
  tier: Tier,
  use: (reader: ServicesReader) => Promise<T>,
): Promise<T> {
  if (tier === 'embedded') {
    const reader = await openServicesReader({ tier, runDir });
    try {
      return await use(reader);
    } finally {
      await reader.close();
    }
  }
  let entry = cache.get(runDir);
  if (!entry) {
    entry = { reader: openServicesReader({ tier, runDir }), users: 0, timer: null };
    cache.set(runDir, entry);
    const opening = entry;
    // A failed connection is not kept: the next request tries again.
    opening.reader.catch(() => {
      if (cache.get(runDir) === opening) cache.delete(runDir);
    });
  }
  const current = entry;
  current.users++;
  if (current.timer) clearTimeout(current.timer);
  current.timer = null;
  try {
    return await use(await current.reader);
  } finally {
    current.users--;
    if (current.users === 0) {
      current.timer = setTimeout(() => {
        if (cache.get(runDir) !== current || current.users > 0) return;
        cache.delete(runDir);
        void current.reader.then((reader) => reader.close()).catch(() => undefined);
      }, idleMs);
      current.timer.unref();
    }
  }
}
