import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PipelineError } from '../../contracts/errors';
import { requireJava } from './java-check';
import { icebergVersion, sparkVersion } from './version';

/**
 * The Spark engine's local runtime: the Spark and Iceberg jars from Maven Central in .cache/spark/libs (resolved on
 * first use, offline afterwards) and the driver's classes compiled with javac into .cache/spark/driver-<hash of its source>.
 */
const driverClass = 'PipelineLabSparkDriver';
const runFile = promisify(execFile);

/** The folder of this module's files (the pom and the driver source); the working directory's copy inside a bundler. */
function engineDirectory(): string {
  const candidates = [
    dirname(fileURLToPath(import.meta.url)),
    join(process.cwd(), 'pipeline', 'engines', 'spark'),
  ];
  for (const candidate of candidates)
    if (existsSync(join(candidate, 'spark-runtime.pom.xml'))) return candidate;
  throw new PipelineError(
    'NOT_FOUND',
    `Cannot find the Spark engine's files (looked in ${candidates.join(' and ')}). Run from the project root.`,
  );
}

export function sparkCacheDirectory(): string {
  return join(engineDirectory(), '..', '..', '..', '.cache', 'spark');
}

export interface JarProgress {
  artifacts: number;
  bytes: number;
  /** The file name of the jar just downloaded. */
  jar?: string;
}

/** A jar per pinned artifact: a cache missing one of them (an older checkout's, before Iceberg) is resolved again. */
const markers = [
  `spark-sql_2.13-${sparkVersion}.jar`,
  `iceberg-spark-runtime-4.0_2.13-${icebergVersion}.jar`,
];
const complete = (directory: string) => markers.every((name) => existsSync(join(directory, name)));

/** The artifacts Maven names in a failed resolve (`group:artifact:type:version`), for the error message. */
export function failedArtifacts(mavenOutput: string): string[] {
  const found = new Set<string>();
  for (const match of mavenOutput.matchAll(
    /(?:Could not (?:find|transfer|resolve) artifact|Failure to find) ([\w.-]+:[\w.-]+:[\w.-]+(?::[\w.-]+)?(?::[\w.-]+)?)/g,
  )) {
    if (match[1]) found.add(match[1]);
  }
  for (const match of mavenOutput.matchAll(
    /following artifacts could not be resolved: ([^\n]+?)(?:: Could not| in |\n|$)/g,
  )) {
    for (const artifact of (match[1] ?? '').split(/,\s*/))
      if (artifact.trim()) found.add(artifact.trim().replace(/\s*\(.*\)$/, ''));
  }
  return [...found];
}

/** Sizes Maven prints after each download ("Downloaded from central: …/x.jar (1.2 MB at …)"), in bytes. */
export function downloadedBytes(line: string): number {
  const match = /\((\d+(?:\.\d+)?) (B|kB|MB|GB) at /.exec(line);
  if (!match) return 0;
  const scale = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 }[match[2] as 'B' | 'kB' | 'MB' | 'GB'];
  return Math.round(Number(match[1]) * scale);
}

/** Whether the Spark jars are already in .cache/spark/libs (a run would otherwise download them first). */
export function sparkJarsPresent(): boolean {
  return complete(join(sparkCacheDirectory(), 'libs'));
}

/**
 * Resolves the Spark and Iceberg jars into .cache/spark/libs once (Maven Central, about 270 MB + 45 MB), reporting
 * each downloaded jar; later calls return at once. A failed download names the artifacts and how to retry.
 */
export async function ensureSparkJars(onProgress?: (progress: JarProgress) => void): Promise<string> {
  const libsDir = join(sparkCacheDirectory(), 'libs');
  if (complete(libsDir)) return libsDir;
  const staging = `${libsDir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const pom = join(engineDirectory(), 'spark-runtime.pom.xml');
  const progress: JarProgress = { artifacts: 0, bytes: 0 };
  let output = '';
  const exitCode = await new Promise<number>((resolveExit, reject) => {
    const maven = spawn(
      'mvn',
      ['-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    maven.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new PipelineError(
              'NOT_FOUND',
              'The Spark engine needs Maven (mvn) to download the Spark jars once: install it (Debian/Ubuntu: apt-get install maven).',
            )
          : error,
      ),
    );
    let pending = '';
    const onData = (chunk: Buffer) => {
      const text = pending + chunk.toString('utf8');
      const lines = text.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        output += `${line}\n`;
        if (line.includes('Downloaded from') && line.includes('.jar')) {
          progress.artifacts += 1;
          progress.bytes += downloadedBytes(line);
          onProgress?.({ ...progress, jar: /\/([^/\s]+\.jar)/.exec(line)?.[1] });
        }
      }
    };
    maven.stdout.on('data', onData);
    maven.stderr.on('data', onData);
    maven.on('close', (code) => resolveExit(code ?? 1));
  });
  if (exitCode !== 0 || !complete(staging)) {
    const artifacts = failedArtifacts(output);
    const lastError =
      output
        .split('\n')
        .find((line) => line.startsWith('[ERROR]'))
        ?.replace('[ERROR] ', '') ?? `mvn exited with code ${exitCode}`;
    throw new PipelineError(
      'SERVICE_UNAVAILABLE',
      `Downloading the Spark ${sparkVersion} / Iceberg ${icebergVersion} jars from Maven Central failed${artifacts.length > 0 ? ` at ${artifacts.slice(0, 3).join(', ')}` : ''}: ${lastError.slice(0, 300)}. ` +
        `Check the network (or a proxy in ~/.m2/settings.xml) and retry: npm run spark:setup (jars already downloaded are kept in ~/.m2 and not fetched again).`,
      { retriable: false, details: { artifacts } },
    );
  }
  // Another process may have finished the same download meanwhile: keep its copy, which may be in use.
  if (complete(libsDir)) await rm(staging, { recursive: true, force: true });
  else {
    await rm(libsDir, { recursive: true, force: true });
    await rename(staging, libsDir);
  }
  return libsDir;
}

/** Compiles the driver's sources against the jars into .cache/spark/driver-<hash>, once per version of them. */
export async function ensureDriverClasses(libsDir: string): Promise<string> {
  const driverDirectory = join(engineDirectory(), 'driver');
  const sources = readdirSync(driverDirectory)
    .filter((name) => name.endsWith('.java'))
    .sort()
    .map((name) => join(driverDirectory, name));
  const digest = createHash('sha256');
  for (const source of sources) digest.update(source.split('/').pop()!).update(readFileSync(source));
  // The jars' versions are part of the key: the driver compiles against Spark's and Iceberg's classes.
  const hash = digest.update(sparkVersion).update(icebergVersion).digest('hex').slice(0, 12);
  const classesDir = join(sparkCacheDirectory(), `driver-${hash}`);
  if (existsSync(join(classesDir, `${driverClass}.class`))) return classesDir;
  const java = await requireJava();
  if (!java.javac) {
    throw new PipelineError(
      'NOT_FOUND',
      `The Spark engine compiles its small driver with javac, which this Java ${java.major} has not (a JRE without the JDK). Install a JDK 17 or newer (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless).`,
    );
  }
  const staging = `${classesDir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await runFile(java.javac, ['-nowarn', '-d', staging, '-cp', join(libsDir, '*'), ...sources], {
      maxBuffer: 8 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new PipelineError(
      'INTERNAL',
      `Compiling the Spark driver failed: ${stderr.split('\n').slice(0, 3).join(' ')}`,
      { cause: error },
    );
  }
  await writeFile(join(staging, 'source.sha256'), `${hash}\n`);
  if (existsSync(join(classesDir, `${driverClass}.class`)))
    await rm(staging, { recursive: true, force: true });
  else await rename(staging, classesDir);
  return classesDir;
}
