import { inject } from 'vitest';
import { S3ObjectStore } from '../../pipeline/services/s3/s3-object-store';
import { objectStoreContract } from '../contracts/object-store-contract';

let counter = 0;

// The same contract suite as the local lake, against a real S3-compatible server.
objectStoreContract('S3 (AWS SDK v3 against an S3-compatible server)', async () => {
  const store = new S3ObjectStore({
    endpoint: inject('s3Endpoint'),
    bucket: inject('s3Bucket'),
    accessKeyId: 'test',
    secretAccessKey: 'test',
    prefix: `contract-${process.pid}-${++counter}/`,
  });
  return { store, close: async () => store.close() };
});
