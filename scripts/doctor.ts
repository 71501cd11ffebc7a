/**
 * `npm run doctor`: preflight for the services tier. Checks the Docker engine and Compose v2, memory and
 * disk, then either the ports docker-compose.yml needs (`--preflight`) or each service's health (default),
 * and prints a specific fix for every failure. Works without Docker against URLs from .env.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { withServicesEnvFile } from '../pipeline/services/services-env-file';
import { runDoctor } from './doctor/run-doctor';
import type { CheckResult } from './doctor/types';

/** The environment over .env over the addresses `npm run services -- up` wrote, as the CLI and the app read them. */
function loadEnv(): Record<string, string | undefined> {
  const fromFile = existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')) : {};
  return withServicesEnvFile({ ...fromFile, ...process.env });
}

const env = loadEnv();
const args = new Set(process.argv.slice(2));
const results = await runDoctor({
  mode: args.has('--preflight') ? 'preflight' : 'services',
  skipDocker: args.has('--no-docker'),
  urls: {
    kafkaBrokers: env.KAFKA_BROKERS ?? 'localhost:9092',
    databaseUrl: env.DATABASE_URL ?? 'postgres://pipeline:pipeline@localhost:5432/pipeline_lab',
    s3Endpoint: env.S3_ENDPOINT ?? 'http://localhost:9000',
    s3Bucket: env.S3_BUCKET ?? 'pipeline-lab',
    s3AccessKeyId: env.S3_ACCESS_KEY_ID ?? 'pipeline',
    s3SecretAccessKey: env.S3_SECRET_ACCESS_KEY ?? 'pipeline-secret',
    redisUrl: env.REDIS_URL ?? 'redis://localhost:6379',
    clickhouseUrl: env.CLICKHOUSE_URL,
  },
});

const symbol: Record<CheckResult['status'], string> = { ok: '✔', warn: '!', fail: '✘', skip: '–' };
for (const result of results) {
  console.log(`${symbol[result.status]} ${result.name.padEnd(26)} ${result.detail}`);
  if (result.fix && result.status !== 'ok') console.log(`  → ${result.fix}`);
}
const failed = results.filter((result) => result.status === 'fail').length;
console.log(failed === 0 ? '\nAll checks passed.' : `\n${failed} check(s) failed: see the fixes above.`);
process.exitCode = failed === 0 ? 0 : 1;
