import { describe, expect, inject, it } from 'vitest';
import { probeKafkaProtocol } from '../../pipeline/services/health/kafka-protocol-probe';
import { checkKafka, checkS3 } from '../../pipeline/services/health/service-checks';

// The doctor's checks against the real broker and S3 server the suite started, and the machine's Redis.
describe('npm run doctor on real servers', () => {
  it('says a missing bucket is missing (HeadBucket answers a bare 404 whose message is "UnknownError")', async () => {
    const bucket = `no-such-bucket-${process.pid}`;
    const result = await checkS3(
      {
        s3Endpoint: inject('s3Endpoint'),
        s3Bucket: bucket,
        s3AccessKeyId: 'test',
        s3SecretAccessKey: 'test',
      },
      'services',
    );
    expect(result.status).toBe('fail');
    expect(result.detail).toBe(`bucket ${bucket} does not exist at ${inject('s3Endpoint')}`);
    expect(result.fix).toContain('npm run services -- down && npm run services -- up');
    expect(result.fix).not.toMatch(/docker/i);
    const present = await checkS3({
      s3Endpoint: inject('s3Endpoint'),
      s3Bucket: inject('s3Bucket'),
      s3AccessKeyId: 'test',
      s3SecretAccessKey: 'test',
    });
    expect(present.status).toBe('ok');
  });

  it('tells a Kafka broker from another server on the Kafka address', async () => {
    expect(await probeKafkaProtocol(inject('kafkaBrokers'))).toEqual({ kind: 'kafka' });
    expect((await checkKafka(inject('kafkaBrokers'))).status).toBe('ok');
    const redis = new URL(inject('redisUrl'));
    const redisAddress = `${redis.hostname}:${redis.port || 6379}`;
    // Redis waits for the end of a line that never comes: a server that says nothing is not Kafka either.
    expect(await probeKafkaProtocol(redisAddress, 1_000)).toEqual({ kind: 'silent' });
    const result = await checkKafka(redisAddress);
    expect(result.status).toBe('fail');
    expect(result.detail).toContain(`${redisAddress} is not a Kafka broker`);
    expect(result.fix).not.toMatch(/advertis/i);
  });
});
