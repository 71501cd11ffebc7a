import type { Logger } from '../../contracts/stage';
import { SparkDriver } from './spark-driver';
import { sparkSettings } from './spark-settings';

/**
 * One Spark driver per process, started by the first Spark stage and shared by every later one (and by every run
 * of a test suite): a SparkSession takes seconds to start, a stage should not pay that again. The CLI and the
 * console's run child close it when their work is done; a JVM whose parent dies sees stdin close and exits.
 */
let shared: Promise<SparkDriver> | null = null;

export function sharedSparkDriver(log?: Logger): Promise<SparkDriver> {
  if (shared) {
    const current = shared;
    return current.then((driver) => (driver.alive ? driver : restart(log)));
  }
  return restart(log);
}

function restart(log?: Logger): Promise<SparkDriver> {
  let lastReported = 0;
  const starting = SparkDriver.start({
    settings: sparkSettings(),
    onJarProgress: (progress) => {
      // A line per ~10 % of Spark's ~170 jars (the first use downloads about 270 MB), and one for Iceberg's jar.
      if (progress.artifacts - lastReported < 17 && !progress.jar?.startsWith('iceberg-')) return;
      lastReported = progress.artifacts;
      log?.log(
        'info',
        `downloading the Spark and Iceberg jars (first use, about 170 jars / 315 MB): ${progress.artifacts} jars, ${Math.round(progress.bytes / 1e6)} MB`,
        { ...progress },
      );
    },
  });
  shared = starting;
  starting.then(
    (driver) => log?.log('info', 'Spark session started', { ...driver.ready }),
    () => {
      if (shared === starting) shared = null;
    },
  );
  return starting;
}

/** Stops the shared driver if one was started (idempotent). */
export async function closeSharedSparkDriver(): Promise<void> {
  const current = shared;
  shared = null;
  if (!current) return;
  const driver = await current.catch(() => null);
  await driver?.close();
}
