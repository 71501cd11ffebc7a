import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StageName } from '@/pipeline/contracts/stages';
import { sparkRecordDirectory, sparkStageRecordSchema } from '@/pipeline/contracts/spark-stage-record';
import type { SparkStageView } from './inspect-types';

/** Spark's UI as the driver announces it in local mode: http on a loopback address, nothing else is linked. */
const loopbackUi = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{2,5}\/?$/;

/** Whether the process is still the Spark driver that wrote the record (a pid can be reused after it exits). */
async function driverLives(pid: number): Promise<boolean> {
  try {
    const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return commandLine.includes('PipelineLabSparkDriver');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || process.platform === 'linux') return false;
  }
  // Without /proc, only whether some process has that id.
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * What a stage ran on Spark (`<runDir>/spark/<stage>.json`), validated, with whether its live Spark UI can be
 * opened now. Null when the stage has no record (the DuckDB engine, or not run yet); a record that does not
 * validate is reported as unavailable rather than shown half.
 */
export async function readSparkStage(
  runDir: string,
  stage: StageName,
): Promise<{ spark: SparkStageView | null; sparkUnavailable?: string }> {
  const file = path.join(runDir, sparkRecordDirectory, `${stage}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { spark: null };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { spark: null, sparkUnavailable: `${sparkRecordDirectory}/${stage}.json is not JSON.` };
  }
  const parsed = sparkStageRecordSchema.safeParse(json);
  if (!parsed.success || parsed.data.stage !== stage)
    return {
      spark: null,
      sparkUnavailable: `${sparkRecordDirectory}/${stage}.json is not a Spark stage record of ${stage}: ${
        parsed.success
          ? `it is ${parsed.data.stage}'s`
          : parsed.error.issues
              .slice(0, 2)
              .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
              .join('; ')
      }`,
    };
  const record = parsed.data;
  const loopback = record.uiUrl !== null && loopbackUi.test(record.uiUrl);
  const alive = record.driverPid !== null && (await driverLives(record.driverPid));
  const uiNote =
    record.uiUrl === null
      ? 'The driver ran without its web UI (SPARK_UI=false).'
      : !loopback
        ? `The driver's UI (${record.uiUrl}) is not on this machine's loopback address, so it is not linked.`
        : alive
          ? 'The Spark UI lives as long as the driver: the run process that started it closes it when its job ends.'
          : "The Spark UI closed with its driver when the run's process finished; run a Spark stage again to see it live.";
  return { spark: { ...record, uiLive: loopback && alive, uiNote } };
}
