import 'server-only';
import { lstat, realpath } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { PipelineError } from '@/pipeline/contracts/errors';
import { fileResponse } from '@/lib/http/file-response.server';
import { runDirectory } from './registry.server';
import { realRunDirectory } from './run-directory.server';

export interface ResolvedRunFile {
  filePath: string;
  stats: Stats;
}

const maxSegments = 16;
const maxSegmentLength = 255;

/** Reject a requested path before it is joined to anything: every segment must be a plain file or folder name. */
export function checkSegments(segments: readonly string[]): void {
  if (segments.length === 0) throw new PipelineError('INVALID_ARGUMENT', 'No file path given.');
  if (segments.length > maxSegments)
    throw new PipelineError('INVALID_ARGUMENT', `Path has more than ${maxSegments} segments.`);
  for (const segment of segments) {
    const shown = JSON.stringify(segment.slice(0, 80));
    if (segment.includes('\0')) throw new PipelineError('INVALID_ARGUMENT', 'Path contains a NUL byte.');
    if (segment === '' || segment === '.' || segment === '..') {
      throw new PipelineError(
        'INVALID_ARGUMENT',
        `Path segment ${shown} is not allowed: no empty, "." or ".." segments.`,
      );
    }
    if (
      segment.includes('/') ||
      segment.includes('\\') ||
      path.isAbsolute(segment) ||
      /^[a-zA-Z]:/.test(segment)
    ) {
      throw new PipelineError('INVALID_ARGUMENT', `Path segment ${shown} must be a plain name, not a path.`);
    }
    if (segment.length > maxSegmentLength)
      throw new PipelineError('INVALID_ARGUMENT', 'Path segment is too long.');
  }
}

/**
 * `segments` (already checked) below `root` (a real path): the lexical path and its stats, or null when nothing is
 * there. The real path must equal the lexical one, so a symlink anywhere on the way, pointing in or out, is refused
 * rather than followed. Shared by the file route and the console's run inspection (run-path.server.ts).
 */
export async function statBelow(
  root: string,
  segments: readonly string[],
  shownPath: string,
): Promise<ResolvedRunFile | null> {
  const lexical = path.join(root, ...segments);
  if (!lexical.startsWith(root + path.sep))
    throw new PipelineError('INVALID_ARGUMENT', 'Path leaves the run directory.');
  let stats: Stats;
  let real: string;
  try {
    stats = await lstat(lexical);
    real = await realpath(lexical);
  } catch {
    return null;
  }
  if (stats.isSymbolicLink() || real !== lexical) {
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `"${shownPath}" is or passes through a symbolic link: refused.`,
    );
  }
  // A hard link is a second name for a file that may live anywhere on the disk; the pipeline never makes one.
  if (stats.isFile() && stats.nlink > 1) {
    throw new PipelineError('INVALID_ARGUMENT', `"${shownPath}" has ${stats.nlink} hard links: refused.`);
  }
  return { filePath: lexical, stats };
}

/**
 * Resolve a file inside one run's directory. The real path (symlinks resolved) must equal the lexical path, so a
 * symlink anywhere below the run directory, pointing in or out, is refused rather than followed.
 */
export async function resolveRunFile(
  runId: string,
  segments: readonly string[],
  runsDir?: string,
): Promise<ResolvedRunFile> {
  checkSegments(segments);
  const realRunDir = await realRunDirectory(runDirectory(runId, runsDir));
  if (realRunDir === null) throw new PipelineError('NOT_FOUND', `Run "${runId}" does not exist.`);
  const relativePath = segments.join('/');
  const found = await statBelow(realRunDir, segments, relativePath);
  if (!found) throw new PipelineError('NOT_FOUND', `Run "${runId}" has no file "${relativePath}".`);
  if (!found.stats.isFile())
    throw new PipelineError('NOT_FOUND', `"${relativePath}" in run "${runId}" is not a file.`);
  return found;
}

const contentTypes: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.ndjson': 'application/x-ndjson; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.parquet': 'application/vnd.apache.parquet',
  '.duckdb': 'application/octet-stream',
};

/** A run's files change while it runs, so clients revalidate (cheap with the ETag) instead of caching blindly. */
export async function runFileResponse(
  request: Request,
  runId: string,
  segments: readonly string[],
  runsDir?: string,
): Promise<Response> {
  const { filePath, stats } = await resolveRunFile(runId, segments, runsDir);
  return fileResponse({
    request,
    filePath,
    stats,
    contentType: contentTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream',
    cacheControl: 'private, no-cache',
  });
}
