import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

/** Whether an earlier resolve of `name` finished (its libs hold a jar named `marker…`). */
export function mavenJarsCached(name: string, marker: string): boolean {
  const libsDir = join(root, '.cache', name, 'libs');
  return existsSync(libsDir) && readdirSync(libsDir).some((file) => file.startsWith(marker));
}

/**
 * Resolves a pom's dependencies from Maven Central into .cache/<name>/libs once; later calls are offline.
 * `marker` is a jar-name prefix that proves a previous resolve finished.
 */
export function resolveMavenJars(name: string, pomFile: string, marker: string): string {
  const libsDir = join(root, '.cache', name, 'libs');
  if (!mavenJarsCached(name, marker)) {
    rmSync(libsDir, { recursive: true, force: true });
    mkdirSync(libsDir, { recursive: true });
    try {
      execFileSync(
        'mvn',
        [
          '-q',
          '-B',
          '-f',
          join(import.meta.dirname, pomFile),
          'dependency:copy-dependencies',
          `-DoutputDirectory=${libsDir}`,
        ],
        { stdio: 'inherit' },
      );
    } catch (error) {
      rmSync(libsDir, { recursive: true, force: true });
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error(
          `Maven is needed once, to download the ${name} jars from Maven Central into .cache/: ` +
            '`sudo apt-get install maven` (macOS: `brew install maven`).',
        );
      }
      throw error;
    }
  }
  return libsDir;
}
