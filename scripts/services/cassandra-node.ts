/**
 * Runs a real single-node Apache Cassandra 5.0 from Maven Central jars: no Docker, no tarball. The jars carry no
 * conf/ folder, so this file writes what the tarball's conf/ would give: cassandra.yaml (ports, directories, a
 * single seed that is the node itself), logback.xml, and the Java 17 module flags of conf/jvm17-server.options.
 * Used by `npm run services` (stack/cassandra-service.ts) and the services-tier tests.
 *
 *   npx tsx scripts/services/cassandra-node.ts start   # prints CASSANDRA_CONTACT_POINTS=127.0.0.1:<port>
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkCassandra } from '../../pipeline/services/health/cassandra-check';
import { freePort } from './kafka-broker';
import { resolveMavenJars } from './maven-runtime';

/** Downloads Cassandra's jars once (Maven, offline afterwards). */
export function ensureCassandraJars(): string {
  return resolveMavenJars('cassandra', 'cassandra-runtime.pom.xml', 'cassandra-all-');
}

/** Cassandra's version, from the cassandra-all-<version>.jar Maven resolved. */
export function cassandraVersion(): string {
  const jar = readdirSync(ensureCassandraJars()).find((file) => /^cassandra-all-[\d.]+\.jar$/.test(file));
  return jar?.replace(/^cassandra-all-/, '').replace(/\.jar$/, '') ?? 'unknown';
}

const vnodes = 16;

/** `count` tokens spread evenly over Murmur3's range [-2^63, 2^63). */
export function evenTokens(count: number): string[] {
  const step = 2n ** 64n / BigInt(count);
  return Array.from({ length: count }, (_, index) => String(-(2n ** 63n) + BigInt(index) * step));
}

export interface CassandraConfigOptions {
  /** Where cassandra.yaml and logback.xml are written. */
  configDir: string;
  /** Data, commit log, hints, saved caches and CDC folders are created below it. */
  dataDir: string;
  /** CQL (native transport) port; Cassandra's usual is 9042. */
  nativePort: number;
  /** Inter-node (storage) port; Cassandra's usual is 7000. A single node still binds it. */
  storagePort: number;
}

/** Writes cassandra.yaml and logback.xml into configDir; returns the cassandra.yaml path. */
export function writeCassandraConfig(options: CassandraConfigOptions): string {
  const { configDir, dataDir, nativePort, storagePort } = options;
  mkdirSync(configDir, { recursive: true });
  const yaml = [
    "cluster_name: 'Pipeline Lab'",
    // Cassandra 4.0+'s default vnode count, with the tokens given: a first start then skips the token allocator,
    // which waits out the ring delay (30 s) before choosing tokens that one node owns all of anyway.
    `num_tokens: ${vnodes}`,
    `initial_token: ${evenTokens(vnodes).join(',')}`,
    'partitioner: org.apache.cassandra.dht.Murmur3Partitioner',
    `data_file_directories: ['${join(dataDir, 'data')}']`,
    `commitlog_directory: '${join(dataDir, 'commitlog')}'`,
    `saved_caches_directory: '${join(dataDir, 'saved_caches')}'`,
    `hints_directory: '${join(dataDir, 'hints')}'`,
    `cdc_raw_directory: '${join(dataDir, 'cdc_raw')}'`,
    'commitlog_sync: periodic',
    'commitlog_sync_period: 10000ms',
    'seed_provider:',
    '  - class_name: org.apache.cassandra.locator.SimpleSeedProvider',
    '    parameters:',
    `      - seeds: "127.0.0.1:${storagePort}"`,
    'listen_address: 127.0.0.1',
    'rpc_address: 127.0.0.1',
    `storage_port: ${storagePort}`,
    'start_native_transport: true',
    `native_transport_port: ${nativePort}`,
    'endpoint_snitch: SimpleSnitch',
    // Dropping a run's keyspace would otherwise keep a snapshot of every table on disk, forever.
    'auto_snapshot: false',
    // The learner's runs are small: a 1 GiB heap's default memtable space (a quarter of it) is plenty.
    'concurrent_compactors: 1',
  ].join('\n');
  const file = join(configDir, 'cassandra.yaml');
  writeFileSync(file, `${yaml}\n`);
  writeFileSync(
    join(configDir, 'logback.xml'),
    [
      '<configuration>',
      '  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">',
      '    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>',
      '  </appender>',
      '  <root level="INFO"><appender-ref ref="STDOUT" /></root>',
      '  <logger name="org.apache.cassandra" level="INFO" />',
      '</configuration>',
    ].join('\n'),
  );
  return file;
}

/**
 * The module flags of Cassandra 5.0's conf/jvm17-server.options: Cassandra, Chronicle Queue (audit logs) and jamm
 * reach into JDK internals that Java 17 closes by default.
 */
const java17ModuleFlags = [
  '-Djdk.attach.allowAttachSelf=true',
  ...[
    'java.base/jdk.internal.misc',
    'java.base/jdk.internal.ref',
    'java.base/sun.nio.ch',
    'java.management.rmi/com.sun.jmx.remote.internal.rmi',
    'java.rmi/sun.rmi.registry',
    'java.rmi/sun.rmi.server',
    'java.sql/java.sql',
    'jdk.attach/sun.tools.attach',
    'jdk.compiler/com.sun.tools.javac.model',
  ].flatMap((target) => ['--add-exports', `${target}=ALL-UNNAMED`]),
  ...[
    'java.base/java.lang.module',
    'java.base/jdk.internal.loader',
    'java.base/jdk.internal.ref',
    'java.base/jdk.internal.reflect',
    'java.base/jdk.internal.math',
    'java.base/jdk.internal.module',
    'java.base/jdk.internal.util.jar',
    'jdk.management/com.sun.management.internal',
    'java.base/sun.nio.ch',
    'java.base/java.io',
    'java.base/java.nio',
    'java.base/java.util.concurrent',
    'java.base/java.util',
    'java.base/java.util.concurrent.atomic',
    'java.base/java.lang',
    'java.base/java.math',
    'java.base/java.lang.reflect',
    'java.base/java.net',
  ].flatMap((target) => ['--add-opens', `${target}=ALL-UNNAMED`]),
];

/** The java arguments that run the node configured in configDir. */
export function cassandraJavaArgs(configDir: string, dataDir: string): string[] {
  const libs = ensureCassandraJars();
  const jamm = readdirSync(libs).find((file) => /^jamm-[\d.]+\.jar$/.test(file));
  return [
    // A small fixed heap: the machine is shared with Spark, Kafka and the web server.
    '-Xms1g',
    '-Xmx1g',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=300',
    '-Xss256k',
    // A node that ran out of heap may have half-applied writes in memory: stop it rather than serve on.
    '-XX:+ExitOnOutOfMemoryError',
    ...java17ModuleFlags,
    // Cassandra measures memtable sizes with jamm, loaded as an agent (cassandra-env.sh does the same).
    ...(jamm ? [`-javaagent:${join(libs, jamm)}`] : []),
    `-Dcassandra.config=file://${join(configDir, 'cassandra.yaml')}`,
    `-Dlogback.configurationFile=${join(configDir, 'logback.xml')}`,
    `-Dcassandra.logdir=${join(dataDir, 'logs')}`,
    `-Dcassandra.storagedir=${dataDir}`,
    // Keep stdout open (the log file of `npm run services`); without it the daemon closes it once started.
    '-Dcassandra-foreground=yes',
    // One node is its own only seed: waiting for gossip to settle (at least 5 s of polling) learns nothing.
    '-Dcassandra.skip_wait_for_gossip_to_settle=0',
    '-Djava.net.preferIPv4Stack=true',
    '-cp',
    `${configDir}:${join(libs, '*')}`,
    'org.apache.cassandra.service.CassandraDaemon',
  ];
}

export interface RunningCassandra {
  /** host:port of the native transport (CQL). */
  contactPoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Polls CQL until it answers; fails early when the process exits, with the end of its output. */
export async function waitForCql(
  contactPoint: string,
  options: { timeoutMs: number; exited: () => boolean; output: () => string },
): Promise<void> {
  const deadline = performance.now() + options.timeoutMs;
  let last = '';
  while (performance.now() < deadline) {
    const result = await checkCassandra(contactPoint);
    if (result.status === 'ok') return;
    last = result.detail;
    if (options.exited()) throw new Error(`Cassandra exited before CQL answered:\n${options.output()}`);
    await sleep(1_000);
  }
  throw new Error(
    `Cassandra's CQL did not answer within ${options.timeoutMs / 1000} s (${last}):\n${options.output()}`,
  );
}

/** Starts a throwaway node on free ports with its data in a temporary folder (tests). */
export async function startCassandraNode(options: { timeoutMs?: number } = {}): Promise<RunningCassandra> {
  const home = mkdtempSync(join(tmpdir(), 'pipeline-lab-cassandra-'));
  const configDir = join(home, 'config');
  const dataDir = join(home, 'data');
  const port = await freePort();
  let storagePort = await freePort();
  while (storagePort === port) storagePort = await freePort();
  writeCassandraConfig({ configDir, dataDir, nativePort: port, storagePort });
  const child = spawn('java', cassandraJavaArgs(configDir, dataDir), { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const contactPoint = `127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitForCql(contactPoint, {
      timeoutMs: options.timeoutMs ?? 180_000,
      exited: () => child.exitCode !== null || child.signalCode !== null,
      output: () => output.split('\n').slice(-25).join('\n'),
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { contactPoint, port, process: child, stop };
}

if (
  process.argv[1] &&
  resolve(process.argv[1]) === resolve(import.meta.filename) &&
  process.argv[2] === 'start'
) {
  const started = performance.now();
  const node = await startCassandraNode();
  console.log(`CASSANDRA_CONTACT_POINTS=${node.contactPoint}`);
  console.log(`# CQL answered ${((performance.now() - started) / 1000).toFixed(1)} s after launch`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => void node.stop().then(() => process.exit(0)));
}
