/**
 * Downloads the Spark and Iceberg jars once into .cache/spark/libs (Maven Central, about 270 MB + 45 MB) and compiles
 * the Spark driver,
 * so the first `--engine spark` run starts at once. Safe to run again: a finished download is not repeated.
 *
 *   npm run spark:setup
 */
import { requireJava } from '../pipeline/engines/spark/java-check';
import { ensureDriverClasses, ensureSparkJars } from '../pipeline/engines/spark/spark-runtime';
import { icebergVersion, sparkVersion } from '../pipeline/engines/spark/version';

const java = await requireJava();
let reported = 0;
const libs = await ensureSparkJars((progress) => {
  // Iceberg's runtime is one shaded jar of about 45 MB: say so when it lands (it may be the only download).
  if (progress.jar?.startsWith('iceberg-')) {
    process.stderr.write(
      `Iceberg ${icebergVersion} Spark runtime downloaded (${progress.jar}); ${progress.artifacts} jars, ${Math.round(progress.bytes / 1e6)} MB so far\n`,
    );
    return;
  }
  if (progress.artifacts - reported < 10) return;
  reported = progress.artifacts;
  process.stderr.write(
    `Spark ${sparkVersion} jars: ${progress.artifacts} downloaded, ${Math.round(progress.bytes / 1e6)} MB\n`,
  );
});
const classes = await ensureDriverClasses(libs);
process.stdout.write(
  `Spark ${sparkVersion} + Iceberg ${icebergVersion} ready for Java ${java.version}: jars in ${libs}, driver in ${classes}\n`,
);
