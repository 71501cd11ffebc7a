import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { checkRedis, redact } from '../../../pipeline/services/health/service-checks';
import { isPortFree } from '../../doctor/system-checks';
import { findExecutable } from './executables';
import {
  runningPid,
  startDetached,
  stopManaged,
  waitUntilHealthy,
  type ManagedProcess,
} from './managed-process';
import { readState, writeState } from './service-state';
import type { ServiceDefinition, StackContext } from './types';

/**
 * The machine's Redis at REDIS_URL (default redis://127.0.0.1:6379). When nothing answers there, the address
 * is on this machine and `redis-server` is installed, up starts one of its own on that port, with its
 * append-only file in `<dir>/redis/data` (the speed layer's state survives a restart); down stops only that one.
 */
const stateSchema = z.object({ port: z.number().int() });
const localHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

const urlOf = (context: StackContext) =>
  context.config.REDIS_URL ?? context.generated.REDIS_URL ?? 'redis://127.0.0.1:6379';
const stateFile = (context: StackContext) => join(context.dir, 'redis', 'state.json');

function managedOf(context: StackContext, port: number): ManagedProcess {
  return {
    home: join(context.dir, 'redis'),
    name: 'redis',
    // Redis replaces its command line with "redis-server <address>:<port>".
    isOurs: (commandLine) => commandLine.includes('redis-server') && commandLine.includes(`:${port}`),
  };
}

function ourPid(context: StackContext): number | undefined {
  const state = readState(stateFile(context), stateSchema);
  return state ? runningPid(managedOf(context, state.port)) : undefined;
}

export const redisService: ServiceDefinition = {
  id: 'redis',
  name: 'Redis',
  async up(context) {
    const url = context.config.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const first = await checkRedis(url);
    const ours = ourPid(context);
    if (first.status === 'ok') {
      const action = ours !== undefined ? `already running (pid ${ours})` : 'using the running server';
      return { env: { REDIS_URL: url }, action };
    }
    const parsed = new URL(url);
    const port = Number(parsed.port || 6379);
    const server = findExecutable('redis-server');
    if (!localHosts.has(parsed.hostname) || server === undefined) {
      throw new Error(
        `${first.detail}. ${server === undefined ? 'redis-server is not installed' : 'It is not on this machine'}: ` +
          'start it (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`), or set REDIS_URL in .env.',
      );
    }
    if (!(await isPortFree(port))) {
      throw new Error(
        `${first.detail}, and port ${port} is taken by another program (\`lsof -nP -iTCP:${port} -sTCP:LISTEN\`): ` +
          'stop it, or set REDIS_URL in .env to the Redis you want.',
      );
    }
    const managed = managedOf(context, port);
    const dataDir = join(managed.home, 'data');
    mkdirSync(dataDir, { recursive: true });
    const configFile = join(managed.home, 'redis.conf');
    writeFileSync(
      configFile,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dataDir}`,
        'appendonly yes',
        'save ""',
        'daemonize no',
        '',
      ].join('\n'),
    );
    writeState(stateFile(context), { port });
    const pid = await startDetached(managed, server, [configFile]);
    await waitUntilHealthy(
      managed,
      async () => {
        const result = await checkRedis(url);
        return { ok: result.status === 'ok', detail: result.detail };
      },
      30_000,
    );
    return { env: { REDIS_URL: url }, action: `started (pid ${pid})` };
  },
  async status(context) {
    const url = urlOf(context);
    const result = await checkRedis(url);
    const pid = ourPid(context);
    return {
      name: 'Redis',
      version: result.version ?? 'unknown',
      address: redact(url),
      health: result.status === 'ok' ? 'healthy' : pid !== undefined ? 'unhealthy' : 'down',
      detail: result.detail,
      managed: pid !== undefined,
      ...(pid !== undefined ? { pid } : {}),
    };
  },
  async down(context) {
    const state = readState(stateFile(context), stateSchema);
    if (!state) return 'left alone (not started by up)';
    return stopManaged(managedOf(context, state.port));
  },
};
