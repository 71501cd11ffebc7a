import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PipelineError } from '../../contracts/errors';

/**
 * How the Spark driver is started, from the environment (read once, validated):
 *   SPARK_MASTER              local[*] (default: this machine's cores), spark://host:7077, k8s://https://…, yarn
 *   SPARK_DRIVER_MEMORY       the driver JVM's heap, default 2g: in local mode the driver is also the only executor,
 *                             and 2 GiB holds a 1M-event run beside the web server and DuckDB on a 24 GiB machine
 *   SPARK_SHUFFLE_PARTITIONS  spark.sql.shuffle.partitions, default 8 locally (Spark's 200 makes 200 tiny tasks per
 *                             shuffle on two cores; adaptive execution coalesces them anyway); on a cluster, Spark's default
 *   SPARK_CONF                more settings, space-separated key=value (spark.executor.instances=4 spark.executor.memory=8g)
 *   SPARK_UI                  false to run without the web UI (it takes a free port from 4040 up otherwise)
 */
const settingsSchema = z.object({
  SPARK_MASTER: z
    .string()
    .regex(
      /^(local(\[(\*|\d+)(,\d+)?\])?|spark:\/\/.+|k8s:\/\/.+|yarn|mesos:\/\/.+)$/,
      'SPARK_MASTER must be local[*], local[N], spark://host:port, k8s://… or yarn',
    )
    .default('local[*]'),
  SPARK_DRIVER_MEMORY: z
    .string()
    .regex(/^\d+[mg]$/i, 'SPARK_DRIVER_MEMORY must look like 2g or 1536m')
    .default('2g'),
  SPARK_SHUFFLE_PARTITIONS: z.coerce.number().int().min(1).max(100_000).optional(),
  SPARK_CONF: z.string().default(''),
  SPARK_UI: z.enum(['true', 'false']).default('true'),
});

export interface SparkSettings {
  master: string;
  driverMemory: string;
  shufflePartitions: number | null;
  conf: Record<string, string>;
  ui: boolean;
}

export function sparkSettings(environment: Record<string, string | undefined> = process.env): SparkSettings {
  const parsed = settingsSchema.safeParse(environment);
  if (!parsed.success) {
    throw new PipelineError(
      'INVALID_ARGUMENT',
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  }
  const conf: Record<string, string> = {};
  for (const pair of parsed.data.SPARK_CONF.split(/\s+/).filter(Boolean)) {
    const [key, ...value] = pair.split('=');
    if (!key?.startsWith('spark.') || value.length === 0)
      throw new PipelineError('INVALID_ARGUMENT', `SPARK_CONF: "${pair}" is not spark.key=value`);
    conf[key] = value.join('=');
  }
  const local = parsed.data.SPARK_MASTER.startsWith('local');
  return {
    master: parsed.data.SPARK_MASTER,
    driverMemory: parsed.data.SPARK_DRIVER_MEMORY,
    shufflePartitions: parsed.data.SPARK_SHUFFLE_PARTITIONS ?? (local ? 8 : null),
    conf,
    ui: parsed.data.SPARK_UI === 'true',
  };
}

/** Java 17 closes JDK internals Spark uses; these are the opens Spark's own launcher adds. */
export const javaOpens = [
  'java.base/java.lang',
  'java.base/java.lang.invoke',
  'java.base/java.lang.reflect',
  'java.base/java.io',
  'java.base/java.net',
  'java.base/java.nio',
  'java.base/java.util',
  'java.base/java.util.concurrent',
  'java.base/java.util.concurrent.atomic',
  'java.base/sun.nio.ch',
  'java.base/sun.nio.cs',
  'java.base/sun.security.action',
  'java.base/sun.util.calendar',
];

function log4jConfig(): string {
  const candidates = [
    join(dirname(fileURLToPath(import.meta.url)), 'driver'),
    join(process.cwd(), 'pipeline', 'engines', 'spark', 'driver'),
  ];
  return join(
    candidates.find((candidate) => existsSync(join(candidate, 'log4j2.properties'))) ?? candidates[0]!,
    'log4j2.properties',
  );
}

/**
 * The JVM's options: heap, opens, and the SparkConf as spark.* system properties (SparkConf reads them). The
 * engine's semantics are fixed here, not left to defaults: UTC, timestamps without time zone (DuckDB's TIMESTAMP),
 * JSON results that keep null fields.
 */
export function sparkJvmOptions(settings: SparkSettings): string[] {
  const conf: Record<string, string> = {
    'spark.master': settings.master,
    'spark.app.name': 'pipeline-lab',
    'spark.sql.session.timeZone': 'UTC',
    'spark.sql.timestampType': 'TIMESTAMP_NTZ',
    'spark.sql.parquet.outputTimestampType': 'TIMESTAMP_MICROS',
    'spark.sql.jsonGenerator.ignoreNullFields': 'false',
    'spark.ui.enabled': String(settings.ui),
    'spark.ui.showConsoleProgress': 'false',
    ...(settings.master.startsWith('local')
      ? { 'spark.driver.host': '127.0.0.1', 'spark.driver.bindAddress': '127.0.0.1' }
      : {}),
    ...(settings.shufflePartitions
      ? { 'spark.sql.shuffle.partitions': String(settings.shufflePartitions) }
      : {}),
    ...settings.conf,
  };
  return [
    `-Xmx${settings.driverMemory}`,
    '-XX:+UseParallelGC',
    '-Duser.timezone=UTC',
    `-Dlog4j2.configurationFile=${log4jConfig()}`,
    ...javaOpens.map((open) => `--add-opens=${open}=ALL-UNNAMED`),
    ...Object.entries(conf).map(([key, value]) => `-D${key}=${value}`),
  ];
}
