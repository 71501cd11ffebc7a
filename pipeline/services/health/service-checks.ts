import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { startCommand, type CheckResult, type StartRoute } from './check-result';
import { probeKafkaProtocol } from './kafka-protocol-probe';

/**
 * The doctor's checks of each service of the services tier, also run before a services-tier run starts (a run
 * whose services are down fails at once with the check's reason). Each check uses short timeouts and no retries,
 * and its fix names the command for the learner's route (`npm run services -- up`, or Docker).
 */
export interface ServiceUrls {
  kafkaBrokers: string;
  databaseUrl: string;
  s3Endpoint: string;
  s3Bucket: string;
  s3AccessKeyId: string;
  s3SecretAccessKey: string;
  redisUrl: string;
  cassandraContactPoints: string;
  clickhouseUrl?: string;
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error);
}

/** Whether an error says nothing answers at the address (rather than that something answered and refused). */
export const refused = (text: string): boolean =>
  /ECONNREFUSED|connect ETIMEDOUT|getaddrinfo|Connection error|ENOTFOUND/i.test(text);

export async function checkKafka(brokers: string, route: StartRoute = 'either'): Promise<CheckResult> {
  const kafka = new Kafka({
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    // kafkajs waits 30 s for an answer by default: a server that accepts the connection and says nothing (not
    // Kafka) would hold the check, and a run's preflight, that long.
    requestTimeout: 5_000,
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
    return { name: 'Kafka', status: 'fail', ...(await diagnoseKafka(brokers, errorText(error), route)) };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Why kafkajs could not use the address: nothing there, another kind of server, or a Kafka that advertises elsewhere. */
async function diagnoseKafka(
  brokers: string,
  text: string,
  route: StartRoute,
): Promise<{ detail: string; fix: string }> {
  const first = brokers.split(',')[0]?.trim() ?? brokers;
  const probe = await probeKafkaProtocol(first);
  if (probe.kind === 'unreachable') {
    return {
      detail: `cannot reach Kafka at ${brokers}: ${probe.reason}`,
      fix: `Nothing answers there: ${startCommand(route, 'kafka')}, or fix KAFKA_BROKERS in .env.`,
    };
  }
  if (probe.kind !== 'kafka') {
    const answer = probe.kind === 'other' ? `it answered ${probe.answer}` : 'it said nothing';
    return {
      detail: `${first} is not a Kafka broker: ${answer} to a Kafka ApiVersions request`,
      fix:
        "Another program listens on that port: set KAFKA_BROKERS in .env to the broker's address " +
        `(\`npm run services -- status\` shows the stack's), or free the port and start Kafka: ${startCommand(route, 'kafka')}.`,
    };
  }
  return {
    detail: `Kafka answers at ${first}, but the client could not use it: ${text}`,
    fix:
      'The broker advertises an address you cannot reach (the client connects to the advertised address after the ' +
      'first request): its advertised.listeners (KAFKA_ADVERTISED_LISTENERS in Docker) must name an address this ' +
      'machine can reach, such as localhost:9092.',
  };
}

export async function checkPostgres(databaseUrl: string, route: StartRoute = 'either'): Promise<CheckResult> {
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
        ? `${startCommand(route, 'postgres')}, or point DATABASE_URL in .env at a running server.`
        : 'Check the user, password and database name in DATABASE_URL.',
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkS3(
  urls: Pick<ServiceUrls, 's3Endpoint' | 's3Bucket' | 's3AccessKeyId' | 's3SecretAccessKey'>,
  route: StartRoute = 'either',
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
    return { name: 'S3', status: 'ok', detail: `bucket ${urls.s3Bucket} at ${urls.s3Endpoint}` };
  } catch (error) {
    // HeadBucket has no response body, so a missing bucket is a bare 404 whose message is "UnknownError": the
    // status code and the error's name say what happened, the message does not.
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const name = error instanceof Error ? error.name : '';
    const missingBucket = status === 404 || name === 'NotFound' || name === 'NoSuchBucket';
    const forbidden = status === 403;
    const text = errorText(error);
    const detail = missingBucket
      ? `bucket ${urls.s3Bucket} does not exist at ${urls.s3Endpoint}`
      : forbidden
        ? `${urls.s3Endpoint} refused the keys for bucket ${urls.s3Bucket} (403 ${name})`
        : `${urls.s3Endpoint}: ${text}`;
    const createIt =
      route === 'services'
        ? "`npm run services -- down && npm run services -- up` creates S3_BUCKET in the stack's S3 server"
        : '`npm run services -- down && npm run services -- up` creates it on the stack without Docker; with Docker, ' +
          '`docker compose up minio-setup` (or `mc mb local/<bucket>`)';
    return {
      name: 'S3',
      status: 'fail',
      detail,
      fix: missingBucket
        ? `${createIt}, or set S3_BUCKET in .env to a bucket that exists.`
        : forbidden
          ? 'Check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY in .env.'
          : `${startCommand(route, 'minio')}, or fix S3_ENDPOINT and the keys in .env.`,
    };
  } finally {
    client.destroy();
  }
}

export async function checkRedis(redisUrl: string, route: StartRoute = 'either'): Promise<CheckResult> {
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
      fix: `${startCommand(route, 'redis')}, or point REDIS_URL in .env at a running server.`,
    };
  } finally {
    redis.disconnect();
  }
}

export async function checkClickHouse(
  url: string | undefined,
  route: StartRoute = 'either',
): Promise<CheckResult> {
  if (!url) {
    return {
      name: 'ClickHouse',
      status: 'skip',
      detail:
        route === 'services'
          ? 'CLICKHOUSE_URL is not set (optional: the marts are built in DuckDB either way)'
          : 'CLICKHOUSE_URL is not set (optional: `docker compose --profile analytics up -d`)',
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
      fix:
        route === 'services'
          ? 'Start the ClickHouse server CLICKHOUSE_URL names, or unset CLICKHOUSE_URL to build the marts in DuckDB.'
          : '`docker compose --profile analytics up -d clickhouse`, or unset CLICKHOUSE_URL to build the marts in DuckDB.',
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
