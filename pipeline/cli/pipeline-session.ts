import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { Manifest, RunConfig } from '../contracts/manifest';
import type { StageName } from '../contracts/stages';
import { createLogger } from '../core/logger';
import { closeSharedSparkDriver } from '../engines/spark/spark-session';
import { runPipeline } from '../run';
import { createServices } from '../services/create-services';
import { describeRunStoreWait } from '../services/embedded/pglite-run-store';
import { createProgressBar, type ProgressBar } from './progress';
import { renderSummary, summarize } from './run-summary';
import type { CliIo } from './types';

/** Where runs live by default: PIPELINE_LAB_RUNS_DIR (as lib/env.ts reads it), else .data/runs. */
export function runsRoot(io: CliIo): string {
  const configured = z.string().min(1).optional().parse(process.env.PIPELINE_LAB_RUNS_DIR);
  return resolve(io.cwd, configured ?? join('.data', 'runs'));
}

/** The PGlite run store sits beside the runs folder (.data/runstore), shared by every run of this checkout. */
export function runStoreDir(io: CliIo): string {
  return join(dirname(runsRoot(io)), 'runstore');
}

/** A run id from a directory name: lower case, [a-z0-9-], at most 64 characters (the manifest's rule). */
export function runIdFor(runDir: string): string {
  const cleaned = basename(runDir)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 64);
  return cleaned.length > 0 ? cleaned : 'run';
}

export interface SessionOptions {
  runDir: string;
  config: RunConfig;
  until?: StageName;
  only?: StageName;
}

/** Opens the services, runs the DAG with progress bars (TTY) or JSON log lines, prints the summary, closes. */
export async function runSession(
  io: CliIo,
  options: SessionOptions,
): Promise<{ manifest: Manifest; exitCode: number }> {
  // On a TTY a log line first clears the progress bar drawn on the current line (the bar redraws on its next update).
  const logSink = {
    write: (text: string) => io.stderr.write(io.stderr.isTTY ? `\r\x1b[K${text}` : text),
    isTTY: io.stderr.isTTY,
  };
  const log = createLogger({ sink: logSink, clock: io.clock });
  const services = await createServices({
    tier: options.config.tier,
    runDir: options.runDir,
    runStoreDir: runStoreDir(io),
    clock: io.clock,
    onRunStoreWait: (wait) =>
      log.log(wait.waiting ? 'warn' : 'info', describeRunStoreWait(wait), { ...wait }),
  });
  const bars = new Map<StageName, ProgressBar>();
  let manifest: Manifest;
  try {
    manifest = await runPipeline({
      runId: runIdFor(options.runDir),
      runDir: options.runDir,
      config: options.config,
      services,
      clock: io.clock,
      log,
      signal: io.signal,
      until: options.until,
      only: options.only,
      onProgress: (stage, progress) => {
        let bar = bars.get(stage);
        if (!bar) bars.set(stage, (bar = createProgressBar(io.stderr, io.clock, stage.padEnd(9))));
        bar.update(progress);
      },
      onStage: (record) => {
        if (record.status !== 'running') bars.get(record.name)?.finish();
      },
    });
  } finally {
    await services.close();
    await closeSharedSparkDriver();
  }
  const summary = summarize(manifest, options.runDir);
  if (io.stdout.isTTY) io.stdout.write(renderSummary(summary));
  else
    io.stdout.write(
      `${JSON.stringify({ level: 'info', message: 'run summary', time: io.clock.now(), fields: summary })}\n`,
    );
  return { manifest, exitCode: 0 };
}
