import type { CheckResult } from '../../pipeline/services/health/check-result';
import { mavenJarsCached } from '../services/maven-runtime';
import { findExecutable, javaInstallHint, javaMajorVersion } from '../services/stack/executables';
import { isPortFree } from './system-checks';

/** What `npm run services -- up` needs on the machine: Java 17+, and Maven until the jars are cached. */
export function checkStackTools(): CheckResult[] {
  const major = javaMajorVersion();
  const java: CheckResult =
    major === undefined
      ? {
          name: 'Java',
          status: 'fail',
          detail: 'java is not installed',
          fix: `Install Java 17 (${javaInstallHint}).`,
        }
      : major < 17
        ? {
            name: 'Java',
            status: 'fail',
            detail: `Java ${major}`,
            fix: `Kafka 3.9 needs Java 17 or newer (${javaInstallHint}).`,
          }
        : { name: 'Java', status: 'ok', detail: `Java ${major}` };
  const cached =
    mavenJarsCached('kafka', 'kafka_2.13-') &&
    mavenJarsCached('s3mock', 's3mock-') &&
    mavenJarsCached('cassandra', 'cassandra-all-');
  const maven: CheckResult = cached
    ? { name: 'Kafka, S3 and Cassandra jars', status: 'ok', detail: 'cached in .cache/' }
    : findExecutable('mvn')
      ? {
          name: 'Kafka, S3 and Cassandra jars',
          status: 'ok',
          detail: 'not cached yet: the first `up` downloads them with Maven',
        }
      : {
          name: 'Kafka, S3 and Cassandra jars',
          status: 'fail',
          detail: 'not cached, and Maven (mvn) is not installed to download them',
          fix: 'Install Maven once: `sudo apt-get install maven` (macOS: `brew install maven`).',
        };
  return [java, maven];
}

/** A preferred port that is taken is no failure for the stack: up takes a free one and writes it to services.env. */
export async function checkStackPort(name: string, port: number): Promise<CheckResult> {
  if (await isPortFree(port)) return { name: `Port ${port} (${name})`, status: 'ok', detail: 'free' };
  return {
    name: `Port ${port} (${name})`,
    status: 'warn',
    detail: `port ${port} is taken by another program`,
    fix: `\`npm run services -- up\` will use a free port for ${name} instead and write it to .data/services/services.env.`,
  };
}
