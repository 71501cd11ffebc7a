import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../scripts/services/kafka-broker';

/**
 * A services-tier run when its services are down fails within seconds with the doctor's reason: before, the CLI
 * waited out kafkajs's retries for over a minute, and the web API said nothing for five.
 */
const root = mkdtempSync(join(tmpdir(), 'services-down-'));
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function servicesEnv(kafkaBrokers: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    KAFKA_BROKERS: kafkaBrokers,
    S3_ENDPOINT: inject('s3Endpoint'),
    S3_BUCKET: inject('s3Bucket'),
    S3_ACCESS_KEY_ID: 'test',
    S3_SECRET_ACCESS_KEY: 'test',
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    CASSANDRA_CONTACT_POINTS: inject('cassandraContactPoints'),
    // Never the stack of whoever runs the tests: no services.env here.
    PIPELINE_LAB_SERVICES_DIR: join(root, 'no-stack'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

interface Finished {
  code: number | null;
  stderr: string;
  elapsedMs: number;
}

function startRun(out: string, events: number, env: NodeJS.ProcessEnv) {
  const started = performance.now();
  const child = spawn(
    tsx,
    ['pipeline/cli.ts', 'run', '--events', String(events), '--tier', 'services', '--out', out],
    {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = new Promise<Finished>((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr, elapsedMs: performance.now() - started })),
  );
  return { child, finished, stderr: () => stderr };
}

describe('a services run whose services are down', () => {
  it('fails within seconds with the doctor one-line reason when no broker answers', async () => {
    const deadPort = await freePort();
    const run = startRun(join(root, 'no-broker'), 1_000, servicesEnv(`127.0.0.1:${deadPort}`));
    const { code, stderr, elapsedMs } = await run.finished;
    expect(code).toBe(69);
    const error = JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as { code: string; message: string };
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toContain(`Kafka: cannot reach Kafka at 127.0.0.1:${deadPort}`);
    expect(error.message).toContain('npm run services -- up');
    expect(error.message).not.toMatch(/S3:|PostgreSQL:|Redis:/);
    // The clients' own retries took 68 s; the preflight's checks have 3-second timeouts and run side by side.
    expect(elapsedMs).toBeLessThan(30_000);
  });

  it('POST /api/runs with tier services answers 503 with the reason at once', async () => {
    const deadPort = await freePort();
    Object.assign(process.env, servicesEnv(`127.0.0.1:${deadPort}`), {
      PIPELINE_LAB_RUNS_DIR: join(root, 'web-runs'),
    });
    const { POST } = await import('../../app/api/runs/route');
    const response = await POST(
      new Request('http://localhost/api/runs', {
        method: 'POST',
        body: JSON.stringify({ seed: 7, events: 1000, days: 3, faults: 'none', tier: 'services' }),
      }),
    );
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.error.message).toContain(`127.0.0.1:${deadPort}`);
    expect(existsSync(join(root, 'web-runs'))).toBe(false);
  });
});
