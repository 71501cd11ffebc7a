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
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function acquireLock(lockFile: string, timeoutMs: number, pollMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
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
    if (performance.now() > deadline) {
      throw new PipelineError('CONFLICT', `The run store ${lockFile} is in use by process ${holder}. Wait for its run to finish, or stop it.`, {
        retriable: true,
        details: { lockFile, pid: holder },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Directories this process has open: a second PGlite on the same directory in one process would corrupt it too. */
const openInThisProcess = new Set<string>();

export async function openPgliteRunStore(options: PgliteRunStoreOptions): Promise<RunStore> {
  const dir = resolve(options.dir);
  if (openInThisProcess.has(dir)) {
    throw new PipelineError('CONFLICT', `The run store ${dir} is already open in this process: share that RunStore (one per process).`);
  }
  await mkdir(dir, { recursive: true });
  const lockFile = join(dir, '.lock');
  await acquireLock(lockFile, options.lockTimeoutMs ?? 120_000, options.pollMs ?? 100);
  openInThisProcess.add(dir);
  let db: PGlite;
  try {
    db = await PGlite.create(join(dir, 'pgdata'));
    await db.exec(runStoreSchema);
  } catch (error) {
    await rm(lockFile, { force: true });
    openInThisProcess.delete(dir);
    throw new PipelineError('IO_ERROR', `Cannot open the run store in ${dir}: ${(error as Error).message}`, { cause: error });
  }
  return sqlRunStore(db, async () => {
    await db.close();
    await rm(lockFile, { force: true });
    openInThisProcess.delete(dir);
  });
}
