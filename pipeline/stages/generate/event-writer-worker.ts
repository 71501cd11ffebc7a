import { parentPort } from 'node:worker_threads';
import { isPipelineError } from '../../contracts/errors';
import { BatchEncoder } from './batch-encoder';
import { EVENT_CHUNK_BYTES } from './event-batch';
import type { FromWorker, ToWorker } from './event-sink';
import { OutputFile } from './output-file';

/** The encoding half of the events file on its own thread (protocol in event-sink.ts). */
const port = parentPort;
if (!port) throw new Error('event-writer-worker.ts must run as a worker thread');

let file: OutputFile | null = null;
let encoder: BatchEncoder | null = null;
let path = '';
// Messages are handled strictly in order: each waits for the previous one.
let queue: Promise<void> = Promise.resolve();

const reply = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function handle(message: ToWorker): Promise<void> {
  try {
    if (message.type === 'init') {
      path = message.path;
      encoder = new BatchEncoder(message.tables);
      file = new OutputFile(message.path, {
        gzip: message.gzip,
        hash: message.hash,
        chunkBytes: EVENT_CHUNK_BYTES,
      });
    } else if (message.type === 'batch') {
      // After a failed init there is no file: the generating side already has the failure and is stopping.
      if (!file || !encoder) return;
      encoder.encode(message.batch, file);
      await file.drain();
      const { batch } = message;
      reply({ type: 'ack', batch }, [
        batch.ints.buffer as ArrayBuffer,
        batch.times.buffer as ArrayBuffer,
        batch.sessionLags.buffer as ArrayBuffer,
        batch.ids.buffer as ArrayBuffer,
      ]);
    } else if (message.type === 'commit') {
      reply({ type: 'committed', file: await file!.commit() });
    } else {
      await file?.discard();
      reply({ type: 'discarded' });
    }
  } catch (error) {
    reply({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
      path,
      ...(isPipelineError(error) ? { code: error.code } : {}),
    });
    if (message.type === 'discard') reply({ type: 'discarded' });
  }
}

port.on('message', (message: ToWorker) => {
  queue = queue.then(() => handle(message));
});
