import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJavaMajor, requireJava } from './java-check';
import { sparkErrorMessage } from './spark-driver';
import { downloadedBytes, failedArtifacts } from './spark-runtime';
import { sparkJvmOptions, sparkSettings } from './spark-settings';
import { splitStatements, tableStatement } from './spark-sql-files';

describe('Java detection', () => {
  it('reads the major version of old and new version strings', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')).toEqual({
      major: 17,
      version: '17.0.15',
    });
    expect(parseJavaMajor('java version "1.8.0_392"')).toEqual({ major: 8, version: '1.8.0_392' });
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toEqual({ major: 21, version: '21' });
    expect(parseJavaMajor('command not found')).toBeNull();
  });

  it('names what to install when there is no java at all', async () => {
    await expect(requireJava({ PATH: '/nonexistent' })).rejects.toThrow(
      /needs Java 17 or newer, and no java was found\. Install a JDK 17.*openjdk-17-jdk-headless.*DuckDB engine/,
    );
  });

  it('refuses a Java older than 17 and says which one it found', async () => {
    // A stand-in for an old JDK: a real one is not installed here, and only its version line matters.
    const home = mkdtempSync(join(tmpdir(), 'old-java-'));
    mkdirSync(join(home, 'bin'));
    writeFileSync(join(home, 'bin', 'java'), '#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n');
    chmodSync(join(home, 'bin', 'java'), 0o755);
    await expect(requireJava({ PATH: '/usr/bin:/bin', JAVA_HOME: home })).rejects.toThrow(
      /needs Java 17 or newer \(Spark 4 needs it\), and .*java is Java 11\.0\.2/,
    );
  });
});

describe('Maven output', () => {
  it('names the artifacts a failed resolve could not download', () => {
    const output = [
      '[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/apache/spark/spark-core_2.13/4.0.1/spark-core_2.13-4.0.1.jar',
      '[ERROR] Failed to execute goal on project spark-runtime: Could not resolve dependencies for project pipeline-lab:spark-runtime:jar:1: The following artifacts could not be resolved: org.apache.spark:spark-core_2.13:jar:4.0.1 (absent): Could not transfer artifact org.apache.spark:spark-core_2.13:jar:4.0.1 from/to central (https://repo.maven.apache.org/maven2): Connection reset',
    ].join('\n');
    expect(failedArtifacts(output)).toContain('org.apache.spark:spark-core_2.13:jar:4.0.1');
  });

  it('reads the size of each downloaded file', () => {
    expect(downloadedBytes('Downloaded from central: https://repo/x.jar (1.2 MB at 3.4 MB/s)')).toBe(
      1_200_000,
    );
    expect(downloadedBytes('Downloaded from central: https://repo/x.pom (880 B at 9 kB/s)')).toBe(880);
    expect(downloadedBytes('Downloading from central: https://repo/x.jar')).toBe(0);
  });
});

describe('Spark SQL files', () => {
  it('splits statements at a semicolon that ends a line, outside quotes and comments', () => {
    const sql =
      "-- a comment; not the end\nSELECT 'a;\nb' AS x;\nCREATE OR REPLACE TABLE t AS\nSELECT 1;\n-- only a comment;\n";
    expect(splitStatements(sql)).toEqual([
      "-- a comment; not the end\nSELECT 'a;\nb' AS x",
      'CREATE OR REPLACE TABLE t AS\nSELECT 1',
    ]);
  });

  it('recognises the statements that make a table of the run', () => {
    expect(tableStatement('-- why\nCREATE OR REPLACE TABLE stg_users AS\nSELECT 1')).toEqual({
      name: 'stg_users',
      query: 'SELECT 1',
    });
    expect(tableStatement('CACHE TABLE x AS SELECT 1')).toBeNull();
  });
});

describe('driver settings', () => {
  it('runs locally on every core with a 2 GiB heap and 8 shuffle partitions by default', () => {
    const settings = sparkSettings({});
    expect(settings).toMatchObject({
      master: 'local[*]',
      driverMemory: '2g',
      shufflePartitions: 8,
      ui: true,
    });
    const options = sparkJvmOptions(settings);
    expect(options).toContain('-Xmx2g');
    expect(options).toContain('--add-opens=java.base/sun.nio.ch=ALL-UNNAMED');
    expect(options).toContain('-Dspark.sql.session.timeZone=UTC');
    expect(options).toContain('-Dspark.sql.timestampType=TIMESTAMP_NTZ');
  });

  it('takes a cluster master and extra settings from the environment', () => {
    const settings = sparkSettings({
      SPARK_MASTER: 'spark://10.0.0.5:7077',
      SPARK_CONF: 'spark.executor.instances=4 spark.executor.memory=8g',
    });
    expect(settings.shufflePartitions).toBeNull();
    const options = sparkJvmOptions(settings);
    expect(options).toContain('-Dspark.master=spark://10.0.0.5:7077');
    expect(options).toContain('-Dspark.executor.memory=8g');
    expect(options.some((option) => option.startsWith('-Dspark.driver.host'))).toBe(false);
  });

  it('rejects a master it cannot use, naming the variable', () => {
    expect(() => sparkSettings({ SPARK_MASTER: 'localhost:7077' })).toThrow(
      /SPARK_MASTER must be local\[\*\]/,
    );
    expect(() => sparkSettings({ SPARK_CONF: 'executor.memory=8g' })).toThrow(
      /SPARK_CONF: "executor.memory=8g" is not spark.key=value/,
    );
  });
});

describe('error summaries', () => {
  it('puts the error class first and never a stack trace', () => {
    const message = sparkErrorMessage(
      {
        type: 'error',
        id: 3,
        message: 'The table or view `nope` cannot be found.',
        exception: 'org.apache.spark.sql.AnalysisException',
        errorClass: 'TABLE_OR_VIEW_NOT_FOUND',
        sqlState: '42P01',
      },
      'in validate/users.sql (statement 2)',
    );
    expect(message).toBe(
      'Spark failed in validate/users.sql (statement 2): [TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found.',
    );
  });
});
