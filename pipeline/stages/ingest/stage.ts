import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageDefinition, StageResult } from '../../contracts/stage';
import { runSpeedLayer } from '../speed-layer/speed-layer';
import { speedStoreFor } from '../speed-layer/speed-store';
import { ingestRaw } from './ingest-raw';

/**
 * Lands every topic in the raw zone of the lake and, beside it, runs the speed layer: the second consumer
 * group of the lambda architecture, keeping per-minute figures in `<runDir>/speed/snapshot.json`. In a run the
 * producer has finished before this stage starts (the DAG says so), so partial last windows are landed at the end.
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
    const [result, speed] = await Promise.all([
      ingestRaw({
        log: context.services.log,
        lake: context.services.lake,
        signal: context.signal,
        isProducerDone: () => true,
        startDate: context.config.startDate,
        expectedEndOffsets: produced,
        onProgress: ({ landed }) => context.progress({ done: landed, unit: 'records' }),
      }),
      runSpeedLayer({ log: context.services.log, store: speedStoreFor(context), signal: context.signal, isProducerDone: () => true }),
    ]);
    const raw = Object.values(result.perEntity).reduce((sum, counts) => sum + counts.raw, 0);
    const deadLettered = Object.values(result.perEntity).reduce((sum, counts) => sum + counts.deadLettered, 0);
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
        lagSamples: result.lagSamples,
        finalLag: result.finalLag,
        speedLayer: {
          windows: speed.windows.length,
          lateEvents: speed.lateTotal,
          unreadable: speed.unreadable,
          watermark: Number.isFinite(speed.watermark) ? new Date(speed.watermark).toISOString() : null,
          snapshot: 'speed/snapshot.json',
        },
        recordsPerSecond: seconds > 0 ? Math.round((raw + deadLettered) / seconds) : null,
      },
    };
  },
};
