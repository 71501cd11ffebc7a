import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StageContext } from '../../contracts/stage';
import type { StageName } from '../../contracts/stages';
import { fillSql } from '../../stages/sql-files';
import type { SparkDriver, SparkMetrics, SparkProgress } from './spark-driver';
import { sharedSparkDriver } from './spark-session';
import { readSparkSql, splitStatements, tableStatement } from './spark-sql-files';
import { sparkStageRecorder } from './spark-stage-record-file';
import { loadSparkTables } from './spark-to-duckdb';

/**
 * Runs a stage's Spark SQL files on the shared driver: every `CREATE OR REPLACE TABLE` becomes Parquet in
 * <runDir>/work/spark/<table> (a table of the run, readable by a later process resuming it), then the tables the
 * rest of the pipeline reads are loaded into the working DuckDB, so export, quality and the console work unchanged.
 * What ran (each statement, the executed plan of each table written, Spark's figures) is kept in
 * <runDir>/spark/<stage>.json for the console's stage drawer.
 */
export interface SparkStageReport {
  sparkVersion: string;
  master: string;
  uiUrl: string | null;
  driverStartMs: number;
  statements: number;
  sparkMs: number;
  loadMs: number;
  jobs: number;
  stages: number;
  tasks: number;
  shuffleReadBytes: number;
  shuffleWriteBytes: number;
  spillBytes: number;
  driverPeakHeapBytes: number;
  driverPeakRssBytes: number;
  tables: Record<string, number>;
  /** Per table written: rows, the Spark SQL and its shuffle figures (for the stage drawer). */
  steps: Array<{
    file: string;
    table: string | null;
    durationMs: number;
    rows: number;
    shuffleWriteBytes: number;
    shuffleReadBytes: number;
    spillBytes: number;
  }>;
}

const registeredRun = new WeakMap<SparkDriver, string>();

export function sparkTablesDirectory(runDir: string): string {
  return join(runDir, 'work', 'spark');
}

/** Makes the run's earlier Spark tables visible to this session (a run resumed in a new process, or a second run). */
async function registerRunTables(driver: SparkDriver, runDir: string): Promise<void> {
  if (registeredRun.get(driver) === runDir) return;
  const directory = sparkTablesDirectory(runDir);
  if (existsSync(directory)) {
    for (const name of readdirSync(directory).sort()) {
      if (/^[a-z_][a-z0-9_]*$/.test(name) && existsSync(join(directory, name, '_SUCCESS')))
        await driver.register(name, join(directory, name));
    }
  }
  registeredRun.set(driver, runDir);
}

const emptyMetrics = (): SparkMetrics => ({
  jobs: 0,
  stages: 0,
  tasks: 0,
  shuffleReadBytes: 0,
  shuffleWriteBytes: 0,
  spillBytes: 0,
  recordsWritten: 0,
  inputBytes: 0,
  peakExecutionMemory: 0,
});

export async function runSparkStage(
  context: StageContext,
  stage: StageName,
  files: ReadonlyArray<{ file: string; values: Record<string, string> }>,
  loadTables: readonly string[],
): Promise<SparkStageReport> {
  const log = context.log.child(stage);
  const driver = await sharedSparkDriver(log);
  const onAbort = () => driver.kill();
  context.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await registerRunTables(driver, context.runDir);
    const work = files.map(({ file, values }) => ({
      file,
      statements: splitStatements(fillSql(readSparkSql(stage, file), values)),
    }));
    const total = work.reduce((sum, item) => sum + item.statements.length, 0);
    const totals = emptyMetrics();
    const tables: Record<string, number> = {};
    const steps: SparkStageReport['steps'] = [];
    let done = 0;
    const started = performance.now();
    const recorder = sparkStageRecorder(context, stage, driver);
    const onProgress = (progress: SparkProgress) => {
      recorder.progress(progress);
      log.log('debug', 'spark progress', { ...progress });
    };
    for (const { file, statements } of work) {
      for (const [index, statement] of statements.entries()) {
        const table = tableStatement(statement);
        const label = `in ${stage}/${file} (statement ${index + 1}${table ? `, table ${table.name}` : ''})`;
        const ran = {
          file: `${stage}/${file}`,
          index: index + 1,
          sql: statement,
          table: table?.name ?? null,
        };
        recorder.started(ran);
        const result = await (
          table
            ? driver.write(table.name, table.query, join(sparkTablesDirectory(context.runDir), table.name), {
                label,
                onProgress,
                plan: true,
              })
            : driver.sql(statement, { label, onProgress })
        ).catch(async (error: unknown) => {
          await recorder.failed(error instanceof Error ? error.message : String(error));
          throw error;
        });
        await recorder.finished(ran, result);
        for (const key of Object.keys(totals) as Array<keyof SparkMetrics>) {
          const [sum, value] = [totals[key] ?? 0, result.metrics[key] ?? 0];
          totals[key] = key === 'peakExecutionMemory' ? Math.max(sum, value) : sum + value;
        }
        if (table) {
          tables[table.name] = result.metrics.recordsWritten;
          steps.push({
            file,
            table: table.name,
            durationMs: result.durationMs,
            rows: result.metrics.recordsWritten,
            shuffleWriteBytes: result.metrics.shuffleWriteBytes,
            shuffleReadBytes: result.metrics.shuffleReadBytes,
            spillBytes: result.metrics.spillBytes,
          });
        }
        log.log('debug', 'spark statement done', {
          file,
          statement: index + 1,
          table: table?.name ?? null,
          durationMs: result.durationMs,
          jobs: result.metrics.jobs,
        });
        context.progress({ done: ++done, total: total + 1, unit: 'Spark statements' });
      }
    }
    const sparkMs = performance.now() - started;
    const loadStarted = performance.now();
    await loadSparkTables(context.services.warehouse, context.runDir, loadTables);
    context.progress({ done: total + 1, total: total + 1, unit: 'Spark statements' });
    const report: SparkStageReport = {
      sparkVersion: driver.ready.sparkVersion,
      master: driver.ready.master,
      uiUrl: driver.ready.uiUrl,
      driverStartMs: driver.ready.launchMs,
      statements: total,
      sparkMs: Math.round(sparkMs),
      loadMs: Math.round(performance.now() - loadStarted),
      jobs: totals.jobs,
      stages: totals.stages,
      tasks: totals.tasks,
      shuffleReadBytes: totals.shuffleReadBytes,
      shuffleWriteBytes: totals.shuffleWriteBytes,
      spillBytes: totals.spillBytes,
      driverPeakHeapBytes: driver.peakHeapBytes,
      driverPeakRssBytes: driver.peakRssBytes,
      tables,
      steps,
    };
    log.log('info', 'Spark SQL done', {
      statements: total,
      sparkMs: report.sparkMs,
      shuffleWriteBytes: totals.shuffleWriteBytes,
      spillBytes: totals.spillBytes,
    });
    return report;
  } finally {
    context.signal.removeEventListener('abort', onAbort);
  }
}
