import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PipelineError } from '../contracts/errors';

/**
 * One process at a time may work on a run directory: `<runDir>/.run.lock` holds its pid. A lock whose process is
 * gone (killed mid-stage) is stale and taken over, which is how a crashed run is resumed.
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function lockRun(runDir: string): Promise<() => Promise<void>> {
  const lockFile = join(runDir, '.run.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new PipelineError('CONFLICT', `The run in ${runDir} is being worked on by process ${holder}. Wait for it, or stop that process.`, {
        details: { runDir, pid: holder },
      });
    }
    await rm(lockFile, { force: true });
  }
  throw new PipelineError('CONFLICT', `Could not lock ${lockFile}.`);
}
