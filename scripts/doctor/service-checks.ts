import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import type { CheckResult } from './types';

export interface ServiceUrls {
  kafkaBrokers: string;
  databaseUrl: string;
  s3Endpoint: string;
  s3Bucket: string;
  s3AccessKeyId: string;
  s3SecretAccessKey: string;
  redisUrl: string;
  clickhouseUrl?: string;
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error);
}

/** Whether an error says nothing answers at the address (rather than that something answered and refused). */
export const refused = (text: string): boolean =>
  /ECONNREFUSED|connect ETIMEDOUT|getaddrinfo|Connection error|ENOTFOUND/i.test(text);

export async function checkKafka(brokers: string): Promise<CheckResult> {
  const kafka = new Kafka({
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    const advertised = cluster.brokers.map((broker) => `${broker.host}:${broker.port}`).join(', ');
    return {
      name: 'Kafka',
      status: 'ok',
      detail: `${cluster.brokers.length} broker(s), advertised as ${advertised}`,
    };
  } catch (error) {
    const text = errorText(error);
    return {
      name: 'Kafka',
      status: 'fail',
      detail: `cannot reach Kafka at ${brokers}: ${text}`,
      fix: refused(text)
        ? 'Nothing answers there: `docker compose up -d kafka` and wait for "healthy" (`docker compose ps`), or fix KAFKA_BROKERS in .env.'
        : 'The broker answered but the client could not use it: if it connects and then times out, the broker advertises an ' +
          'address you cannot reach (KAFKA_ADVERTISED_LISTENERS must say localhost:9092 for programs on your machine).',
    };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export async function checkPostgres(databaseUrl: string): Promise<CheckResult> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    const result = await client.query<{ version: string }>('SELECT current_setting($1) AS version', [
      'server_version',
    ]);
    const version = result.rows[0]?.version ?? 'unknown';
    // "15.20 (Debian 15.20-0+deb12u1)": the number is the version, the rest names the build.
    return {
      name: 'PostgreSQL',
      status: 'ok',
      detail: `server ${version}`,
      version: version.split(' ')[0] ?? version,
    };
  } catch (error) {
    const text = errorText(error);
    return {
      name: 'PostgreSQL',
      status: 'fail',
      detail: `cannot use ${redact(databaseUrl)}: ${text}`,
      fix: refused(text)
        ? '`docker compose up -d postgres`, or point DATABASE_URL in .env at a running server.'
        : 'Check the user, password and database name in DATABASE_URL.',
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkS3(
  urls: Pick<ServiceUrls, 's3Endpoint' | 's3Bucket' | 's3AccessKeyId' | 's3SecretAccessKey'>,
): Promise<CheckResult> {
  const client = new S3Client({
    endpoint: urls.s3Endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: urls.s3AccessKeyId, secretAccessKey: urls.s3SecretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });
  try {
    await client.send(new HeadBucketCommand({ Bucket: urls.s3Bucket }), {
      abortSignal: AbortSignal.timeout(4_000),
    });
    return { name: 'S3 (MinIO)', status: 'ok', detail: `bucket ${urls.s3Bucket} at ${urls.s3Endpoint}` };
  } catch (error) {
    const text = errorText(error);
    const missingBucket = /NotFound|NoSuchBucket|404/.test(text);
    return {
      name: 'S3 (MinIO)',
      status: 'fail',
      detail: `${urls.s3Endpoint}: ${missingBucket ? `bucket ${urls.s3Bucket} does not exist` : text}`,
      fix: missingBucket
        ? '`docker compose up minio-setup` creates it (or `mc mb local/pipeline-lab`).'
        : '`docker compose up -d minio`, or fix S3_ENDPOINT and the keys in .env.',
    };
  } finally {
    client.destroy();
  }
}

export async function checkRedis(redisUrl: string): Promise<CheckResult> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const pong = await redis.ping();
    const version = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';
    return { name: 'Redis', status: 'ok', detail: `${redact(redisUrl)} answered ${pong}`, version };
  } catch (error) {
    return {
      name: 'Redis',
      status: 'fail',
      detail: `cannot reach ${redact(redisUrl)}: ${errorText(error)}`,
      fix: '`docker compose up -d redis`, or point REDIS_URL in .env at a running server.',
    };
  } finally {
    redis.disconnect();
  }
}

export async function checkClickHouse(url: string | undefined): Promise<CheckResult> {
  if (!url) {
    return {
      name: 'ClickHouse',
      status: 'skip',
      detail: 'CLICKHOUSE_URL is not set (optional: `docker compose --profile analytics up -d`)',
    };
  }
  const parsed = new URL(url);
  try {
    const response = await fetch(`${parsed.protocol}//${parsed.host}/ping`, {
      signal: AbortSignal.timeout(3_000),
    });
    const body = await response.text();
    if (response.ok && body.trim() === 'Ok.')
      return { name: 'ClickHouse', status: 'ok', detail: `${parsed.host} answered Ok.` };
    return {
      name: 'ClickHouse',
      status: 'fail',
      detail: `${parsed.host} answered ${response.status}`,
      fix: 'Check CLICKHOUSE_URL: it is the HTTP port (8123), not the native one.',
    };
  } catch (error) {
    return {
      name: 'ClickHouse',
      status: 'fail',
      detail: `cannot reach ${parsed.host}: ${errorText(error)}`,
      fix: '`docker compose --profile analytics up -d clickhouse`, or unset CLICKHOUSE_URL to build the marts in DuckDB.',
    };
  }
}

/** Never print passwords from URLs. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
