import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PipelineError } from '../../contracts/errors';
import type { RunStore } from '../../contracts/services';
import { runStoreSchema, sqlRunStore } from '../sql-run-store';

/**
 * The embedded tier's run store: real Postgres (PGlite, compiled to WASM) in a data directory under the run root
 * (default `.data/runstore`). PGlite is single-user Postgres: two processes writing one data directory would
 * corrupt it, so a process holds `<dir>/.lock` (its pid) while the store is open, and another process waits for it
 * (a stale lock of a dead process is taken over). Keep the store open only for the length of a run.
 */
export interface PgliteRunStoreOptions {
  dir: string;
  /** How long to wait for another process to release the store. Default 120 s. */
  lockTimeoutMs?: number;
  /** Sleep between lock attempts (injected so tests do not wait on real time). Default 100 ms. */
  pollMs?: number;
  /**
   * Told when another process holds the store: as soon as the wait starts, every `reportEveryMs` (default 5 s)
   * while it lasts, and once with `waiting: false` when the store is ours, so a run does not queue in silence.
   */
  onWait?: (wait: RunStoreWait) => void;
  reportEveryMs?: number;
}

export interface RunStoreWait {
  /** true while waiting; false once, when the store was taken after a wait. */
  waiting: boolean;
  holderPid: number;
  waitedMs: number;
  timeoutMs: number;
  dir: string;
}

/** The log line for a wait: what the run is waiting for, for how long so far, and how long it will wait. */
export function describeRunStoreWait(wait: RunStoreWait): string {
  const waited = `${(wait.waitedMs / 1000).toFixed(1)} s`;
  if (!wait.waiting)
    return `Run store ${wait.dir} is free after waiting ${waited} for process ${wait.holderPid}'s run.`;
  return `Waiting for the run store ${wait.dir}: another run (process ${wait.holderPid}) is using it; waited ${waited}, giving up after ${Math.round(wait.timeoutMs / 1000)} s.`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface LockWaitOptions {
  timeoutMs: number;
  pollMs: number;
  reportEveryMs: number;
  onWait?: (wait: RunStoreWait) => void;
  dir: string;
}

async function acquireLock(lockFile: string, options: LockWaitOptions): Promise<void> {
  const { timeoutMs, pollMs } = options;
  const started = performance.now();
  const deadline = started + timeoutMs;
  let lastHolder = 0;
  let nextReport = started;
  const report = (waiting: boolean) =>
    options.onWait?.({
      waiting,
      holderPid: lastHolder,
      waitedMs: performance.now() - started,
      timeoutMs,
      dir: options.dir,
    });
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      if (lastHolder !== 0) report(false);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
    if (!Number.isInteger(holder) || holder <= 0 || holder === process.pid || !isAlive(holder)) {
      // A crashed process left its lock behind (or it is unreadable): take it over.
      await rm(lockFile, { force: true });
      continue;
    }
    lastHolder = holder;
    if (performance.now() >= nextReport) {
      report(true);
      nextReport = performance.now() + options.reportEveryMs;
    }
    if (performance.now() > deadline) {
      throw new PipelineError(
        'CONFLICT',
        `The run store ${lockFile} is in use by process ${holder}. Wait for its run to finish, or stop it.`,
        {
          retriable: true,
          details: { lockFile, pid: holder },
        },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Directories this process has open: a second PGlite on the same directory in one process would corrupt it too. */
const openInThisProcess = new Set<string>();

export async function openPgliteRunStore(options: PgliteRunStoreOptions): Promise<RunStore> {
  const dir = resolve(options.dir);
  if (openInThisProcess.has(dir)) {
    throw new PipelineError(
      'CONFLICT',
      `The run store ${dir} is already open in this process: share that RunStore (one per process).`,
    );
  }
  await mkdir(dir, { recursive: true });
  const lockFile = join(dir, '.lock');
  await acquireLock(lockFile, {
    timeoutMs: options.lockTimeoutMs ?? 120_000,
    pollMs: options.pollMs ?? 100,
    reportEveryMs: options.reportEveryMs ?? 5000,
    onWait: options.onWait,
    dir,
  });
  openInThisProcess.add(dir);
  let db: PGlite;
  try {
    db = await PGlite.create(join(dir, 'pgdata'));
    await db.exec(runStoreSchema);
  } catch (error) {
    await rm(lockFile, { force: true });
    openInThisProcess.delete(dir);
    throw new PipelineError('IO_ERROR', `Cannot open the run store in ${dir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return sqlRunStore(db, async () => {
    await db.close();
    await rm(lockFile, { force: true });
    openInThisProcess.delete(dir);
  });
}
