import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { checkKafka } from '../../../pipeline/services/health/service-checks';
import { formatKafkaStorage, kafkaJavaArgs, kafkaVersion, writeKafkaConfig } from '../kafka-broker';
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
 * Apache Kafka in KRaft mode from the Maven jars (the broker the tests use), one node that is its own controller.
 * Its log lives in `<dir>/kafka/data`: the storage is formatted once, so topics and offsets survive `down`/`up`.
 */
const stateSchema = z.object({ port: z.number().int(), controllerPort: z.number().int() });

const managedOf = (context: StackContext): ManagedProcess => {
  const home = join(context.dir, 'kafka');
  return { home, name: 'kafka', isOurs: (commandLine) => commandLine.includes(join(home, 'config')) };
};
const stateFile = (context: StackContext) => join(context.dir, 'kafka', 'state.json');
const bootstrapOf = (port: number) => `127.0.0.1:${port}`;

async function probe(bootstrap: string) {
  const result = await checkKafka(bootstrap);
  return { ok: result.status === 'ok', detail: result.detail };
}

export const kafkaService: ServiceDefinition = {
  id: 'kafka',
  name: 'Kafka',
  async up(context) {
    const managed = managedOf(context);
    const previous = readState(stateFile(context), stateSchema);
    const running = runningPid(managed);
    if (running !== undefined && previous) {
      await waitUntilHealthy(managed, () => probe(bootstrapOf(previous.port)), 120_000);
      return {
        env: { KAFKA_BROKERS: bootstrapOf(previous.port) },
        action: `already running (pid ${running})`,
      };
    }
    requireJava();
    const port = await choosePort({ previous: previous?.port, usual: 9092, anyPorts: context.anyPorts });
    const controllerPort = await choosePort({
      previous: previous?.controllerPort,
      usual: 9093,
      anyPorts: context.anyPorts,
      avoid: [port],
    });
    writeState(stateFile(context), { port, controllerPort });
    const configDir = join(managed.home, 'config');
    const dataDir = join(managed.home, 'data');
    mkdirSync(configDir, { recursive: true });
    const configFile = writeKafkaConfig({ configDir, dataDir, port, controllerPort });
    if (!existsSync(join(dataDir, 'meta.properties'))) {
      context.say('Kafka: formatting the KRaft storage (first start)');
      await formatKafkaStorage(configDir, configFile);
    }
    const pid = await startDetached(managed, 'java', kafkaJavaArgs(configDir, configFile));
    await waitUntilHealthy(managed, () => probe(bootstrapOf(port)), 120_000);
    return { env: { KAFKA_BROKERS: bootstrapOf(port) }, action: `started (pid ${pid})` };
  },
  async status(context) {
    const state = readState(stateFile(context), stateSchema);
    const pid = runningPid(managedOf(context));
    const address = state ? bootstrapOf(state.port) : (context.config.KAFKA_BROKERS ?? 'localhost:9092');
    const result = await checkKafka(address);
    return {
      name: 'Kafka',
      version: state ? kafkaVersion() : 'unknown',
      address,
      health: result.status === 'ok' ? 'healthy' : pid !== undefined ? 'unhealthy' : 'down',
      detail: result.detail,
      managed: pid !== undefined,
      ...(pid !== undefined ? { pid } : {}),
    };
  },
  down: (context) => stopManaged(managedOf(context)),
};
