import 'server-only';
import { lstat, realpath } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { PipelineError } from '@/pipeline/contracts/errors';

/**
 * The real path of a run directory, or null when there is none. The directory itself must be a plain directory
 * straight below the runs root: a symbolic link (say `<runs>/evil -> /etc`), or a root whose real path puts the
 * run elsewhere, is refused, since everything below is checked against this path.
 */
export async function realRunDirectory(runDir: string): Promise<string | null> {
  const runId = path.basename(runDir);
  let stats: Stats;
  try {
    stats = await lstat(runDir);
  } catch {
    return null;
  }
  if (stats.isSymbolicLink())
    throw new PipelineError('INVALID_ARGUMENT', `Run directory "${runId}" is a symbolic link: refused.`);
  if (!stats.isDirectory()) return null;
  const [realRoot, real] = await Promise.all([realpath(path.dirname(runDir)), realpath(runDir)]);
  if (real !== path.join(realRoot, runId)) {
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `Run directory "${runId}" resolves outside the runs directory: refused.`,
    );
  }
  return real;
}
