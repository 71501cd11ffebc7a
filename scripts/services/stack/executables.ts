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

/** Java 17 or newer runs Kafka 3.9 and S3Mock 4. Throws with what to install. */
export function requireJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error(
      'Java is not installed: Kafka and the S3 server run on Java 17+. Install it (Debian/Ubuntu: ' +
        '`sudo apt-get install openjdk-17-jre-headless`; macOS: `brew install openjdk@17`), or use Docker (`docker compose up -d`).',
    );
  }
  // `java -version` prints to stderr.
  const version = `${probe.stderr}${probe.stdout}`;
  const major = Number(/version "(?:1\.)?(\d+)/.exec(version)?.[1] ?? '0');
  if (major < 17) throw new Error(`Java ${major} found; Kafka 3.9 and S3Mock 4 need Java 17 or newer.`);
}
