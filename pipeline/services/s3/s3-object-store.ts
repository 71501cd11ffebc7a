import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { PipelineError } from '../../contracts/errors';
import type { ObjectInfo, ObjectStore } from '../../contracts/services';

export interface S3ObjectStoreOptions {
  endpoint: string;
  bucket: string;
  region?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Keys are stored under this prefix, e.g. `runs/<runId>/lake/`. */
  prefix: string;
}

/**
 * The lake on S3 (MinIO, S3Mock or AWS). Path-style addressing and checksums only when required, as
 * S3-compatible servers expect; streams go through multipart uploads so a large object never sits in memory.
 * An S3 PUT is atomic by itself: readers see the old object or the new one.
 */
export class S3ObjectStore implements ObjectStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3ObjectStoreOptions) {
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private objectKey(key: string): string {
    if (
      key.length === 0 ||
      key.length > 1024 ||
      key.includes('\0') ||
      key.startsWith('/') ||
      key.split('/').some((part) => part === '..' || part === '.' || part === '')
    ) {
      throw new PipelineError(
        'INVALID_ARGUMENT',
        `Object key ${JSON.stringify(key)} is not a relative '/'-separated path.`,
      );
    }
    return `${this.options.prefix}${key}`;
  }

  private fail(action: string, key: string, cause: unknown): PipelineError {
    const name = typeof cause === 'object' && cause !== null && 'name' in cause ? String(cause.name) : '';
    if (name === 'NoSuchKey' || name === 'NotFound')
      return new PipelineError(
        'NOT_FOUND',
        `No object ${key} in s3://${this.options.bucket}/${this.options.prefix}.`,
        { cause },
      );
    if (/ECONNREFUSED|TimeoutError|socket/i.test(String(cause))) {
      return new PipelineError(
        'SERVICE_UNAVAILABLE',
        `${action} ${key}: S3 at ${this.options.endpoint} is not reachable. Try \`npm run doctor\`.`,
        { cause, retriable: true },
      );
    }
    return new PipelineError(
      'IO_ERROR',
      `${action} ${key} in s3://${this.options.bucket}: ${String(cause)}`,
      { cause },
    );
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    const objectKey = this.objectKey(key);
    try {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.options.bucket, Key: objectKey, Body: body }),
      );
    } catch (cause) {
      throw this.fail('Writing', key, cause);
    }
  }

  async putStream(key: string, body: Readable): Promise<void> {
    const objectKey = this.objectKey(key);
    try {
      await new Upload({
        client: this.client,
        params: { Bucket: this.options.bucket, Key: objectKey, Body: body },
        partSize: 8 * 1024 * 1024,
        queueSize: 2,
      }).done();
    } catch (cause) {
      throw this.fail('Streaming', key, cause);
    }
  }

  async get(key: string): Promise<Buffer> {
    const stream = await this.getStream(key);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }

  async getStream(key: string): Promise<Readable> {
    const objectKey = this.objectKey(key);
    try {
      const response = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: objectKey }),
      );
      if (!(response.Body instanceof Readable)) throw new Error('the response body is not a Node stream');
      return response.Body;
    } catch (cause) {
      throw this.fail('Reading', key, cause);
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(
        new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }),
      );
      return true;
    } catch (cause) {
      const error = this.fail('Checking', key, cause);
      if (error.code === 'NOT_FOUND') return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const found: ObjectInfo[] = [];
    let token: string | undefined;
    do {
      const page: ListObjectsV2CommandOutput = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.options.bucket,
          Prefix: `${this.options.prefix}${prefix}`,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        found.push({
          key: object.Key.slice(this.options.prefix.length),
          size: object.Size ?? 0,
          modifiedAt: object.LastModified?.getTime() ?? 0,
        });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }),
      );
    } catch (cause) {
      throw this.fail('Deleting', key, cause);
    }
  }

  close(): void {
    this.client.destroy();
  }
}
