import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/services/kafka-broker';
import { checkPostgres, checkRedis } from '../../scripts/doctor/service-checks';
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
      },
    });
    expect(results.map((result) => result.name)).toEqual(['Memory', 'Disk', `Port ${takenPort} (Kafka)`]);
    expect(results.at(-1)?.status).toBe('fail');
  });
});
