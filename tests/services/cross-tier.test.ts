import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { manifestSchema, type Manifest } from '../../pipeline/contracts/manifest';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'cross-tier-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function pipelineRun(tier: 'embedded' | 'services', runId: string): Promise<Manifest> {
  const out = join(root, runId);
  await run(
    join(process.cwd(), 'node_modules', '.bin', 'tsx'),
    ['pipeline/cli.ts', 'run', '--seed', '42', '--events', '100000', '--faults', 'realistic', '--tier', tier, '--out', out],
    {
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        KAFKA_BROKERS: inject('kafkaBrokers'),
        S3_ENDPOINT: inject('s3Endpoint'),
        S3_BUCKET: inject('s3Bucket'),
        S3_ACCESS_KEY_ID: 'test',
        S3_SECRET_ACCESS_KEY: 'test',
        DATABASE_URL: inject('databaseUrl'),
        REDIS_URL: inject('redisUrl'),
      },
    },
  );
  return manifestSchema.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
}

function curatedChecksums(manifest: Manifest): Map<string, string> {
  return new Map(
    manifest.stages.flatMap((stage) => stage.outputs).filter((output) => output.path.startsWith('lake/curated/') || output.path === 'warehouse.duckdb').map((output) => [output.path, output.sha256]),
  );
}

describe('the same pipeline on both tiers', () => {
  it('a 100k-event run gives byte-identical curated outputs on the embedded tier and on Kafka, S3, Postgres and Redis', async () => {
    const embedded = await pipelineRun('embedded', `embedded-${process.pid}`);
    const services = await pipelineRun('services', `services-${process.pid}`);
    expect(embedded.status).toBe('succeeded');
    expect(services.status).toBe('succeeded');
    expect(services.tier).toBe('services');
    const expected = curatedChecksums(embedded);
    expect(expected.size).toBeGreaterThanOrEqual(12);
    expect(curatedChecksums(services)).toEqual(expected);
    const counts = (manifest: Manifest) => manifest.stages.map((stage) => [stage.name, stage.outputRows, stage.rejectedRows]);
    expect(counts(services)).toEqual(counts(embedded));
  }, 240_000);
});
