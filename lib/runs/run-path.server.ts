import 'server-only';
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { PipelineError } from '@/pipeline/contracts/errors';

/**
 * A run-relative path resolved inside the run directory, or null when it does not exist. As for served files
 * (run-files.server.ts), the real path must equal the lexical one: a symlink anywhere on the way is refused.
 */
export async function resolveInsideRun(runDir: string, relative: string, kind: 'file' | 'directory'): Promise<string | null> {
  const segments = relative.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.includes('\\') || segment.includes('\0'))) {
    throw new PipelineError('INVALID_ARGUMENT', `"${relative.slice(0, 80)}" is not a plain run-relative path.`);
  }
  let root: string;
  try {
    root = await realpath(runDir);
  } catch {
    return null;
  }
  const lexical = path.join(root, ...segments);
  if (!lexical.startsWith(root + path.sep)) throw new PipelineError('INVALID_ARGUMENT', 'Path leaves the run directory.');
  try {
    const stats = await lstat(lexical);
    if (stats.isSymbolicLink() || (await realpath(lexical)) !== lexical) {
      throw new PipelineError('INVALID_ARGUMENT', `"${relative}" is or passes through a symbolic link: refused.`);
    }
    return (kind === 'file' ? stats.isFile() : stats.isDirectory()) ? lexical : null;
  } catch (error) {
    if (error instanceof PipelineError) throw error;
    return null;
  }
}
