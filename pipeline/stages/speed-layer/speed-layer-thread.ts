import { Worker } from 'node:worker_threads';
import { PipelineError, type ErrorCode } from '../../contracts/errors';
import type { ThreadConnections } from '../../contracts/services';
import { bundledWorkerSource } from '../../core/worker-source';
import type { SpeedSnapshot } from './windows';

export interface SpeedThreadRequest {
  connections: ThreadConnections;
  /** The embedded tier's snapshot file (the services tier keeps the snapshot in Redis). */
  snapshotPath: string;
}

export type SpeedThreadReply =
  | { type: 'done'; snapshot: SpeedSnapshot }
  | { type: 'failed'; code: ErrorCode; message: string; retriable: boolean };

/**
 * Runs the speed layer on a second thread, beside the ingest on the first: both are CPU work over the same
 * topics (decoding the log's records, or kafkajs's fetch responses), and one core each nearly halves the stage.
 * The thread opens its own connection to the run's log (the embedded log read-only: the topics it reads are
 * complete, the produce stage has finished) and the same speed store, so its figures, offsets and restart
 * behaviour are those of the same-thread run. Returns null where the worker cannot be built (no bundler, as in
 * bundled server code): the caller runs it in-thread.
 */
export function runSpeedLayerInThread(options: { connections: ThreadConnections; snapshotPath: string; signal: AbortSignal }): Promise<SpeedSnapshot> | null {
  // One entry per tier: the embedded one stays small (no kafkajs, no ioredis to bundle).
  const entry =
    options.connections.tier === 'embedded'
      ? new URL('./speed-layer-worker-embedded.ts', import.meta.url)
      : new URL('./speed-layer-worker-services.ts', import.meta.url);
  const source = bundledWorkerSource(entry);
  if (source === null) return null;
  const request: SpeedThreadRequest = { connections: options.connections, snapshotPath: options.snapshotPath };
  const worker = new Worker(source, { eval: true, workerData: request });
  return new Promise<SpeedSnapshot>((resolve, reject) => {
    let settled = false;
    /** Set when this side ends the thread: its exit is then expected, not a failure. */
    let stopping = false;
    const stop = () => {
      stopping = true;
      return worker.terminate();
    };
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      options.signal.removeEventListener('abort', cancel);
      outcome();
    };
    // Settled only once the thread is gone: a retry of the stage must not meet it still saving its snapshot.
    const cancel = () => {
      void stop().finally(() => settle(() => reject(new PipelineError('CANCELLED', 'The speed layer was cancelled.'))));
    };
    if (options.signal.aborted) cancel();
    else options.signal.addEventListener('abort', cancel, { once: true });
    // The thread replies after it has closed its log and store; terminating it then only makes sure no handle
    // left open keeps it (and the process) alive.
    worker.on('message', (reply: SpeedThreadReply) => {
      void stop().finally(() =>
        settle(() => (reply.type === 'done' ? resolve(reply.snapshot) : reject(new PipelineError(reply.code, `Speed layer: ${reply.message}`, { retriable: reply.retriable })))),
      );
    });
    worker.on('error', (error) => settle(() => reject(new PipelineError('INTERNAL', `The speed layer's thread failed: ${error.message}`, { cause: error }))));
    worker.on('exit', (code) => {
      if (!stopping) settle(() => reject(new PipelineError('INTERNAL', `The speed layer's thread exited (code ${code}) before it finished.`)));
    });
  });
}
