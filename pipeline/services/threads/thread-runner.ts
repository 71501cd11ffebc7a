import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PipelineError } from '../../contracts/errors';
import type { ThreadRunner } from '../../contracts/services';
import { bundledWorkerScript } from '../../core/worker-source';
import type { ThreadConnections, ThreadReply, ThreadRequest } from './thread-connections';

// Paths, not `new URL(…, import.meta.url)`: a bundler (the web server's) would take those for assets to emit.
// In bundled code the files are not beside the bundle, and run() returns null (the job runs on the caller's thread).
const here = dirname(fileURLToPath(import.meta.url));
const hosts = {
  embedded: { module: join(here, 'embedded-thread-host.ts'), open: 'openEmbeddedThreadServices' },
  services: { module: join(here, 'services-thread-host.ts'), open: 'openServicesThreadServices' },
} as const;
const serveModule = join(here, 'serve-thread-job.ts');

/**
 * Runs stage jobs on threads of their own (the speed layer beside the ingest: both are CPU work over the same
 * topics, and one core each nearly halves the stage). The thread opens its own connections to the run's log and
 * key-value store, so its results, offsets and restart behaviour are those of a same-thread run.
 */
export function threadRunner(connections: ThreadConnections): ThreadRunner {
  return {
    run<O>(options: {
      job: URL;
      input: unknown;
      topics: readonly string[];
      signal: AbortSignal;
    }): Promise<O> | null {
      const host = hosts[connections.tier];
      if (options.job.protocol !== 'file:') return null;
      const source = bundledWorkerScript(
        [serveModule, host.module, fileURLToPath(options.job)],
        `module0.serveThreadJob(module1.${host.open}, module2.default);`,
      );
      if (source === null) return null;
      const request: ThreadRequest = { connections, topics: options.topics, input: options.input };
      return runWorker<O>(new Worker(source, { eval: true, workerData: request }), options.signal);
    },
  };
}

function runWorker<O>(worker: Worker, signal: AbortSignal): Promise<O> {
  return new Promise<O>((resolve, reject) => {
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
      signal.removeEventListener('abort', cancel);
      outcome();
    };
    // Settled only once the thread is gone: a retry of the stage must not meet it still saving its state.
    const cancel = () => {
      void stop().finally(() =>
        settle(() => reject(new PipelineError('CANCELLED', 'The thread job was cancelled.'))),
      );
    };
    if (signal.aborted) cancel();
    else signal.addEventListener('abort', cancel, { once: true });
    // The thread replies after it has closed its log and store; terminating it then only makes sure no handle
    // left open keeps it (and the process) alive.
    worker.on('message', (reply: ThreadReply) => {
      void stop().finally(() =>
        settle(() =>
          reply.type === 'done'
            ? resolve(reply.result as O)
            : reject(new PipelineError(reply.code, reply.message, { retriable: reply.retriable })),
        ),
      );
    });
    worker.on('error', (error) =>
      settle(() =>
        reject(new PipelineError('INTERNAL', `A job's thread failed: ${error.message}`, { cause: error })),
      ),
    );
    worker.on('exit', (code) => {
      if (!stopping)
        settle(() =>
          reject(new PipelineError('INTERNAL', `A job's thread exited (code ${code}) before it finished.`)),
        );
    });
  });
}
