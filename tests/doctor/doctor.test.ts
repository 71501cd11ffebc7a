import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/services/kafka-broker';
import { checkKafka, checkPostgres, checkRedis } from '../../pipeline/services/health/service-checks';
import { checkPort, isPortFree } from '../../scripts/doctor/system-checks';
import { runDoctor } from '../../scripts/doctor/run-doctor';

// Real sockets and the real PostgreSQL and Redis of this machine; nothing is faked.
describe('npm run doctor', () => {
  let squatter: Server;
  let takenPort: number;

  beforeAll(async () => {
    takenPort = await freePort();
    squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(takenPort, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => squatter.close(() => resolve())));

  it('reports a taken port with the .env variable that moves it', async () => {
    expect(await isPortFree(takenPort)).toBe(false);
    const result = await checkPort('Kafka', takenPort, 'KAFKA_HOST_PORT');
    expect(result.status).toBe('fail');
    expect(result.detail).toContain(`port ${takenPort} is already taken`);
    expect(result.fix).toContain('KAFKA_HOST_PORT=');
    expect(result.fix).toContain(`lsof -nP -iTCP:${takenPort}`);
  });

  it('reports a free port as ok', async () => {
    const port = await freePort();
    expect((await checkPort('Redis', port, 'REDIS_HOST_PORT')).status).toBe('ok');
  });

  it('diagnoses a stopped service and says how to start it', async () => {
    const closedPort = await freePort();
    const result = await checkRedis(`redis://127.0.0.1:${closedPort}`);
    expect(result.status).toBe('fail');
    expect(result.detail).toContain('cannot reach');
    expect(result.fix).toContain('docker compose up -d redis');
  });

  it('finds a running service healthy', async () => {
    expect((await checkRedis('redis://127.0.0.1:6379')).status).toBe('ok');
    const postgres = await checkPostgres('postgres://postgres@127.0.0.1:5432/postgres');
    expect(postgres.status).toBe('ok');
    expect(postgres.detail).toMatch(/server \d+/);
  });

  it('tells a wrong password or role apart from a stopped server', async () => {
    const result = await checkPostgres('postgres://no_such_role:secret@127.0.0.1:5432/postgres');
    expect(result.status).toBe('fail');
    expect(result.detail).not.toContain('secret');
    expect(result.fix).toContain('DATABASE_URL');
  });

  it('preflight lists every failing port in one run', async () => {
    const results = await runDoctor({
      mode: 'preflight',
      skipDocker: true,
      ports: [{ name: 'Kafka', port: takenPort, envVar: 'KAFKA_HOST_PORT' }],
      urls: {
        kafkaBrokers: 'x',
        databaseUrl: 'x',
        s3Endpoint: 'x',
        s3Bucket: 'x',
        s3AccessKeyId: 'x',
        s3SecretAccessKey: 'x',
        redisUrl: 'x',
        cassandraContactPoints: 'x',
      },
    });
    expect(results.map((result) => result.name)).toEqual(['Memory', 'Disk', `Port ${takenPort} (Kafka)`]);
    expect(results.at(-1)?.status).toBe('fail');
  });

  it('says a Kafka address that is another kind of server is not Kafka, without advertised-listener advice', async () => {
    const http = createHttpServer((_request, response) => response.end('hello'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const address = http.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const result = await checkKafka(`127.0.0.1:${port}`);
      expect(result.status).toBe('fail');
      expect(result.detail).toContain(`127.0.0.1:${port} is not a Kafka broker`);
      expect(result.detail).toContain('HTTP/1.1 400');
      expect(result.fix).not.toMatch(/advertis/i);
      expect(result.fix).toContain('KAFKA_BROKERS');
    } finally {
      http.close();
    }
  });

  it('without Docker names `npm run services -- up` and never `docker compose`', async () => {
    const closed = await freePort();
    const kafka = await checkKafka(`127.0.0.1:${closed}`, 'services');
    expect(kafka.detail).toContain('cannot reach Kafka');
    expect(kafka.fix).toContain('npm run services -- up');
    const results = await runDoctor({
      mode: 'services',
      skipDocker: true,
      route: 'services',
      urls: {
        kafkaBrokers: `127.0.0.1:${closed}`,
        databaseUrl: `postgres://postgres@127.0.0.1:${closed}/postgres`,
        s3Endpoint: `http://127.0.0.1:${closed}`,
        s3Bucket: 'pipeline-lab',
        s3AccessKeyId: 'x',
        s3SecretAccessKey: 'x',
        redisUrl: `redis://127.0.0.1:${closed}`,
        cassandraContactPoints: `127.0.0.1:${closed}`,
      },
    });
    expect(results.filter((result) => result.status === 'fail').map((result) => result.name)).toEqual([
      'Kafka',
      'PostgreSQL',
      'S3',
      'Redis',
      'Cassandra',
    ]);
    for (const result of results) {
      expect(`${result.detail} ${result.fix ?? ''}`).not.toMatch(/docker/i);
    }
    expect(results.find((result) => result.name === 'Redis')?.fix).toContain('npm run services -- up');
    const cassandra = results.find((result) => result.name === 'Cassandra');
    expect(cassandra?.detail).toContain(`cannot use Cassandra at 127.0.0.1:${closed}`);
    expect(cassandra?.fix).toContain('npm run services -- up');
  });

  it('with both routes open names both commands', async () => {
    const result = await checkRedis(`redis://127.0.0.1:${await freePort()}`, 'either');
    expect(result.fix).toContain('npm run services -- up');
    expect(result.fix).toContain('docker compose up -d redis');
  });

  it('preflight without Docker checks Java and the jars, and a taken stack port is only a warning', async () => {
    const results = await runDoctor({
      mode: 'preflight',
      skipDocker: true,
      route: 'services',
      ports: [{ name: 'Kafka', port: takenPort, envVar: 'KAFKA_BROKERS' }],
      urls: {
        kafkaBrokers: 'x',
        databaseUrl: 'x',
        s3Endpoint: 'x',
        s3Bucket: 'x',
        s3AccessKeyId: 'x',
        s3SecretAccessKey: 'x',
        redisUrl: 'x',
        cassandraContactPoints: 'x',
      },
    });
    expect(results.map((result) => result.name)).toEqual([
      'Memory',
      'Disk',
      'Java',
      'Kafka, S3 and Cassandra jars',
      `Port ${takenPort} (Kafka)`,
    ]);
    expect(results.find((result) => result.name === 'Java')?.detail).toMatch(/^Java \d+/);
    expect(results.at(-1)).toMatchObject({ status: 'warn' });
    expect(results.at(-1)?.fix).toContain('npm run services -- up');
    for (const result of results) expect(result.fix ?? '').not.toMatch(/docker/i);
  });
});
