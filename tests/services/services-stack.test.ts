import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv, promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { checkPostgres, checkRedis } from '../../pipeline/services/health/service-checks';

/**
 * `npm run services -- up | status | down` as a learner runs it: a subprocess in a folder of its own (no .env),
 * starting a real Kafka and S3 server from the Maven jars on free ports, using this machine's PostgreSQL and Redis.
 */
const execFileAsync = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'services-stack-'));
const dir = join(work, 'services');
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const script = join(process.cwd(), 'scripts', 'services.ts');
const env = {
  ...process.env,
  PIPELINE_LAB_SERVICES_DIR: dir,
  DATABASE_URL: inject('databaseUrl'),
  REDIS_URL: inject('redisUrl'),
  // The suite's Cassandra node: up uses a node that answers there rather than starting a second JVM.
  CASSANDRA_CONTACT_POINTS: inject('cassandraContactPoints'),
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
let bystander: ChildProcess | undefined;

async function services(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await execFileAsync(tsx, [script, ...args], {
      cwd: work,
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

interface Status {
  name: string;
  version: string;
  address: string;
  health: string;
  managed: boolean;
  pid?: number;
}

async function status(): Promise<{ code: number; byName: Map<string, Status> }> {
  const { code, stdout } = await services('status', '--json');
  const statuses = JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as Status[];
  return { code, byName: new Map(statuses.map((entry) => [entry.name, entry])) };
}

const generated = () => parseEnv(readFileSync(join(dir, 'services.env'), 'utf8'));
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function topics(brokers: string): Promise<string[]> {
  const admin = new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

afterAll(async () => {
  await services('down');
  bystander?.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

describe('npm run services', () => {
  it('starts Kafka and S3, keeps their data across down and up, and stops only what it started', async () => {
    const up = await services('up', '--any-ports');
    expect(up.stdout).toContain('All services are up');
    expect(up.code).toBe(0);
    const written = generated();
    expect(written.KAFKA_BROKERS).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(written.S3_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(written.DATABASE_URL).toBe(inject('databaseUrl'));
    expect(written.REDIS_URL).toBe(inject('redisUrl'));

    const first = await status();
    expect(first.code).toBe(0);
    expect(first.byName.get('Kafka')).toMatchObject({
      version: '3.9.1',
      address: written.KAFKA_BROKERS,
      health: 'healthy',
      managed: true,
    });
    expect(first.byName.get('S3')).toMatchObject({
      version: 'S3Mock 4.7.0',
      health: 'healthy',
      managed: true,
    });
    expect(first.byName.get('PostgreSQL')).toMatchObject({ health: 'healthy', managed: false });
    expect(first.byName.get('PostgreSQL')?.version).toMatch(/^\d+\.\d+/);
    expect(first.byName.get('Redis')).toMatchObject({ health: 'healthy', managed: false });
    expect(written.CASSANDRA_CONTACT_POINTS).toBe(inject('cassandraContactPoints'));
    expect(first.byName.get('Cassandra')).toMatchObject({
      version: '5.0.6',
      address: inject('cassandraContactPoints'),
      health: 'healthy',
      managed: false,
    });

    // State the learner makes: a topic, and an object in the bucket.
    const admin = new Kafka({ brokers: [written.KAFKA_BROKERS ?? ''], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'kept-across-restarts', numPartitions: 2 }] });
    await admin.disconnect();
    const objectUrl = `${written.S3_ENDPOINT}/${written.S3_BUCKET}/runs/kept/object.txt`;
    expect((await fetch(objectUrl, { method: 'PUT', body: 'still here' })).status).toBe(200);

    // A pid file naming a process that is not ours (a pid reused after a reboot) must not make down kill it.
    bystander = spawn('sleep', ['300'], { stdio: 'ignore' });
    const kafkaPid = first.byName.get('Kafka')?.pid ?? 0;
    const s3Pid = first.byName.get('S3')?.pid ?? 0;
    mkdirSync(join(dir, 'redis'), { recursive: true });
    writeFileSync(join(dir, 'redis', 'state.json'), JSON.stringify({ port: 6379 }));
    writeFileSync(join(dir, 'redis', 'redis.pid'), `${bystander.pid}\n`);

    const down = await services('down');
    expect(down.code).toBe(0);
    expect(isAlive(kafkaPid)).toBe(false);
    expect(isAlive(s3Pid)).toBe(false);
    expect(isAlive(bystander.pid ?? 0)).toBe(true);
    expect((await checkPostgres(inject('databaseUrl'))).status).toBe('ok');
    expect((await checkRedis(inject('redisUrl'))).status).toBe('ok');
    const stopped = await status();
    expect(stopped.code).toBe(1);
    expect(stopped.byName.get('Kafka')).toMatchObject({ health: 'down', managed: false });

    const again = await services('up', '--any-ports');
    expect(again.code).toBe(0);
    expect(generated().KAFKA_BROKERS).toBe(written.KAFKA_BROKERS);
    expect(await topics(written.KAFKA_BROKERS ?? '')).toContain('kept-across-restarts');
    expect(await (await fetch(objectUrl)).text()).toBe('still here');
  });
});
