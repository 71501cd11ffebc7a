import 'server-only';
import { open, type FileHandle } from 'node:fs/promises';

/** Read size per pull: large enough for DuckDB-WASM's range requests, small enough to stop soon after a cancel. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Bytes `start`..`end` (inclusive) of a file as a web stream that a client may cancel at any moment.
 *
 * Not `Readable.toWeb(createReadStream(...))`: Node's adapter can enqueue into a controller the client already
 * cancelled (a browser that aborts a range request mid-transfer, as the playground does when a query is
 * cancelled) and that throws `ERR_INVALID_STATE: Controller is already closed` as an uncaught exception in the
 * server. Here every read is pulled, and nothing is enqueued once the stream is cancelled.
 */
export function fileRangeStream(filePath: string, start: number, end: number): ReadableStream<Uint8Array> {
  let handle: FileHandle | undefined;
  let position = start;
  let finished = false;
  const release = async () => {
    finished = true;
    const open = handle;
    handle = undefined;
    await open?.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      async start() {
        handle = await open(filePath, 'r');
      },
      async pull(controller) {
        const remaining = end - position + 1;
        if (remaining <= 0 || !handle) {
          await release();
          controller.close();
          return;
        }
        const buffer = new Uint8Array(Math.min(CHUNK_BYTES, remaining));
        let bytesRead: number;
        try {
          ({ bytesRead } = await handle.read(buffer, 0, buffer.length, position));
        } catch (error) {
          if (finished) return;
          await release();
          throw error;
        }
        if (finished) return;
        if (bytesRead === 0) {
          await release();
          throw new Error(
            `${filePath} ended at byte ${position}, before the ${end + 1} bytes it had when opened`,
          );
        }
        position += bytesRead;
        controller.enqueue(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      },
      async cancel() {
        await release();
      },
    },
    { highWaterMark: 1 },
  );
}
