import { checkCassandra } from '../../pipeline/services/health/cassandra-check';
import type { CheckResult, StartRoute } from '../../pipeline/services/health/check-result';
import {
  checkClickHouse,
  checkKafka,
  checkPostgres,
  checkRedis,
  checkS3,
  type ServiceUrls,
} from '../../pipeline/services/health/service-checks';
import { checkStackPort, checkStackTools } from './stack-checks';
import { checkCompose, checkDisk, checkDockerEngine, checkMemory, checkPort } from './system-checks';

/** The host ports docker-compose.yml publishes, with the .env variable that moves each. */
export const composePorts = [
  { name: 'Kafka', port: 9092, envVar: 'KAFKA_HOST_PORT' },
  { name: 'PostgreSQL', port: 5432, envVar: 'POSTGRES_HOST_PORT' },
  { name: 'MinIO API', port: 9000, envVar: 'MINIO_HOST_PORT' },
  { name: 'MinIO console', port: 9001, envVar: 'MINIO_CONSOLE_HOST_PORT' },
  { name: 'Redis', port: 6379, envVar: 'REDIS_HOST_PORT' },
  { name: 'Cassandra CQL', port: 9042, envVar: 'CASSANDRA_HOST_PORT' },
  { name: 'ClickHouse HTTP', port: 8123, envVar: 'CLICKHOUSE_HTTP_HOST_PORT' },
  { name: 'ClickHouse native', port: 9009, envVar: 'CLICKHOUSE_NATIVE_HOST_PORT' },
] as const;

/** The ports `npm run services -- up` prefers (it takes free ones when these are taken). */
export const stackPorts = [
  { name: 'Kafka', port: 9092, envVar: 'KAFKA_BROKERS' },
  { name: 'S3', port: 9000, envVar: 'S3_ENDPOINT' },
  { name: 'Cassandra', port: 9042, envVar: 'CASSANDRA_CONTACT_POINTS' },
] as const;

export interface DoctorOptions {
  urls: ServiceUrls;
  /** 'preflight': before starting the services (tools, ports); 'services': the services should be up. */
  mode: 'preflight' | 'services';
  /**
   * 'services': the learner runs without Docker (`--no-docker`, or `npm run services -- up` wrote services.env):
   * fixes name `npm run services`, never Docker. 'either' (default): both routes are open.
   */
  route?: StartRoute;
  ports?: ReadonlyArray<{ name: string; port: number; envVar: string }>;
  skipDocker?: boolean;
  diskPath?: string;
}

export async function runDoctor(options: DoctorOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  if (!options.skipDocker) {
    const engine = await checkDockerEngine();
    results.push(engine);
    if (engine.status === 'ok') results.push(await checkCompose());
  }
  const route = options.route ?? 'either';
  results.push(checkMemory(4, route));
  results.push(await checkDisk(options.diskPath ?? process.cwd(), 5, route));
  if (options.mode === 'preflight' && route === 'services') {
    results.push(...checkStackTools());
    for (const port of options.ports ?? stackPorts) results.push(await checkStackPort(port.name, port.port));
    return results;
  }
  if (options.mode === 'preflight') {
    for (const port of options.ports ?? composePorts)
      results.push(await checkPort(port.name, port.port, port.envVar));
    return results;
  }
  const services = await Promise.all([
    checkKafka(options.urls.kafkaBrokers, route),
    checkPostgres(options.urls.databaseUrl, route),
    checkS3(options.urls, route),
    checkRedis(options.urls.redisUrl, route),
    checkCassandra(options.urls.cassandraContactPoints, route),
    checkClickHouse(options.urls.clickhouseUrl, route),
  ]);
  return [...results, ...services];
}
