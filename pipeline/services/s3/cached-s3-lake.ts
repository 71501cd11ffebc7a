import { createReadStream, existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { ObjectInfo, ObjectStore } from '../../contracts/services';
import { LocalObjectStore } from '../shared/local-object-store';
import type { S3ObjectStore } from './s3-object-store';

/**
 * The services tier's lake: S3 is the source of truth, and a local cache (`<runDir>/lake`) gives DuckDB files
 * to read, since offline DuckDB cannot read S3 itself (no httpfs). Writes go to the cache and then to S3;
 * list() asks S3 and fetches any object the cache lacks, so every listed key has a local file.
 */
export class CachedS3Lake implements ObjectStore {
  constructor(
    private readonly s3: S3ObjectStore,
    private readonly cache: LocalObjectStore,
  ) {}

  localPath(key: string): string {
    return this.cache.localPath(key);
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    await this.cache.put(key, body);
    await this.s3.put(key, body);
  }

  async putMany(objects: Array<{ key: string; body: Buffer | string }>): Promise<void> {
    await this.cache.putMany(objects);
    for (let start = 0; start < objects.length; start += 8) {
      await Promise.all(
        objects.slice(start, start + 8).map((object) => this.s3.put(object.key, object.body)),
      );
    }
  }

  async putStream(key: string, body: Readable): Promise<void> {
    await this.cache.putStream(key, body);
    await this.publishLocal(key);
  }

  async publishLocal(key: string): Promise<void> {
    await this.s3.putStream(key, createReadStream(this.cache.localPath(key)));
  }

  async get(key: string): Promise<Buffer> {
    if (await this.cache.exists(key)) return this.cache.get(key);
    const body = await this.s3.get(key);
    await this.cache.put(key, body);
    return body;
  }

  async getStream(key: string): Promise<Readable> {
    if (!(await this.cache.exists(key))) await this.cache.put(key, await this.s3.get(key));
    return this.cache.getStream(key);
  }

  exists(key: string): Promise<boolean> {
    return this.s3.exists(key);
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const objects = await this.s3.list(prefix);
    for (const object of objects) {
      if (!existsSync(this.cache.localPath(object.key)))
        await this.cache.put(object.key, await this.s3.get(object.key));
    }
    return objects;
  }

  async delete(key: string): Promise<void> {
    await Promise.all([this.cache.delete(key), this.s3.delete(key)]);
  }

  close(): void {
    this.s3.close();
  }
}
