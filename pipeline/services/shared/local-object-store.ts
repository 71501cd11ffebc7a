import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PipelineError } from '../../contracts/errors';
import type { ObjectInfo, ObjectStore } from '../../contracts/services';
import { describeFsError } from '../../core/fs-errors';

/**
 * The lake on the local file system. Keys are '/'-separated paths below the root; a key that would escape the
 * root (`..`, an absolute path, a NUL byte) is refused. Writes go to a temporary file that is fsynced and then
 * renamed, so a reader (or a process restarted after a crash) sees the old object or the whole new one.
 */
export class LocalObjectStore implements ObjectStore {
  readonly root: string;
  private temporaryCounter = 0;

  constructor(root: string) {
    this.root = resolve(root);
  }

  localPath(key: string): string {
    if (
      typeof key !== 'string' ||
      key.length === 0 ||
      key.length > 1024 ||
      key.includes('\0') ||
      key.startsWith('/') ||
      key.includes('\\')
    ) {
      throw new PipelineError(
        'INVALID_ARGUMENT',
        `Object key ${JSON.stringify(key)} is not a relative '/'-separated path.`,
      );
    }
    if (key.split('/').some((part) => part === '..' || part === '.' || part === '')) {
      throw new PipelineError(
        'INVALID_ARGUMENT',
        `Object key ${JSON.stringify(key)} may not contain '.', '..' or empty segments.`,
      );
    }
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) {
      throw new PipelineError('INVALID_ARGUMENT', `Object key ${JSON.stringify(key)} escapes the lake root.`);
    }
    return path;
  }

  private readonly knownDirectories = new Set<string>();

  private async ensureDirectory(dir: string): Promise<void> {
    if (this.knownDirectories.has(dir)) return;
    await mkdir(dir, { recursive: true });
    this.knownDirectories.add(dir);
  }

  /**
   * Writes every object to a temporary file, flushes them all concurrently, then renames each into place:
   * the same atomicity as put() with one round of fsyncs instead of one per object (a window of the ingest
   * lands dozens of date partitions at once).
   */
  async putMany(objects: Array<{ key: string; body: Buffer | string }>): Promise<void> {
    const staged = objects.map(({ key, body }) => {
      const path = this.localPath(key);
      return { key, body, path, temporary: this.temporaryFor(path) };
    });
    try {
      await Promise.all(
        staged.map(async ({ path, temporary, body }) => {
          await this.ensureDirectory(dirname(path));
          const handle = await open(temporary, 'w');
          try {
            await handle.writeFile(body);
            await handle.sync();
          } finally {
            await handle.close();
          }
        }),
      );
      await Promise.all(staged.map(({ temporary, path }) => rename(temporary, path)));
    } catch (cause) {
      await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })));
      throw new PipelineError(
        'IO_ERROR',
        `Could not write ${objects
          .map((object) => object.key)
          .slice(0, 3)
          .join(
            ', ',
          )}${objects.length > 3 ? ' …' : ''} to the lake at ${this.root}: ${describeFsError(cause, this.root)}.`,
        { cause },
      );
    }
  }

  private temporaryFor(path: string): string {
    return `${path}.tmp-${process.pid}-${++this.temporaryCounter}`;
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    await this.putMany([{ key, body }]);
  }

  async putStream(key: string, body: Readable): Promise<void> {
    const path = this.localPath(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = this.temporaryFor(path);
    try {
      await pipeline(body, createWriteStream(temporary, { flush: true }));
      await rename(temporary, path);
    } catch (cause) {
      await rm(temporary, { force: true });
      throw new PipelineError(
        'IO_ERROR',
        `Could not stream ${key} into the lake at ${this.root}: ${describeFsError(cause, this.root)}.`,
        { cause },
      );
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.localPath(key));
    } catch (cause) {
      throw this.missing(key, cause);
    }
  }

  async getStream(key: string): Promise<Readable> {
    const path = this.localPath(key);
    try {
      await stat(path);
    } catch (cause) {
      throw this.missing(key, cause);
    }
    return createReadStream(path);
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await lstat(this.localPath(key))).isFile();
    } catch {
      return false;
    }
  }

  /** Every object whose key starts with the prefix, sorted by key (temporary files are not objects). */
  async list(prefix: string): Promise<ObjectInfo[]> {
    const start = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const base = start === '' ? this.root : this.localPath(start);
    const found: ObjectInfo[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile() && !entry.name.includes('.tmp-')) {
          const key = relative(this.root, full).split(sep).join('/');
          if (!key.startsWith(prefix)) continue;
          const info = await stat(full);
          found.push({ key, size: info.size, modifiedAt: info.mtimeMs });
        }
      }
    };
    await walk(base);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    await rm(this.localPath(key), { force: true });
  }

  private missing(key: string, cause: unknown): PipelineError {
    return new PipelineError('NOT_FOUND', `No object ${key} in the lake at ${this.root}.`, { cause });
  }
}
