// What both speed-layer worker entries share (speed-layer-worker-embedded.ts, speed-layer-worker-services.ts):
// read the request, open the tier's log and store, run the same runSpeedLayer as the main thread, reply once.
// Two entries, so the embedded tier's bundle carries neither kafkajs nor ioredis (a third of a second to bundle).
import { parentPort, workerData } from 'node:worker_threads';
import { isPipelineError } from '../../contracts/errors';
import type { EventLog, ThreadConnections } from '../../contracts/services';
import { runSpeedLayer } from './speed-layer';
import type { SpeedStore } from './speed-store';
import type { SpeedThreadReply, SpeedThreadRequest } from './speed-layer-thread';

export interface OpenedSpeedLayer {
  log: EventLog;
  store: SpeedStore;
  close(): Promise<void>;
}

async function main(request: SpeedThreadRequest, open: (connections: ThreadConnections, snapshotPath: string) => Promise<OpenedSpeedLayer>): Promise<SpeedThreadReply> {
  let opened: OpenedSpeedLayer | undefined;
  try {
    opened = await open(request.connections, request.snapshotPath);
    const snapshot = await runSpeedLayer({ log: opened.log, store: opened.store, signal: new AbortController().signal, isProducerDone: () => true });
    return { type: 'done', snapshot };
  } catch (error) {
    return isPipelineError(error)
      ? { type: 'failed', code: error.code, message: error.message, retriable: error.retriable }
      : { type: 'failed', code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), retriable: false };
  } finally {
    await opened?.close();
  }
}

/** Runs the request this thread was started with (a script, not a module: no top-level await). */
export function serveSpeedLayer(open: (connections: ThreadConnections, snapshotPath: string) => Promise<OpenedSpeedLayer>): void {
  void main(workerData as SpeedThreadRequest, open).then((reply) => parentPort!.postMessage(reply));
}
