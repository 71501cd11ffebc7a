import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PipelineError } from '../contracts/errors';
import { manifestSchema, type Manifest } from '../contracts/manifest';
import { describeFsError } from './fs-errors';

/**
 * manifest.json at the root of a run directory: written after every stage transition, atomically (temporary file,
 * then rename), so a reader never sees half a manifest and a crash leaves the last complete state.
 */
export function manifestPath(runDir: string): string {
  return join(runDir, 'manifest.json');
}

export async function readManifest(runDir: string): Promise<Manifest | null> {
  const path = manifestPath(runDir);
  if (!existsSync(path)) return null;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new PipelineError(
      'CORRUPT_DATA',
      `${path} is not valid JSON: ${(error as Error).message}. Delete the run directory and run again.`,
      { cause: error },
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PipelineError(
      'CORRUPT_DATA',
      `${path} does not match the manifest schema at ${issue?.path.join('.')}: ${issue?.message}`,
      {
        details: { issues: parsed.error.issues },
      },
    );
  }
  return parsed.data;
}

let writeCounter = 0;
export async function writeManifest(runDir: string, manifest: Manifest): Promise<void> {
  const path = manifestPath(runDir);
  const temporary = `${path}.tmp-${process.pid}-${++writeCounter}`;
  const text = `${JSON.stringify(manifestSchema.parse(manifest), null, 2)}\n`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    // A failed write (a full disk) must not leave its half-written temporary file behind.
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new PipelineError('IO_ERROR', `Could not save ${path}: ${describeFsError(error, runDir)}.`, {
      cause: error,
      details: { path },
    });
  }
}
