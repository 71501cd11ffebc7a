import { open, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PipelineError } from '../contracts/errors';
import { describeFsError } from './fs-errors';

/**
 * One process at a time may work on a run directory: `<runDir>/.run.lock` holds its pid. A lock whose process is
 * gone (killed mid-stage) is stale and taken over, which is how a crashed run is resumed.
 *
 * The lock is taken before anything else opens the run (the services take it first, and the runner again), so a
 * second process is refused with CONFLICT at once rather than by whichever file lock it meets first. Within one
 * process the lock is counted: the file goes when the last holder releases it.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const heldHere = new Map<string, number>();

export async function lockRun(runDir: string): Promise<() => Promise<void>> {
  const lockFile = join(resolve(runDir), '.run.lock');
  const held = heldHere.get(lockFile);
  if (held !== undefined) {
    heldHere.set(lockFile, held + 1);
    return releaser(lockFile);
  }
  await createLockFile(lockFile, runDir);
  heldHere.set(lockFile, 1);
  return releaser(lockFile);
}

function releaser(lockFile: string): () => Promise<void> {
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    const count = (heldHere.get(lockFile) ?? 1) - 1;
    if (count > 0) {
      heldHere.set(lockFile, count);
      return;
    }
    heldHere.delete(lockFile);
    await rm(lockFile, { force: true });
  };
}

async function createLockFile(lockFile: string, runDir: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lockFile, 'wx');
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        await rm(lockFile, { force: true }).catch(() => undefined);
        throw new PipelineError(
          'IO_ERROR',
          `Cannot lock the run in ${runDir}: ${describeFsError(error, lockFile)}.`,
          { cause: error, details: { runDir } },
        );
      }
    }
    const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new PipelineError(
        'CONFLICT',
        `The run in ${runDir} is being worked on by process ${holder}. Wait for it, or stop that process.`,
        {
          details: { runDir, pid: holder },
        },
      );
    }
    await rm(lockFile, { force: true });
  }
  throw new PipelineError('CONFLICT', `Could not lock ${lockFile}.`);
}
