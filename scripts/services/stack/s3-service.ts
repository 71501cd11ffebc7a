import { join } from 'node:path';
import { z } from 'zod';
import { checkS3 } from '../../../pipeline/services/health/service-checks';
import { s3MockJavaArgs, s3MockVersion } from '../s3-server';
import { requireJava } from './executables';
import {
  runningPid,
  startDetached,
  stopManaged,
  waitUntilHealthy,
  type ManagedProcess,
} from './managed-process';
import { choosePort, readState, writeState } from './service-state';
import type { ServiceDefinition, StackContext } from './types';

/**
 * An S3-compatible server (Adobe S3Mock, from the Maven jars the tests use) with the lake's bucket. Objects live
 * in `<dir>/s3/store` and are kept when it stops, so the bucket and the runs' lakes survive `down`/`up`.
 */
const stateSchema = z.object({ port: z.number().int() });

const managedOf = (context: StackContext): ManagedProcess => {
  const home = join(context.dir, 's3');
  return { home, name: 's3mock', isOurs: (commandLine) => commandLine.includes(join(home, 'store')) };
};
const stateFile = (context: StackContext) => join(context.dir, 's3', 'state.json');
const endpointOf = (port: number) => `http://127.0.0.1:${port}`;
const bucketOf = (context: StackContext) => context.config.S3_BUCKET ?? 'pipeline-lab';

function checkAt(context: StackContext, endpoint: string) {
  return checkS3({
    s3Endpoint: endpoint,
    s3Bucket: bucketOf(context),
    s3AccessKeyId: context.config.S3_ACCESS_KEY_ID ?? 'pipeline',
    s3SecretAccessKey: context.config.S3_SECRET_ACCESS_KEY ?? 'pipeline-secret',
  });
}

async function probe(context: StackContext, endpoint: string) {
  const result = await checkAt(context, endpoint);
  return { ok: result.status === 'ok', detail: result.detail };
}

export const s3Service: ServiceDefinition = {
  id: 's3',
  name: 'S3',
  async up(context) {
    const managed = managedOf(context);
    const previous = readState(stateFile(context), stateSchema);
    const env = (port: number) => ({ S3_ENDPOINT: endpointOf(port), S3_BUCKET: bucketOf(context) });
    const running = runningPid(managed);
    if (running !== undefined && previous) {
      await waitUntilHealthy(managed, () => probe(context, endpointOf(previous.port)), 90_000);
      return { env: env(previous.port), action: `already running (pid ${running})` };
    }
    requireJava();
    const port = await choosePort({ previous: previous?.port, usual: 9000, anyPorts: context.anyPorts });
    writeState(stateFile(context), { port });
    const args = s3MockJavaArgs({
      port,
      bucket: bucketOf(context),
      storeDir: join(managed.home, 'store'),
      retainFiles: true,
    });
    const pid = await startDetached(managed, 'java', args);
    await waitUntilHealthy(managed, () => probe(context, endpointOf(port)), 90_000);
    return { env: env(port), action: `started (pid ${pid})` };
  },
  async status(context) {
    const state = readState(stateFile(context), stateSchema);
    const pid = runningPid(managedOf(context));
    const address = state ? endpointOf(state.port) : (context.config.S3_ENDPOINT ?? 'http://localhost:9000');
    const result = await checkAt(context, address);
    return {
      name: 'S3',
      version: state ? `S3Mock ${s3MockVersion()}` : 'unknown',
      address: `${address}/${bucketOf(context)}`,
      health: result.status === 'ok' ? 'healthy' : pid !== undefined ? 'unhealthy' : 'down',
      detail: result.detail,
      managed: pid !== undefined,
      ...(pid !== undefined ? { pid } : {}),
    };
  },
  down: (context) => stopManaged(managedOf(context)),
};
