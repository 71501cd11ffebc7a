import 'server-only';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { PipelineError } from '@/pipeline/contracts/errors';
import type { Sample } from './inspect-types';
import { readNdjsonHead } from './ndjson-head.server';
import { resolveInsideRun } from './run-path.server';
import { samplePaths } from './sample-sources';
import { columnsOf, toSampleRow } from './sample-values';
import { sampleRowLimit } from './table-sample.server';

/** Folders below a sampled folder that are searched for its first file (raw zone: entity/event_date=…/part-…). */
const maxDepth = 2;

async function firstNdjsonBelow(dir: string, depth: number): Promise<string | null> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const file = entries.find((entry) => entry.isFile() && entry.name.endsWith('.ndjson'));
  if (file) return path.join(dir, file.name);
  if (depth >= maxDepth) return null;
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const found = await firstNdjsonBelow(path.join(dir, entry.name), depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * The first records of an NDJSON file of the run, or of the first NDJSON file below a folder (`directory`).
 * Only paths on the allow-list of sample-sources.ts are read; anything else is refused.
 */
export async function readNdjsonSample(
  runDir: string,
  relativePath: string,
  options: { directory?: boolean; label?: string; limit?: number } = {},
): Promise<Sample> {
  if (!samplePaths.has(relativePath))
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `"${relativePath.slice(0, 80)}" is not a path the console samples.`,
    );
  const label = options.label ?? relativePath;
  const missing: Sample = {
    label,
    source: relativePath,
    columns: [],
    rows: [],
    unavailable: 'Not written yet: run the stage that creates it.',
  };
  const resolved = await resolveInsideRun(runDir, relativePath, options.directory ? 'directory' : 'file');
  if (!resolved) return missing;
  const file = options.directory ? await firstNdjsonBelow(resolved, 0) : resolved;
  if (!file) return missing;
  const rows = (await readNdjsonHead(file, options.limit ?? sampleRowLimit)).map(toSampleRow);
  // `resolved` is the real run directory joined with relativePath: strip it to name the file run-relatively.
  const runRoot = resolved.slice(0, resolved.length - relativePath.length - 1);
  return {
    label,
    source: path.relative(runRoot, file).split(path.sep).join('/'),
    columns: columnsOf(rows),
    rows,
  };
}
