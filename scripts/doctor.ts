/**
 * `npm run doctor`: diagnoses the services tier on either route. With Docker: the engine and Compose v2, memory
 * and disk, then either the ports docker-compose.yml needs (`--preflight`) or each service's health (default).
 * Without Docker (`--no-docker`, implied once `npm run services -- up` wrote .data/services/services.env): Java,
 * the jars and the stack's ports (`--preflight`) or each service's health, with fixes that name
 * `npm run services`, never Docker. Prints a specific fix for every failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { servicesEnvFilePath, withServicesEnvFile } from '../pipeline/services/services-env-file';
import { runDoctor } from './doctor/run-doctor';
import type { CheckResult } from './doctor/types';

/** The environment over .env over the addresses `npm run services -- up` wrote, as the CLI and the app read them. */
function loadEnv(): Record<string, string | undefined> {
  const fromFile = existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')) : {};
  return withServicesEnvFile({ ...fromFile, ...process.env });
}

const env = loadEnv();
const args = new Set(process.argv.slice(2));
// Once `npm run services -- up` has written its addresses, the learner is on the route without Docker.
const withoutDocker = args.has('--no-docker') || existsSync(servicesEnvFilePath(env));
const results = await runDoctor({
  mode: args.has('--preflight') ? 'preflight' : 'services',
  skipDocker: withoutDocker,
  route: withoutDocker ? 'services' : 'either',
  urls: {
    kafkaBrokers: env.KAFKA_BROKERS ?? 'localhost:9092',
    databaseUrl: env.DATABASE_URL ?? 'postgres://pipeline:pipeline@localhost:5432/pipeline_lab',
    s3Endpoint: env.S3_ENDPOINT ?? 'http://localhost:9000',
    s3Bucket: env.S3_BUCKET ?? 'pipeline-lab',
    s3AccessKeyId: env.S3_ACCESS_KEY_ID ?? 'pipeline',
    s3SecretAccessKey: env.S3_SECRET_ACCESS_KEY ?? 'pipeline-secret',
    redisUrl: env.REDIS_URL ?? 'redis://localhost:6379',
    cassandraContactPoints: env.CASSANDRA_CONTACT_POINTS ?? 'localhost:9042',
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
