import { checkCompose, checkDisk, checkDockerEngine, checkMemory, checkPort } from './system-checks';
import { checkClickHouse, checkKafka, checkPostgres, checkRedis, checkS3, type ServiceUrls } from './service-checks';
import type { CheckResult } from './types';

/** The host ports docker-compose.yml publishes, with the .env variable that moves each. */
export const composePorts = [
  { name: 'Kafka', port: 9092, envVar: 'KAFKA_HOST_PORT' },
  { name: 'PostgreSQL', port: 5432, envVar: 'POSTGRES_HOST_PORT' },
  { name: 'MinIO API', port: 9000, envVar: 'MINIO_HOST_PORT' },
  { name: 'MinIO console', port: 9001, envVar: 'MINIO_CONSOLE_HOST_PORT' },
  { name: 'Redis', port: 6379, envVar: 'REDIS_HOST_PORT' },
  { name: 'ClickHouse HTTP', port: 8123, envVar: 'CLICKHOUSE_HTTP_HOST_PORT' },
  { name: 'ClickHouse native', port: 9009, envVar: 'CLICKHOUSE_NATIVE_HOST_PORT' },
] as const;

export interface DoctorOptions {
  urls: ServiceUrls;
  /** 'preflight': before `docker compose up` (ports must be free); 'services': the services should be up. */
  mode: 'preflight' | 'services';
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
  results.push(checkMemory());
  results.push(await checkDisk(options.diskPath ?? process.cwd()));
  if (options.mode === 'preflight') {
    for (const port of options.ports ?? composePorts) results.push(await checkPort(port.name, port.port, port.envVar));
    return results;
  }
  const services = await Promise.all([
    checkKafka(options.urls.kafkaBrokers),
    checkPostgres(options.urls.databaseUrl),
    checkS3(options.urls),
    checkRedis(options.urls.redisUrl),
    checkClickHouse(options.urls.clickhouseUrl),
  ]);
  return [...results, ...services];
}
