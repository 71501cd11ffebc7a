import path from 'node:path';
import { httpStatusByCode, isPipelineError } from '@/pipeline/contracts/errors';
import { env } from '@/lib/env';
import { isQueueFullError } from '@/lib/runs/run-queue';

/**
 * A message without the server's absolute paths: a path below the runs root is shown relative to it, one below the
 * project relative to that. Messages written for the CLI name files in full; a web client has no use for where the
 * server keeps them.
 */
export function withoutServerPaths(message: string, roots: readonly string[] = serverRoots()): string {
  let shown = message;
  for (const root of [...roots].sort((a, b) => b.length - a.length)) {
    shown = shown
      .split(root + path.sep)
      .join('')
      .split(root)
      .join('.');
  }
  return shown;
}

function serverRoots(): string[] {
  const roots = [process.cwd()];
  try {
    roots.push(env().runsDir);
  } catch {
    // An invalid environment is reported elsewhere; the working directory is still hidden.
  }
  return roots;
}

/** Map a thrown error to a JSON answer: PipelineError codes to their status, anything else to a 500 without internals. */
export function errorResponse(error: unknown): Response {
  if (isPipelineError(error)) {
    return Response.json(
      { error: { code: error.code, message: withoutServerPaths(error.message) } },
      { status: httpStatusByCode[error.code] },
    );
  }
  if (isQueueFullError(error)) {
    return Response.json(
      { error: { code: 'QUEUE_FULL', message: error.message } },
      { status: 429, headers: { 'Retry-After': String(error.retryAfterSeconds) } },
    );
  }
  console.error(error);
  return Response.json(
    { error: { code: 'INTERNAL', message: 'Internal error: see the server log.' } },
    { status: 500 },
  );
}
