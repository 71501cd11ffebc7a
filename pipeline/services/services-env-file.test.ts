import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { servicesDir, withServicesEnvFile } from './services-env-file';

const cwd = mkdtempSync(join(tmpdir(), 'services-env-file-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('the addresses `npm run services -- up` writes', () => {
  it('are read beneath the environment (and so beneath .env, which is loaded into it)', () => {
    mkdirSync(join(cwd, '.data', 'services'), { recursive: true });
    writeFileSync(
      join(cwd, '.data', 'services', 'services.env'),
      '# generated\nKAFKA_BROKERS=127.0.0.1:41000\nS3_ENDPOINT=http://127.0.0.1:41001\n',
    );
    const merged = withServicesEnvFile({ KAFKA_BROKERS: 'localhost:9092' }, cwd);
    expect(merged).toEqual({ KAFKA_BROKERS: 'localhost:9092', S3_ENDPOINT: 'http://127.0.0.1:41001' });
  });

  it('live where PIPELINE_LAB_SERVICES_DIR says, and are none when up never ran there', () => {
    expect(servicesDir({ PIPELINE_LAB_SERVICES_DIR: 'elsewhere' }, cwd)).toBe(join(cwd, 'elsewhere'));
    expect(
      withServicesEnvFile({ PIPELINE_LAB_SERVICES_DIR: 'elsewhere', REDIS_URL: 'redis://x:1' }, cwd),
    ).toEqual({
      PIPELINE_LAB_SERVICES_DIR: 'elsewhere',
      REDIS_URL: 'redis://x:1',
    });
  });
});
