import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The path of an executable on PATH (or in one of `extraDirs`), or undefined. */
export function findExecutable(name: string, extraDirs: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** The major version of the `java` on PATH (8 for "1.8.0_…"), or undefined when there is none. */
export function javaMajorVersion(): number | undefined {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) return undefined;
  // `java -version` prints to stderr.
  return Number(/version "(?:1\.)?(\d+)/.exec(`${probe.stderr}${probe.stdout}`)?.[1] ?? '0');
}

export const javaInstallHint =
  'Debian/Ubuntu: `sudo apt-get install openjdk-17-jre-headless`; macOS: `brew install openjdk@17`';

/** Java 17 or newer runs Kafka 3.9 and S3Mock 4. Throws with what to install. */
export function requireJava(): void {
  const major = javaMajorVersion();
  if (major === undefined) {
    throw new Error(
      `Java is not installed: Kafka and the S3 server run on Java 17+. Install it (${javaInstallHint}).`,
    );
  }
  if (major < 17)
    throw new Error(
      `Java ${major} found; Kafka 3.9 and S3Mock 4 need Java 17 or newer (${javaInstallHint}).`,
    );
}
