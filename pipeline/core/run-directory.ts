import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describeFsError } from './fs-errors';

/**
 * Makes sure a run directory can be used before anything is opened in it: it exists as a directory (created
 * here if missing) and this user may create files in it. Returns what is wrong, in words, or null. Checking
 * first matters because the services open several things at once, and a failure halfway through must not
 * leave one of them holding a lock.
 */
export async function runDirectoryProblem(dir: string): Promise<string | null> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    return (await ancestorProblem(dir)) ?? describeFsError(error, dir);
  }
  if (!(await stat(dir)).isDirectory()) return `${dir} is a file, not a directory`;
  try {
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    return describeFsError(error, dir);
  }
  return null;
}

/**
 * Why `dir` could not be created, found at the nearest path on the way that exists: a file, or a directory this
 * user cannot write (recursive mkdir reports a read-only parent as ENOENT, so its own error is not enough).
 */
async function ancestorProblem(dir: string): Promise<string | null> {
  for (let path = dir; ; path = dirname(path)) {
    const info = await stat(path).catch(() => null);
    if (info && !info.isDirectory()) return `${path} is a file, not a directory`;
    if (info)
      return access(path, constants.W_OK | constants.X_OK).then(
        () => null,
        (error: unknown) => describeFsError(error, path),
      );
    if (dirname(path) === path) return null;
  }
}
