import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sparkAvailability } from './spark-availability';

/** A stand-in JDK whose `java -version` prints the given version (only the version line matters to the check). */
function fakeJavaHome(version: string, withJavac: boolean): string {
  const home = mkdtempSync(join(tmpdir(), 'fake-jdk-'));
  mkdirSync(join(home, 'bin'));
  writeFileSync(join(home, 'bin', 'java'), `#!/bin/sh\necho 'openjdk version "${version}" 2025-04-15' >&2\n`);
  chmodSync(join(home, 'bin', 'java'), 0o755);
  if (withJavac) {
    writeFileSync(join(home, 'bin', 'javac'), '#!/bin/sh\necho javac\n');
    chmodSync(join(home, 'bin', 'javac'), 0o755);
  }
  return home;
}

describe('whether the console may offer the Spark engine', () => {
  const homes: string[] = [];
  afterAll(() => homes.forEach((home) => rmSync(home, { recursive: true, force: true })));
  const present = () => true;

  it('says to install a JDK 17 when there is no java', async () => {
    const status = await sparkAvailability({ PATH: '/nonexistent' }, present);
    expect(status).toEqual({
      available: false,
      reason: expect.stringMatching(/Java 17\+ and no java was found/),
    });
  });

  it('names the old version it found', async () => {
    const home = fakeJavaHome('11.0.2', true);
    homes.push(home);
    const status = await sparkAvailability({ PATH: '/nonexistent', JAVA_HOME: home }, present);
    expect(status.available).toBe(false);
    expect(status.reason).toMatch(/this is Java 11\.0\.2: install a JDK 17/);
  });

  it('refuses a JRE without javac, which cannot compile the driver', async () => {
    const home = fakeJavaHome('17.0.15', false);
    homes.push(home);
    const status = await sparkAvailability({ PATH: '/nonexistent', JAVA_HOME: home }, present);
    expect(status.reason).toMatch(/needs a JDK \(javac compiles its driver\)/);
  });

  it('says to run spark:setup when the jars are missing, and is available once they are there', async () => {
    const home = fakeJavaHome('17.0.15', true);
    homes.push(home);
    const environment = { PATH: '/nonexistent', JAVA_HOME: home };
    expect(await sparkAvailability(environment, () => false)).toEqual({
      available: false,
      reason: expect.stringMatching(/jars are not downloaded yet: run npm run spark:setup/),
    });
    expect(await sparkAvailability(environment, present)).toEqual({ available: true, reason: null });
  });
});
