import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { liveLagFileName, type ConsumerLagSample } from '../../contracts/consumer-lag';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../contracts/stage';

/** Often enough for a Prometheus scrape every few seconds; rare enough that a fast ingest is not slowed by writes. */
const minIntervalMs = 1000;

/**
 * Keeps `<runDir>/consumer-lag.json` at the ingest group's newest lag, written at most once a second (atomically:
 * temporary file, then rename) and once more, without waiting, when the stage ends. A write that fails is logged
 * and skipped: the figure is for monitoring, and the ingest must not fail for it.
 */
export function liveLagFile(runDir: string, clock: Clock, log: Logger) {
  const path = join(runDir, liveLagFileName);
  let pending: ConsumerLagSample[] | null = null;
  let lastWrite = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();
  let counter = 0;

  const write = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending) return writing;
    const samples = pending;
    pending = null;
    lastWrite = clock.monotonic();
    const text = JSON.stringify({ sampledAt: new Date(clock.now()).toISOString(), samples });
    writing = writing.then(async () => {
      const temporary = `${path}.tmp-${process.pid}-${++counter}`;
      try {
        await writeFile(temporary, text);
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true }).catch(() => undefined);
        log.log('warn', 'could not write the live consumer lag', { path, error: (error as Error).message });
      }
    });
    return writing;
  };

  return {
    /** The newest lag: written now if the last write is a second old, else when that second is over. */
    update(samples: ConsumerLagSample[]): void {
      pending = samples;
      const wait = lastWrite + minIntervalMs - clock.monotonic();
      if (wait <= 0) void write();
      else if (!timer) {
        timer = setTimeout(() => void write(), wait);
        timer.unref();
      }
    },
    /** Writes `samples` (the final lag) at once, or what is pending, and waits for every write. */
    async close(samples?: ConsumerLagSample[]): Promise<void> {
      if (samples) pending = samples;
      await write();
    },
  };
}
