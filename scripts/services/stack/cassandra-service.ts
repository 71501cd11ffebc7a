import { join } from 'node:path';
import { z } from 'zod';
import { checkCassandra } from '../../../pipeline/services/health/cassandra-check';
import { cassandraJavaArgs, cassandraVersion, writeCassandraConfig } from '../cassandra-node';
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
 * Apache Cassandra 5.0, one node, from the Maven jars (cassandra-node.ts writes its cassandra.yaml). Its data lives
 * in `<dir>/cassandra/data`, so the runs' keyspaces survive `down`/`up`. When CASSANDRA_CONTACT_POINTS (the
 * environment or .env) already names a node that answers, up uses that one and starts nothing.
 */
const stateSchema = z.object({ port: z.number().int(), storagePort: z.number().int() });

const managedOf = (context: StackContext): ManagedProcess => {
  const home = join(context.dir, 'cassandra');
  return {
    home,
    name: 'cassandra',
    isOurs: (commandLine) => commandLine.includes(join(home, 'config')),
  };
};
const stateFile = (context: StackContext) => join(context.dir, 'cassandra', 'state.json');
const addressOf = (port: number) => `127.0.0.1:${port}`;
/** A first start on a busy 2-core machine took about a minute (its JIT and system keyspaces); allow three. */
const startTimeoutMs = 180_000;

async function probe(contactPoint: string) {
  const result = await checkCassandra(contactPoint, 'services');
  return { ok: result.status === 'ok', detail: result.detail };
}

export const cassandraService: ServiceDefinition = {
  id: 'cassandra',
  name: 'Cassandra',
  async up(context) {
    const managed = managedOf(context);
    const previous = readState(stateFile(context), stateSchema);
    const running = runningPid(managed);
    if (running !== undefined && previous) {
      await waitUntilHealthy(managed, () => probe(addressOf(previous.port)), startTimeoutMs);
      return {
        env: { CASSANDRA_CONTACT_POINTS: addressOf(previous.port) },
        action: `already running (pid ${running})`,
      };
    }
    const configured = context.config.CASSANDRA_CONTACT_POINTS;
    if (configured && (await checkCassandra(configured, 'services')).status === 'ok') {
      return { env: { CASSANDRA_CONTACT_POINTS: configured }, action: 'using the running server' };
    }
    requireJava();
    const port = await choosePort({ previous: previous?.port, usual: 9042, anyPorts: context.anyPorts });
    const storagePort = await choosePort({
      previous: previous?.storagePort,
      usual: 7000,
      anyPorts: context.anyPorts,
      avoid: [port],
    });
    writeState(stateFile(context), { port, storagePort });
    const configDir = join(managed.home, 'config');
    const dataDir = join(managed.home, 'data');
    writeCassandraConfig({ configDir, dataDir, nativePort: port, storagePort });
    const started = performance.now();
    const pid = await startDetached(managed, 'java', cassandraJavaArgs(configDir, dataDir));
    await waitUntilHealthy(managed, () => probe(addressOf(port)), startTimeoutMs);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    return {
      env: { CASSANDRA_CONTACT_POINTS: addressOf(port) },
      action: `started (pid ${pid}; CQL answered after ${seconds} s)`,
    };
  },
  async status(context) {
    const state = readState(stateFile(context), stateSchema);
    const pid = runningPid(managedOf(context));
    const address =
      state && pid !== undefined
        ? addressOf(state.port)
        : (context.config.CASSANDRA_CONTACT_POINTS ??
          context.generated.CASSANDRA_CONTACT_POINTS ??
          (state ? addressOf(state.port) : 'localhost:9042'));
    const result = await checkCassandra(address, 'services');
    return {
      name: 'Cassandra',
      version: result.version ?? (state ? cassandraVersion() : 'unknown'),
      address,
      health: result.status === 'ok' ? 'healthy' : pid !== undefined ? 'unhealthy' : 'down',
      detail: result.detail,
      managed: pid !== undefined,
      ...(pid !== undefined ? { pid } : {}),
    };
  },
  down: (context) => stopManaged(managedOf(context)),
};
