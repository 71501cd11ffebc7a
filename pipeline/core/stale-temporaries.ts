import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isAlive } from './run-lock';

/**
 * Atomic writes (the lake's objects, manifest.json) go through `<name>.tmp-<pid>-<n>` files that are renamed into
 * place. A process killed between the two leaves its temporary files behind, and nothing else would delete them
 * (the lake's listing skips them). The runner calls this under the run lock: it removes those of processes that
 * are gone and keeps those of live ones. Returns how many it removed.
 */
const temporaryName = /\.tmp-(\d+)-\d+$/;

export async function removeStaleTemporaries(root: string): Promise<number> {
  let removed = 0;
  const alive = new Map<number, boolean>();
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(path);
        continue;
      }
      const pid = Number(temporaryName.exec(entry.name)?.[1] ?? Number.NaN);
      if (!entry.isFile() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
      if (!alive.has(pid)) alive.set(pid, isAlive(pid));
      if (alive.get(pid)) continue;
      await rm(path, { force: true });
      removed++;
    }
  };
  await walk(root);
  return removed;
}
