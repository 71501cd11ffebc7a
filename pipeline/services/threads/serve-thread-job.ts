// What both tiers' thread hosts share (embedded-thread-host.ts, services-thread-host.ts): read the request,
// open the tier's log and key-value store, run the job, reply once. One host per tier, so the embedded tier's
// bundle carries neither kafkajs nor ioredis (a third of a second to bundle).
import { parentPort, workerData } from 'node:worker_threads';
import { isPipelineError } from '../../contracts/errors';
import type { ThreadJob, ThreadServices } from '../../contracts/services';
import type { ThreadConnections, ThreadReply, ThreadRequest } from './thread-connections';

export interface OpenedThreadServices extends ThreadServices {
  close(): Promise<void>;
}

export type OpenThreadServices = (
  connections: ThreadConnections,
  topics: readonly string[],
) => Promise<OpenedThreadServices>;

async function main(
  request: ThreadRequest,
  open: OpenThreadServices,
  job: ThreadJob<unknown, unknown>,
): Promise<ThreadReply> {
  let opened: OpenedThreadServices | undefined;
  try {
    opened = await open(request.connections, request.topics);
    return { type: 'done', result: await job(opened, request.input) };
  } catch (error) {
    return isPipelineError(error)
      ? { type: 'failed', code: error.code, message: error.message, retriable: error.retriable }
      : {
          type: 'failed',
          code: 'INTERNAL',
          message: error instanceof Error ? error.message : String(error),
          retriable: false,
        };
  } finally {
    await opened?.close();
  }
}

/** Runs the request this thread was started with (a script, not a module: no top-level await). */
export function serveThreadJob(open: OpenThreadServices, job: unknown): void {
  if (typeof job !== 'function')
    throw new TypeError('A thread job module must export a function as its default export.');
  void main(workerData as ThreadRequest, open, job as ThreadJob<unknown, unknown>).then((reply) =>
    parentPort!.postMessage(reply),
  );
}
