import { existsSync } from 'node:fs';
import { PipelineError } from '../../contracts/errors';
import type { ServicesEnv } from '../../contracts/services-env';
import { servicesEnvFilePath } from '../services-env-file';
import { checkCassandra } from './cassandra-check';
import type { CheckResult, StartRoute } from './check-result';
import { checkClickHouse, checkKafka, checkPostgres, checkRedis, checkS3 } from './service-checks';

/** Without Docker once `npm run services -- up` has written its addresses here; otherwise both routes are open. */
export function startRouteHere(): StartRoute {
  return existsSync(servicesEnvFilePath()) ? 'services' : 'either';
}

/** The doctor's checks of the services the tier needs, side by side (each a few seconds at most, no retries). */
export function checkServicesTier(
  env: ServicesEnv,
  route: StartRoute = startRouteHere(),
): Promise<CheckResult[]> {
  return Promise.all([
    checkKafka(env.KAFKA_BROKERS, route),
    checkS3(
      {
        s3Endpoint: env.S3_ENDPOINT,
        s3Bucket: env.S3_BUCKET,
        s3AccessKeyId: env.S3_ACCESS_KEY_ID,
        s3SecretAccessKey: env.S3_SECRET_ACCESS_KEY,
      },
      route,
    ),
    checkPostgres(env.DATABASE_URL, route),
    checkRedis(env.REDIS_URL, route),
    checkCassandra(env.CASSANDRA_CONTACT_POINTS, route),
    ...(env.CLICKHOUSE_URL ? [checkClickHouse(env.CLICKHOUSE_URL, route)] : []),
  ]);
}

/** The failed checks as one line: each service's reason, then the fixes (each once). */
export function failureLine(failed: CheckResult[]): string {
  const reasons = failed.map((result) => `${result.name}: ${result.detail}`).join('; ');
  const fixes = [...new Set(failed.flatMap((result) => (result.fix ? [result.fix] : [])))].join(' ');
  return `${reasons}. ${fixes}`.trim();
}

/**
 * Before a services-tier run opens its clients: a run whose services are down fails here within seconds, with
 * the doctor's reason, instead of waiting out every client's retries (kafkajs alone took over a minute).
 * Not retriable: nothing a retry a second later could change.
 */
export async function assertServicesTierReachable(env: ServicesEnv, route?: StartRoute): Promise<void> {
  const failed = (await checkServicesTier(env, route)).filter((result) => result.status === 'fail');
  if (failed.length > 0)
    throw new PipelineError('SERVICE_UNAVAILABLE', failureLine(failed), { retriable: false });
}
