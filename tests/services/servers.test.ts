import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, inject, it } from 'vitest';

// The servers the services tier runs on are real: a Kafka broker and an S3 server started from Maven jars.
describe('services-tier servers', () => {
  it('a real Kafka broker answers with its cluster metadata', async () => {
    const admin = new Kafka({ brokers: [inject('kafkaBrokers')], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.disconnect();
    expect(cluster.brokers).toHaveLength(1);
    expect(cluster.controller).toBe(1);
  });

  it('the S3 server has the lake bucket', async () => {
    const client = new S3Client({
      endpoint: inject('s3Endpoint'),
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const response = await client.send(new HeadBucketCommand({ Bucket: inject('s3Bucket') }));
    client.destroy();
    expect(response.$metadata.httpStatusCode).toBe(200);
  });
});
