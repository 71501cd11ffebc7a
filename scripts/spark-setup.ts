/**
 * Downloads the Spark jars once into .cache/spark/libs (Maven Central, about 270 MB) and compiles the Spark driver,
 * so the first `--engine spark` run starts at once. Safe to run again: a finished download is not repeated.
 *
 *   npm run spark:setup
 */
import { requireJava } from '../pipeline/engines/spark/java-check';
import { ensureDriverClasses, ensureSparkJars } from '../pipeline/engines/spark/spark-runtime';
import { sparkVersion } from '../pipeline/engines/spark/version';

const java = await requireJava();
let reported = 0;
const libs = await ensureSparkJars((progress) => {
  if (progress.artifacts - reported < 10) return;
  reported = progress.artifacts;
  process.stderr.write(
    `Spark ${sparkVersion} jars: ${progress.artifacts} downloaded, ${Math.round(progress.bytes / 1e6)} MB\n`,
  );
});
const classes = await ensureDriverClasses(libs);
process.stdout.write(
  `Spark ${sparkVersion} ready for Java ${java.version}: jars in ${libs}, driver in ${classes}\n`,
);
