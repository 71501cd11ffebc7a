import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { servicesEnv } from '@/pipeline/contracts/services-env';

describe('parseEnv: the services tier settings', () => {
  it('defaults to the embedded tier and the docker-compose addresses', () => {
    const parsed = parseEnv({}, '/srv/app');
    expect(parsed.tier).toBe('embedded');
    expect(parsed.services).toMatchObject({
      KAFKA_BROKERS: 'localhost:9092',
      DATABASE_URL: 'postgres://pipeline:pipeline@localhost:5432/pipeline_lab',
      S3_ENDPOINT: 'http://localhost:9000',
      REDIS_URL: 'redis://localhost:6379',
    });
    expect(parsed.services.CLICKHOUSE_URL).toBeUndefined();
  });

  it('accepts exactly what the pipeline accepts (one schema for the CLI and the web app)', () => {
    const source = {
      PIPELINE_TIER: 'services',
      KAFKA_BROKERS: '127.0.0.1:39092, 127.0.0.1:39093',
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres',
      REDIS_URL: 'rediss://cache.internal:6380',
      CLICKHOUSE_URL: 'http://pipeline:pipeline@localhost:8123/pipeline_lab',
    };
    const parsed = parseEnv(source);
    expect(parsed.tier).toBe('services');
    expect(parsed.services).toEqual(servicesEnv(source));
    expect(parsed.services.KAFKA_BROKERS).toBe('127.0.0.1:39092,127.0.0.1:39093');
  });

  it.each([
    ['DATABASE_URL', 'localhost:5432'],
    ['DATABASE_URL', 'mysql://localhost/shop'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['S3_ENDPOINT', 'localhost:9000'],
    ['CLICKHOUSE_URL', 'clickhouse://localhost:9009'],
    ['KAFKA_BROKERS', 'localhost'],
    ['PIPELINE_TIER', 'kafka'],
  ])('a bad %s (%s) is an error that names the variable', (variable, value) => {
    expect(() => parseEnv({ [variable]: value })).toThrow(
      new RegExp(`Invalid environment: ${variable}: must be`),
    );
  });

  it('names every bad variable at once, and treats an empty CLICKHOUSE_URL as not set', () => {
    expect(() => parseEnv({ DATABASE_URL: 'nope', REDIS_URL: 'nope' })).toThrow(
      /DATABASE_URL: .*; REDIS_URL: /,
    );
    expect(parseEnv({ CLICKHOUSE_URL: '' }).services.CLICKHOUSE_URL).toBeUndefined();
  });
});
