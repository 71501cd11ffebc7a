/**
 * Starts a real single-node Apache Kafka broker (KRaft mode) from Maven Central jars: no Docker needed.
 * Used by the services-tier tests, the services bench and CI. Jars are cached in .cache/kafka/libs.
 *
 *   npx tsx scripts/services/kafka-broker.ts start   # prints KAFKA_BROKERS=127.0.0.1:<port> and keeps running
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { resolveMavenJars } from './maven-runtime';

const execFileAsync = promisify(execFile);

export interface RunningBroker {
  bootstrap: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
  /** Kill the broker hard (fault tests) and start it again on the same port and data. */
  restart(): Promise<void>;
}

/** Downloads the broker jars once (Maven, offline afterwards). */
export function ensureKafkaJars(): string {
  return resolveMavenJars('kafka', 'kafka-runtime.pom.xml', 'kafka_2.13-');
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function classPath(configDir: string): string {
  return `${configDir}:${join(ensureKafkaJars(), '*')}`;
}

/** The broker's version, from the kafka_2.13-<version>.jar Maven resolved. */
export function kafkaVersion(): string {
  const jar = readdirSync(ensureKafkaJars()).find((file) => /^kafka_2\.13-[\d.]+\.jar$/.test(file));
  return jar?.replace(/^kafka_2\.13-/, '').replace(/\.jar$/, '') ?? 'unknown';
}

export interface KafkaConfigOptions {
  configDir: string;
  dataDir: string;
  port: number;
  controllerPort: number;
  /** How often retention runs (Kafka's default is 5 minutes). */
  retentionCheckMs?: number;
}

/** Writes server.properties and log4j.properties into configDir; returns the server.properties path. */
export function writeKafkaConfig(options: KafkaConfigOptions): string {
  const { configDir, dataDir, port, controllerPort } = options;
  const properties = [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=4',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    ...(options.retentionCheckMs === undefined
      ? []
      : [`log.retention.check.interval.ms=${options.retentionCheckMs}`]),
  ].join('\n');
  const file = join(configDir, 'server.properties');
  writeFileSync(file, `${properties}\n`);
  writeFileSync(
    join(configDir, 'log4j.properties'),
    [
      'log4j.rootLogger=WARN, stdout',
      'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
      'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
      'log4j.logger.kafka.server.KafkaRaftServer=INFO',
    ].join('\n'),
  );
  return file;
}

/** Formats the KRaft storage named in server.properties with a new cluster id (once per data directory). */
export async function formatKafkaStorage(configDir: string, configFile: string): Promise<void> {
  const { stdout } = await execFileAsync('java', [
    '-cp',
    classPath(configDir),
    'kafka.tools.StorageTool',
    'random-uuid',
  ]);
  await execFileAsync('java', [
    `-Dlog4j.configuration=file:${join(configDir, 'log4j.properties')}`,
    '-cp',
    classPath(configDir),
    'kafka.tools.StorageTool',
    'format',
    '-t',
    stdout.trim(),
    '-c',
    configFile,
  ]);
}

/** The java arguments that run the broker of configDir. */
export function kafkaJavaArgs(configDir: string, configFile: string): string[] {
  return [
    '-Xmx768m',
    '-XX:+UseG1GC',
    `-Dlog4j.configuration=file:${join(configDir, 'log4j.properties')}`,
    '-cp',
    classPath(configDir),
    'kafka.Kafka',
    configFile,
  ];
}

function launch(configDir: string, configFile: string): ChildProcess {
  return spawn('java', kafkaJavaArgs(configDir, configFile), { stdio: ['ignore', 'pipe', 'pipe'] });
}

function waitForStart(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolveStart, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`Kafka did not start within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Kafka Server started')) {
        clearTimeout(timer);
        resolveStart();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Kafka exited with code ${code} before starting:\n${output}`));
    });
  });
}

export async function startKafkaBroker(options: { timeoutMs?: number } = {}): Promise<RunningBroker> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  const configDir = mkdtempSync(join(tmpdir(), 'pipeline-lab-kafka-'));
  const dataDir = join(configDir, 'data');
  const port = await freePort();
  const controllerPort = await freePort();
  // Retention is checked every second instead of every 5 minutes, so a test sees at once whether a topic keeps
  // old-timestamped records (the tests replay generated history, with event times long past).
  const configFile = writeKafkaConfig({ configDir, dataDir, port, controllerPort, retentionCheckMs: 1000 });
  await formatKafkaStorage(configDir, configFile);
  const broker: RunningBroker = {
    bootstrap: `127.0.0.1:${port}`,
    port,
    dataDir,
    process: launch(configDir, configFile),
    async stop() {
      await stopProcess(broker.process);
      rmSync(configDir, { recursive: true, force: true });
    },
    async restart() {
      // A broker a test already killed is only started again.
      if (broker.process.exitCode === null && broker.process.signalCode === null) {
        const exited = new Promise((done) => broker.process.once('exit', done));
        broker.process.kill('SIGKILL');
        await exited;
      }
      broker.process = launch(configDir, configFile);
      await waitForStart(broker.process, timeoutMs);
    },
  };
  await waitForStart(broker.process, timeoutMs);
  return broker;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  // A process killed by a signal has a signalCode and no exitCode.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

if (
  process.argv[1] &&
  resolve(process.argv[1]) === resolve(import.meta.filename) &&
  process.argv[2] === 'start'
) {
  const broker = await startKafkaBroker();
  console.log(`KAFKA_BROKERS=${broker.bootstrap}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => void broker.stop().then(() => process.exit(0)));
}
