import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PipelineError } from '../../contracts/errors';
import type { KeyValueStore } from '../../contracts/services';

/**
 * The embedded tier's key-value store: one file per key in a directory (the speed layer keeps
 * `<runDir>/speed/snapshot.json` this way, where the web console reads it). Redis gives the services tier the
 * same contract. A set writes a temporary file, fsyncs it and renames it over the old one, so after a crash a
 * reader finds the old value or the whole new one, which is what "state that survives a restart" needs.
 */
export class FileKeyValueStore implements KeyValueStore {
  readonly directory: string;

  constructor(directory: string) {
    this.directory = resolve(directory);
  }

  /**
   * Any string is a valid key, as in Redis: it is percent-encoded into one file name, so '/' or '..' cannot
   * leave the directory. A leading '.' is encoded too, which keeps the '.tmp-' names of half-written files
   * apart from every key.
   */
  pathOf(key: string): string {
    if (typeof key !== 'string' || key.length === 0)
      throw new PipelineError('INVALID_ARGUMENT', 'A key-value store key must be a non-empty string.');
    const name = encodeURIComponent(key).replace(/^\./, '%2E');
    // Most file systems cap a name at 255 bytes; say so instead of failing with ENAMETOOLONG.
    if (Buffer.byteLength(name) > 255)
      throw new PipelineError(
        'INVALID_ARGUMENT',
        `Key ${JSON.stringify(key.slice(0, 40))}… is too long for a file name.`,
      );
    return join(this.directory, name);
  }

  async get(key: string): Promise<string | null> {
    try {
      return await readFile(this.pathOf(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new PipelineError('IO_ERROR', `Cannot read key ${JSON.stringify(key)} in ${this.directory}.`, {
        cause: error,
      });
    }
  }

  async set(key: string, value: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(this.directory, { recursive: true });
    const temporary = join(this.directory, `.tmp-${randomBytes(6).toString('hex')}`);
    try {
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(value, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw new PipelineError('IO_ERROR', `Cannot write key ${JSON.stringify(key)} in ${this.directory}.`, {
        cause: error,
      });
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
