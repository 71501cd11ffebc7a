import 'server-only';
import { realRunDirectory } from './run-directory.server';
import { checkSegments, statBelow } from './run-files.server';

/**
 * A run-relative path resolved inside the run directory, or null when it does not exist. The same checks as for
 * served files (run-files.server.ts): plain segments only, and no symlink anywhere on the way.
 */
export async function resolveInsideRun(
  runDir: string,
  relative: string,
  kind: 'file' | 'directory',
): Promise<string | null> {
  const segments = relative.split('/');
  checkSegments(segments);
  const root = await realRunDirectory(runDir);
  if (root === null) return null;
  const found = await statBelow(root, segments, relative);
  if (!found) return null;
  return (kind === 'file' ? found.stats.isFile() : found.stats.isDirectory()) ? found.filePath : null;
}
