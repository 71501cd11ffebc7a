import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { PipelineError, type ErrorCode } from '../../contracts/errors';
import { bundledWorkerSource } from '../../core/worker-source';
import { BatchEncoder } from './batch-encoder';
import { createBatch, EVENT_CHUNK_BYTES, type EventBatch, type EventTables } from './event-batch';
import { ioError, OutputFile, type CommittedFile } from './output-file';

/**
 * Where NDJSON event batches go. Worker: a worker thread encodes and writes while the generating thread
 * simulates, with at most a few batches in flight so memory stays constant. In-thread: encoded and written right
 * away, where the worker cannot be built (no sources or esbuild, as in bundled code) or when parallel output is
 * not asked for.
 * Both give the same bytes.
 */
export interface EventSink {
  /** True when a writer thread encodes and writes the events. */
  readonly threaded: boolean;
  obtain(): EventBatch;
  submit(batch: EventBatch): void;
  /** Resolves when few enough batches are in flight; rejects with the writer's failure. */
  drain(): Promise<void>;
  commit(): Promise<CommittedFile>;
  discard(): Promise<void>;
}

export interface EventSinkOptions {
  path: string;
  gzip: boolean;
  hash: boolean;
  tables: EventTables;
}

export function createInThreadSink(options: EventSinkOptions): EventSink {
  const file = new OutputFile(options.path, {
    gzip: options.gzip,
    hash: options.hash,
    chunkBytes: EVENT_CHUNK_BYTES,
  });
  const encoder = new BatchEncoder(options.tables);
  const spare = createBatch();
  return {
    threaded: false,
    obtain: () => spare,
    submit(batch) {
      encoder.encode(batch, file);
      batch.count = 0;
      batch.lines.length = 0;
    },
    drain: () => file.drain(),
    commit: () => file.commit(),
    discard: () => file.discard(),
  };
}

/** Messages of the worker protocol (event-writer-worker.ts is the other side). */
export type ToWorker =
  | { type: 'init'; path: string; gzip: boolean; hash: boolean; tables: EventTables }
  | { type: 'batch'; batch: EventBatch }
  | { type: 'commit' }
  | { type: 'discard' };
export type FromWorker =
  | { type: 'ack'; batch: EventBatch }
  | { type: 'committed'; file: CommittedFile }
  | { type: 'discarded' }
  | { type: 'failed'; message: string; path: string; code?: ErrorCode };

// Enough batches (8192 events each) for the generating thread to run ahead while the writer thread starts up.
const MAX_IN_FLIGHT = 8;

/** A writer thread started early (its module loading overlaps building the world) and given its file later. */
export interface WriterThread {
  sink(options: EventSinkOptions): EventSink;
  /** Stops a thread that never got a file (a failure before the first event). */
  terminate(): Promise<void>;
}

export function launchWriterThread(): WriterThread | null {
  // Bundled (not loaded through a TypeScript loader) so the thread starts fast, whatever the cwd.
  const source = bundledWorkerSource(new URL('./event-writer-worker.ts', import.meta.url));
  if (source === null) return null;
  const worker = new Worker(source, {
    eval: true,
    // The writer keeps only its id tables and a few chunks; a small heap keeps the process's peak RSS down.
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 192 },
  });
  // Until it has a file, an early error or exit is kept and reported when the sink is made.
  let earlyFailure: Error | null = null;
  let hasSink = false;
  worker.on('error', (error) => (earlyFailure ??= error));
  worker.on('exit', (code) => {
    if (!hasSink) earlyFailure ??= new Error(`exited with code ${code} before it was given a file`);
  });
  return {
    sink: (options) => {
      hasSink = true;
      return workerSink(worker, options, earlyFailure);
    },
    terminate: async () => {
      await worker.terminate();
    },
  };
}

function workerSink(worker: Worker, options: EventSinkOptions, earlyFailure: Error | null): EventSink {
  const spare: EventBatch[] = [];
  let inFlight = 0;
  let failure: Error | null = earlyFailure
    ? new PipelineError('INTERNAL', `The event writer thread failed: ${earlyFailure.message}`, {
        cause: earlyFailure,
      })
    : null;
  let wake: (() => void) | null = null;
  let settle: ((message: FromWorker) => void) | null = null;
  const notify = () => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  worker.on('message', (message: FromWorker) => {
    if (message.type === 'ack') {
      inFlight--;
      message.batch.count = 0;
      message.batch.lines = [];
      spare.push(message.batch);
    } else if (message.type === 'failed') {
      // The first failure is the cause; later ones (batches the thread could not take) only follow from it.
      // The thread's PipelineErrors (the output file's) already name the file and the reason: keep them as they are.
      failure ??= message.code
        ? new PipelineError(message.code, message.message, { details: { path: message.path } })
        : ioError('write', message.path, new Error(message.message));
      settle?.(message);
    } else {
      settle?.(message);
    }
    notify();
  });
  let finished = false;
  worker.on('error', (error) => {
    failure ??= new PipelineError('INTERNAL', `The event writer thread failed: ${error.message}`, {
      cause: error,
    });
    notify();
    settle?.({ type: 'failed', message: error.message, path: options.path });
  });
  // A thread that stops unasked must fail the run, not leave the generating side waiting forever.
  worker.on('exit', (code) => {
    if (finished) return;
    failure ??= new PipelineError(
      'INTERNAL',
      `The event writer thread stopped unexpectedly (exit code ${code}).`,
    );
    notify();
    settle?.({ type: 'failed', message: failure.message, path: options.path });
  });
  worker.postMessage({
    type: 'init',
    path: options.path,
    gzip: options.gzip,
    hash: options.hash,
    tables: options.tables,
  } satisfies ToWorker);
  const send = (message: ToWorker, transfer: ArrayBuffer[] = []) => worker.postMessage(message, transfer);
  const request = (message: ToWorker) =>
    new Promise<FromWorker>((resolve) => {
      settle = resolve;
      send(message);
    });
  return {
    threaded: true,
    obtain: () => spare.pop() ?? createBatch(),
    submit(batch) {
      if (failure) throw failure;
      inFlight++;
      send({ type: 'batch', batch }, [
        batch.ints.buffer as ArrayBuffer,
        batch.times.buffer as ArrayBuffer,
        batch.sessionLags.buffer as ArrayBuffer,
        batch.ids.buffer as ArrayBuffer,
      ]);
    },
    async drain() {
      while (inFlight > MAX_IN_FLIGHT && !failure) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure;
    },
    async commit() {
      while (inFlight > 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure;
      const reply = await request({ type: 'commit' });
      if (reply.type === 'committed') finished = true;
      await worker.terminate();
      if (reply.type !== 'committed')
        throw failure ?? ioError('write', options.path, new Error('the writer thread stopped'));
      return reply.file;
    },
    async discard() {
      // After a commit the thread is gone and its file is in place: the caller removes finished files itself.
      if (finished) return;
      if (!failure) await request({ type: 'discard' });
      finished = true;
      await worker.terminate();
      // The thread may have died before it could remove its partial file (if it ever made one).
      try {
        rmSync(`${options.path}.partial`, { force: true });
      } catch {
        // Not a file we created (for example a directory in the way): leave it.
      }
    },
  };
}
