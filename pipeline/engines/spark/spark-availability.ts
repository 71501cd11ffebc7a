import { findJava, minimumJavaMajor } from './java-check';
import { sparkJarsPresent } from './spark-runtime';
import { sparkVersion } from './version';

export interface SparkAvailability {
  available: boolean;
  /** Why not, in one line with the fix; null when available. */
  reason: string | null;
}

/**
 * Whether a Spark-engine run can start here without installing anything: a JDK 17+ (java and javac) and the Spark
 * jars already downloaded. The console disables its Spark choice with this reason rather than start a run that
 * fails, or spends minutes downloading 270 MB inside a web request's run.
 */
export async function sparkAvailability(
  environment: Record<string, string | undefined> = process.env,
  jarsPresent: () => boolean = sparkJarsPresent,
): Promise<SparkAvailability> {
  const java = await findJava(environment);
  if (!java)
    return {
      available: false,
      reason: `Spark needs Java ${minimumJavaMajor}+ and no java was found: install a JDK ${minimumJavaMajor} (apt-get install openjdk-17-jdk-headless) or set JAVA_HOME.`,
    };
  if (java.major < minimumJavaMajor)
    return {
      available: false,
      reason: `Spark needs Java ${minimumJavaMajor}+ and this is Java ${java.version}: install a JDK ${minimumJavaMajor} (apt-get install openjdk-17-jdk-headless) or set JAVA_HOME.`,
    };
  if (!java.javac)
    return {
      available: false,
      reason: `Spark needs a JDK (javac compiles its driver) and this Java ${java.major} is a JRE: install openjdk-17-jdk-headless.`,
    };
  if (!jarsPresent())
    return {
      available: false,
      reason: `The Spark ${sparkVersion} jars are not downloaded yet: run npm run spark:setup once (about 270 MB from Maven Central).`,
    };
  return { available: true, reason: null };
}
