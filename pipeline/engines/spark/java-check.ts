import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PipelineError } from '../../contracts/errors';

/**
 * Spark 4 runs on Java 17 or newer. The engine looks for `java` (JAVA_HOME/bin first, then the PATH) and `javac`
 * beside it; without them the Spark engine fails with what to install, and the DuckDB engine is untouched.
 */
export const minimumJavaMajor = 17;
const runFile = promisify(execFile);
const installHint =
  'Install a JDK 17 or newer (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless; macOS: brew install openjdk@17) or set JAVA_HOME to one. The DuckDB engine (--engine duckdb, the default) does not need Java.';

export interface JavaRuntime {
  java: string;
  javac: string | null;
  major: number;
  version: string;
}

/** The major version in `java -version` output: "17.0.15" → 17, the old "1.8.0_392" → 8. */
export function parseJavaMajor(versionOutput: string): { major: number; version: string } | null {
  const match = /version "([^"]+)"/.exec(versionOutput);
  if (!match?.[1]) return null;
  const version = match[1];
  const parts = version.split(/[.+-]/);
  const first = Number(parts[0]);
  const major = first === 1 ? Number(parts[1]) : first;
  return Number.isFinite(major) ? { major, version } : null;
}

export async function findJava(
  environment: Record<string, string | undefined> = process.env,
): Promise<JavaRuntime | null> {
  const home = environment.JAVA_HOME;
  const java = home && existsSync(join(home, 'bin', 'java')) ? join(home, 'bin', 'java') : 'java';
  let output: string;
  try {
    const result = await runFile(java, ['-version'], { env: environment as NodeJS.ProcessEnv });
    output = `${result.stderr}${result.stdout}`;
  } catch {
    return null;
  }
  const parsed = parseJavaMajor(output);
  if (!parsed) return null;
  const javacBeside = home && existsSync(join(home, 'bin', 'javac')) ? join(home, 'bin', 'javac') : null;
  let javac = javacBeside;
  if (!javac) {
    try {
      await runFile('javac', ['-version'], { env: environment as NodeJS.ProcessEnv });
      javac = 'javac';
    } catch {
      javac = null;
    }
  }
  return { java, javac, ...parsed };
}

/** The Java to run Spark with, or a clear error naming what to install. */
export async function requireJava(
  environment: Record<string, string | undefined> = process.env,
): Promise<JavaRuntime> {
  const found = await findJava(environment);
  if (!found)
    throw new PipelineError(
      'NOT_FOUND',
      `The Spark engine needs Java ${minimumJavaMajor} or newer, and no java was found. ${installHint}`,
    );
  if (found.major < minimumJavaMajor) {
    throw new PipelineError(
      'NOT_FOUND',
      `The Spark engine needs Java ${minimumJavaMajor} or newer (Spark 4 needs it), and ${found.java} is Java ${found.version}. ${installHint}`,
    );
  }
  return found;
}
