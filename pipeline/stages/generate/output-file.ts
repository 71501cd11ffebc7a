import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, write } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { PipelineError } from '../../contracts/errors';
import { explainFsError } from '../../core/fs-errors';

/**
 * A file written in large chunks (1–4 MiB). Rows are encoded straight into the current chunk on the generating
 * thread (strings with Buffer.write, the event hot path byte by byte through beginRow/endRow); each full chunk
 * is handed to libuv's thread pool with a positioned write, so the disk write runs on the machine's other core
 * while generation continues. `drain()` bounds the chunks in flight, which keeps
 * memory constant whatever the number of records.
 *
 * The file is written under a `.partial` name and renamed into place by `commit()`, so a failure never leaves
 * a half-written file under the final name; `discard()` removes the partial file. The SHA-256 (optional: the
 * stage needs it for the manifest, the CLI does not) is computed over the bytes as written.
 */
/** Default chunk size; the events file uses 4 MiB, the smaller files 1 MiB (less memory held per file). */
const DEFAULT_CHUNK_BYTES = 1 << 20;

export interface CommittedFile {
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export function ioError(action: string, path: string, cause: unknown): PipelineError {
  // A full disk or a read-only mount is said as such; only an unknown failure gets the generic hint.
  const reason =
    explainFsError(cause, path) ??
    `${cause instanceof Error ? cause.message : String(cause)}. Check that the directory exists and is writable`;
  return new PipelineError('IO_ERROR', `Cannot ${action} ${path}: ${reason}.`, {
    cause,
    details: { path },
  });
}

export interface OutputFileOptions {
  gzip?: boolean;
  hash?: boolean;
  chunkBytes?: number;
}

export class OutputFile {
  readonly partialPath: string;
  rows = 0;
  private readonly chunkBytes: number;
  private chunk: Buffer;
  /** Chunks whose write finished, reused so fresh memory is not page-faulted in for every chunk. */
  private readonly spare: Buffer[] = [];
  private position = 0;
  private bytes = 0;
  private readonly hash: Hash | null;
  private readonly gzip: boolean;
  private fd: number | null;
  private inFlight = 0;
  private failure: unknown = null;
  private wakeUp: (() => void) | null = null;

  constructor(
    readonly path: string,
    options: OutputFileOptions = {},
  ) {
    this.partialPath = `${path}.partial`;
    this.chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    this.chunk = Buffer.allocUnsafe(this.chunkBytes);
    this.gzip = options.gzip ?? false;
    this.hash = options.hash === false ? null : createHash('sha256');
    try {
      this.fd = openSync(this.partialPath, 'w');
    } catch (error) {
      throw ioError('create', this.partialPath, error);
    }
  }

  /** Writes text that is not a record (a CSV header). */
  writeRaw(text: string): void {
    // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
    if (text.length * 3 > this.chunkBytes - this.position) {
      this.flush();
      if (text.length * 3 > this.chunkBytes) {
        this.chunk = Buffer.from(text, 'utf8');
        this.position = this.chunk.length;
        this.flush();
        return;
      }
    }
    this.position += this.chunk.write(text, this.position, 'utf8');
  }

  /** Writes one record line (ending in \n). */
  writeRow(line: string): void {
    this.rows++;
    this.writeRaw(line);
  }

  /** Starts a row written byte by byte: returns the chunk, with at least `maxBytes` free from `offset`. */
  beginRow(maxBytes: number): Buffer {
    if (maxBytes > this.chunkBytes - this.position) this.flush();
    this.rows++;
    return this.chunk;
  }

  get offset(): number {
    return this.position;
  }

  /** Ends a row started with beginRow: `end` is the offset after its last byte. */
  endRow(end: number): void {
    this.position = end;
  }

  private flush(): void {
    if (this.failure !== null) throw ioError('write', this.partialPath, this.failure);
    if (this.position === 0 || this.fd === null) return;
    const full = this.chunk;
    const raw = full.subarray(0, this.position);
    // The chunk now belongs to the pending write: continue in a spare one.
    this.chunk = this.spare.pop() ?? Buffer.allocUnsafe(this.chunkBytes);
    this.position = 0;
    // Each chunk is its own gzip member; a multi-member file is valid gzip (RFC 1952) and gunzip reads it whole.
    const data = this.gzip ? gzipSync(raw, { level: 6 }) : raw;
    this.hash?.update(data);
    const position = this.bytes;
    this.bytes += data.length;
    this.inFlight++;
    this.writeAt(this.fd, data, 0, position, full);
  }

  private writeAt(fd: number, data: Buffer, offset: number, position: number, chunk: Buffer): void {
    write(fd, data, offset, data.length - offset, position, (error, written) => {
      if (error) this.failure ??= error;
      else if (offset + written < data.length)
        return this.writeAt(fd, data, offset + written, position + written, chunk);
      if (this.spare.length < 4 && chunk.length === this.chunkBytes) this.spare.push(chunk);
      this.inFlight--;
      const wake = this.wakeUp;
      this.wakeUp = null;
      wake?.();
    });
  }

  /** Resolves once at most `maxInFlight` chunks are still being written. */
  async drain(maxInFlight = 4): Promise<void> {
    while (this.inFlight > maxInFlight) await new Promise<void>((resolve) => (this.wakeUp = resolve));
    if (this.failure !== null) throw ioError('write', this.partialPath, this.failure);
  }

  /** Flushes, waits for every write and closes the partial file without renaming it. */
  async close(): Promise<void> {
    this.flush();
    await this.drain(0);
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
  }

  async commit(): Promise<CommittedFile> {
    await this.close();
    try {
      renameSync(this.partialPath, this.path);
    } catch (error) {
      throw ioError('rename into place', this.path, error);
    }
    return { path: this.path, rows: this.rows, bytes: this.bytes, sha256: this.hash?.digest('hex') ?? '' };
  }

  /** Removes the partial file (after in-flight writes settle, so none lands after the removal). */
  async discard(): Promise<void> {
    await this.drain(0).catch(() => undefined);
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // Already failing: the partial file is removed below either way.
      }
      this.fd = null;
    }
    rmSync(this.partialPath, { force: true });
  }
}
