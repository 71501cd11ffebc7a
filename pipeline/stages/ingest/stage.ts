import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PipelineError } from '../../contracts/errors';
import type { StageDefinition, StageResult } from '../../contracts/stage';
import { runSpeedLayer, speedGroupId, speedTopics } from '../speed-layer/speed-layer';
import { speedStoreOn } from '../speed-layer/speed-store';
import { speedSnapshotKey } from '../../contracts/speed';
import type { SpeedSnapshot } from '../speed-layer/windows';
import { ingestGroupId, ingestLag, ingestRaw } from './ingest-raw';
import { LagHistory } from './lag-history';
import { liveLagFile } from './live-lag-file';
import { streamLagRows, streamRejectRows, streamWindowRows } from './stream-rows';
import { writeStreamTables } from './stream-tables-writer';

/**
 * Lands every topic in the raw zone of the lake and, beside it, runs the speed layer: the second consumer
 * group of the lambda architecture, keeping per-minute figures in the run's key-value store. In a run the
 * producer has finished before this stage starts (the DAG says so), so partial last windows are landed at the end.
 * Once both are done it writes the stream tables (pipeline/contracts/stream-tables.ts) into the working warehouse:
 * the speed layer's windows and rejects from its final snapshot, and the ingest group's lag as it fell.
 */
export const ingestStage: StageDefinition = {
  name: 'ingest',
  async run(context): Promise<StageResult> {
    const logger = context.log.child('ingest');
    const started = context.clock.monotonic();
    const produced = await readFile(join(context.runDir, 'produced-offsets.json'), 'utf8').then(
      (text) => new Map(Object.entries(JSON.parse(text) as Record<string, number>)),
      () => undefined,
    );
    // The ingest and the speed layer stop together: when the stage is cancelled, and when either fails (a retry
    // of the stage must not find the previous attempt's other half still consuming). Both have settled before
    // this stage returns or throws.
    const control = new AbortController();
    const stop = () => control.abort();
    if (context.signal.aborted) stop();
    else context.signal.addEventListener('abort', stop, { once: true });
    let firstFailure: { error: unknown } | undefined;
    const stopOnFailure = <T>(work: Promise<T>) =>
      work.catch((error: unknown) => {
        firstFailure ??= { error };
        stop();
        throw error;
      });
    // The speed layer uses the second core where a thread can be built (not in bundled code without the sources).
    // The group's lag as it falls, for /api/metrics: whole before the first window lands, then after each one.
    const lagFile = liveLagFile(context.runDir, context.clock, logger);
    const lagHistory = new LagHistory(context.clock);
    // A figure for monitoring, so a group that cannot be read yet does not stop the ingest: the first window's
    // lag is then the first one written.
    await ingestLag(context.services.log).then(
      (lag) => {
        lagFile.update(lag);
        lagHistory.sample(lag, 0);
      },
      (error: unknown) =>
        logger.log('warn', 'could not read the ingest group lag before the first window', {
          error: error instanceof Error ? error.message : String(error),
        }),
    );
    const threaded = context.services.threads.run<SpeedSnapshot>({
      job: new URL('../speed-layer/speed-layer-job.ts', import.meta.url),
      input: {},
      topics: speedTopics,
      signal: control.signal,
    });
    const work = [
      stopOnFailure(
        ingestRaw({
          log: context.services.log,
          lake: context.services.lake,
          signal: control.signal,
          isProducerDone: () => true,
          startDate: context.config.startDate,
          expectedEndOffsets: produced,
          onProgress: ({ landed, lag }) => {
            context.progress({ done: landed, unit: 'records' });
            const samples = lag.map(({ topic, partition, lag }) => ({
              group: ingestGroupId,
              topic,
              partition,
              lag,
            }));
            lagFile.update(samples);
            lagHistory.sample(samples, landed);
          },
        }),
      ),
      stopOnFailure(
        threaded ??
          runSpeedLayer({
            log: context.services.log,
            store: speedStoreOn(context.services.kv),
            signal: control.signal,
            isProducerDone: () => true,
          }),
      ),
    ] as const;
    await Promise.allSettled(work).finally(() => context.signal.removeEventListener('abort', stop));
    // The last figure: the final lag after a finished ingest, else the newest one (a stuck or failed consumer's lag
    // stays where it was, which is what a "lag not falling" alert must see).
    const landed = await work[0].catch(() => undefined);
    await lagFile.close(landed?.finalLag);
    // The first failure is the cause; the other half then only reports that it was stopped.
    if (firstFailure)
      throw context.signal.aborted
        ? new PipelineError('CANCELLED', 'Ingest was cancelled.')
        : firstFailure.error;
    const [result, speed] = await Promise.all(work);
    const raw = Object.values(result.perEntity).reduce((sum, counts) => sum + counts.raw, 0);
    const deadLettered = Object.values(result.perEntity).reduce(
      (sum, counts) => sum + counts.deadLettered,
      0,
    );
    lagHistory.final(result.finalLag, lagHistory.lastLanded);
    const speedLag = (
      await Promise.all(
        speedTopics.map(async (topic) =>
          (await context.services.log.lag(speedGroupId, topic)).map(({ partition, lag }) => ({
            group: speedGroupId,
            topic,
            partition,
            lag,
          })),
        ),
      )
    ).flat();
    lagHistory.final(speedLag, null);
    const streamTables = await writeStreamTables(context.services.warehouse, context.runDir, {
      stream_windows: streamWindowRows(speed),
      stream_rejects: streamRejectRows(speed),
      stream_consumer_lag: streamLagRows(lagHistory.all()),
    });
    const seconds = (context.clock.monotonic() - started) / 1000;
    logger.log('info', 'landed the raw zone', { raw, deadLettered, reasons: result.reasons });
    return {
      inputRows: raw + deadLettered,
      outputRows: raw,
      rejectedRows: deadLettered,
      rejectReasons: result.reasons,
      outputs: [],
      metrics: {
        perEntity: result.perEntity,
        rejectExamples: result.examples,
        lagSamples: result.lagSamples,
        finalLag: result.finalLag,
        speedLayer: {
          windows: speed.windows.length,
          lateEvents: speed.lateTotal,
          unreadable: speed.unreadable,
          watermark: Number.isFinite(speed.watermark) ? new Date(speed.watermark).toISOString() : null,
          // Where its state is: a key in the run's Redis namespace (services tier) or its key files (embedded).
          snapshot:
            context.services.tier === 'services' ? `redis: ${speedSnapshotKey}` : `kv/${speedSnapshotKey}`,
          thread: threaded ? 'own thread' : 'ingest thread',
        },
        streamTables,
        recordsPerSecond: seconds > 0 ? Math.round((raw + deadLettered) / seconds) : null,
      },
    };
  },
};
