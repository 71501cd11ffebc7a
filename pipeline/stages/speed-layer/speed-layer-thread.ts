import { Worker } from 'node:worker_threads';
import { PipelineError, type ErrorCode } from '../../contracts/errors';
import type { EventLog } from '../../contracts/services';
import { bundledWorkerSource } from '../../core/worker-source';
import { EmbeddedEventLog } from '../../services/embedded/event-log/embedded-event-log';
import { speedTopics } from './speed-layer';
import type { SpeedSnapshot } from './windows';

export interface SpeedThreadRequest {
  logRoot: string;
  topics: string[];
  snapshotPath: string;
}

export type SpeedThreadReply =
  | { type: 'done'; snapshot: SpeedSnapshot }
  | { type: 'failed'; code: ErrorCode; message: string; retriable: boolean };

/**
 * Runs the speed layer on a second thread, beside the ingest on the first: on the embedded tier both are CPU
 * work over the same topics, and one core each halves the stage. The thread opens the run's log read-only (the
 * topics it reads are complete: the produce stage has finished) and keeps the same snapshot file, so its
 * figures, offsets and restart behaviour are those of the same-thread run. Returns null where a thread cannot
 * help or cannot be built (a log that is not the embedded one, no bundler): the caller runs it in-thread.
 */
export function runSpeedLayerInThread(options: { log: EventLog; snapshotPath: string; signal: AbortSignal }): Promise<SpeedSnapshot> | null {
  if (!(options.log instanceof EmbeddedEventLog)) return null;
  const source = bundledWorkerSource(new URL('./speed-layer-worker.ts', import.meta.url));
  if (source === null) return null;
  const request: SpeedThreadRequest = { logRoot: options.log.root, topics: speedTopics, snapshotPath: options.snapshotPath };
  const worker = new Worker(source, { eval: true, workerData: request });
  return new Promise<SpeedSnapshot>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      options.signal.removeEventListener('abort', cancel);
      outcome();
    };
    const cancel = () => {
      settle(() => reject(new PipelineError('CANCELLED', 'The speed layer was cancelled.')));
      void worker.terminate();
    };
    options.signal.addEventListener('abort', cancel, { once: true });
    worker.on('message', (reply: SpeedThreadReply) =>
      settle(() => (reply.type === 'done' ? resolve(reply.snapshot) : reject(new PipelineError(reply.code, `Speed layer: ${reply.message}`, { retriable: reply.retriable })))),
    );
    worker.on('error', (error) => settle(() => reject(new PipelineError('INTERNAL', `The speed layer's thread failed: ${error.message}`, { cause: error }))));
    worker.on('exit', (code) => settle(() => reject(new PipelineError('INTERNAL', `The speed layer's thread exited (code ${code}) before it finished.`))));
  });
}
