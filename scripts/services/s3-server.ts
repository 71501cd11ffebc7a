/**
 * Starts a real S3-compatible server (Adobe S3Mock, from Maven Central) on a free port, with the lake bucket
 * created. The services-tier tests and CI use it where MinIO (docker-compose.yml) is not available.
 *
 *   npx tsx scripts/services/s3-server.ts start   # prints S3_ENDPOINT=http://127.0.0.1:<port>
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './kafka-broker';
import { resolveMavenJars } from './maven-runtime';

export interface RunningS3 {
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

/** Downloads S3Mock's jars once (Maven, offline afterwards). */
export function ensureS3Jars(): string {
  return resolveMavenJars('s3mock', 's3-runtime.pom.xml', 's3mock-');
}

/** S3Mock's version, from the s3mock-<version>.jar Maven resolved. */
export function s3MockVersion(): string {
  const jar = readdirSync(ensureS3Jars()).find((file) => /^s3mock-[\d.]+\.jar$/.test(file));
  return jar?.replace(/^s3mock-/, '').replace(/\.jar$/, '') ?? 'unknown';
}

export interface S3MockOptions {
  port: number;
  bucket: string;
  storeDir: string;
  /** Keep the buckets on disk when the server stops, so the next start serves them again. */
  retainFiles?: boolean;
}

/** The java arguments that run S3Mock on 127.0.0.1:port with the bucket created. */
export function s3MockJavaArgs(options: S3MockOptions): string[] {
  return [
    '-Xmx384m',
    '-XX:TieredStopAtLevel=1',
    '-cp',
    join(ensureS3Jars(), '*'),
    'com.adobe.testing.s3mock.S3MockApplication',
    '--server.port=0',
    `--com.adobe.testing.s3mock.http-port=${options.port}`,
    `--com.adobe.testing.s3mock.store.initial-buckets=${options.bucket}`,
    `--com.adobe.testing.s3mock.store.root=${options.storeDir}`,
    `--com.adobe.testing.s3mock.store.retain-files-on-exit=${options.retainFiles === true}`,
    '--spring.main.banner-mode=off',
  ];
}

export async function startS3Server(
  options: { bucket?: string; timeoutMs?: number } = {},
): Promise<RunningS3> {
  const bucket = options.bucket ?? 'pipeline-lab';
  const storeDir = mkdtempSync(join(tmpdir(), 'pipeline-lab-s3-'));
  const port = await freePort();
  const child: ChildProcess = spawn('java', s3MockJavaArgs({ port, bucket, storeDir }), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((started, failed) => {
    let output = '';
    // Two minutes: a Spring Boot start took over 60 s on a 2-core machine shared with other JVMs. A server that
    // misses it is killed, so a failed start leaves no process behind.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rmSync(storeDir, { recursive: true, force: true });
      failed(new Error(`S3Mock did not start:\n${output}`));
    }, options.timeoutMs ?? 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Started S3MockApplication')) {
        clearTimeout(timer);
        started();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      failed(new Error(`S3Mock exited with code ${code}:\n${output}`));
    });
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

if (
  process.argv[1] &&
  resolve(process.argv[1]) === resolve(import.meta.filename) &&
  process.argv[2] === 'start'
) {
  const server = await startS3Server();
  console.log(`S3_ENDPOINT=${server.endpoint}`);
  console.log(`S3_BUCKET=${server.bucket}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => void server.stop().then(() => process.exit(0)));
}
