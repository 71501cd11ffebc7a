// The speed layer on its own thread (see speed-layer-thread.ts): a read-only reader of the run's embedded log,
// the same runSpeedLayer as on the main thread, and the same snapshot file. Bundled with esbuild and run with
// eval, so it is a script, not a module: no top-level await.
import { parentPort, workerData } from 'node:worker_threads';
import { isPipelineError } from '../../contracts/errors';
import { systemClock } from '../../core/clock';
import { EmbeddedEventLog } from '../../services/embedded/event-log/embedded-event-log';
import { runSpeedLayer } from './speed-layer';
import { fileSpeedStore } from './speed-store';
import type { SpeedThreadRequest, SpeedThreadReply } from './speed-layer-thread';

async function main(request: SpeedThreadRequest): Promise<SpeedThreadReply> {
  const log = new EmbeddedEventLog({ root: request.logRoot, clock: systemClock, readOnlyTopics: request.topics });
  try {
    const snapshot = await runSpeedLayer({ log, store: fileSpeedStore(request.snapshotPath), signal: new AbortController().signal, isProducerDone: () => true });
    return { type: 'done', snapshot };
  } catch (error) {
    return isPipelineError(error)
      ? { type: 'failed', code: error.code, message: error.message, retriable: error.retriable }
      : { type: 'failed', code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), retriable: false };
  } finally {
    await log.close();
  }
}

void main(workerData as SpeedThreadRequest).then((reply) => parentPort!.postMessage(reply));
