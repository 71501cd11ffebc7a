import 'server-only';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { manifestSchema, type Manifest } from '@/pipeline/contracts/manifest';
import { PipelineError } from '@/pipeline/contracts/errors';
import { env } from '@/lib/env';
import { realRunDirectory } from './run-directory.server';
import { isValidRunId } from './run-id';

/** What the run list shows: the manifest's summary plus whether the browser can query the run. */
export interface RunSummary {
  runId: string;
  status: Manifest['status'];
  startedAt: string;
  finishedAt: string | null;
  tier: Manifest['tier'];
  seed: number;
  events: number;
  faults: Manifest['config']['faults'];
  /** `warehouse.duckdb` exists, so the playground can attach it. */
  hasWarehouse: boolean;
  warehouseBytes: number | null;
}

export interface InvalidRun {
  runId: string;
  problem: string;
}

export interface RunListing {
  runs: RunSummary[];
  /** Directories whose manifest is missing or fails the schema: listed so a broken run is not silently hidden. */
  invalid: InvalidRun[];
}

export function runDirectory(runId: string, runsDir: string = env().runsDir): string {
  if (!isValidRunId(runId)) {
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `Run id "${runId.slice(0, 80)}" is not valid: expected [a-z0-9][a-z0-9-]{0,63}.`,
    );
  }
  return path.join(runsDir, runId);
}

export async function readManifest(runId: string, runsDir: string = env().runsDir): Promise<Manifest> {
  const file = path.join(runDirectory(runId, runsDir), 'manifest.json');
  // Messages name the file relative to the runs root: they reach HTTP clients, which need not know server paths.
  const shown = `${runId}/manifest.json`;
  // Every console route reads the manifest first: a linked run directory is refused here for all of them.
  await realRunDirectory(path.dirname(file));
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new PipelineError('NOT_FOUND', `Run "${runId}" has no ${shown} in the runs directory.`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new PipelineError('CORRUPT_DATA', `${shown} is not valid JSON.`, { cause });
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue
      ? `field "${issue.path.join('.')}" ${issue.message}`
      : 'does not match the manifest schema';
    throw new PipelineError('CORRUPT_DATA', `${shown}: ${where}.`, {
      details: { file: shown, issues: parsed.error.issues.length },
    });
  }
  if (parsed.data.runId !== runId) {
    throw new PipelineError(
      'CORRUPT_DATA',
      `${shown} says runId "${parsed.data.runId}" but lives in directory "${runId}".`,
    );
  }
  return parsed.data;
}

async function warehouseSize(runDir: string): Promise<number | null> {
  try {
    const stats = await stat(path.join(runDir, 'warehouse.duckdb'));
    return stats.isFile() ? stats.size : null;
  } catch {
    return null;
  }
}

/** Every run under the runs root, newest first. A missing root is an empty list, not an error. */
export async function listRuns(runsDir: string = env().runsDir): Promise<RunListing> {
  let entries: string[];
  try {
    entries = (await readdir(runsDir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return { runs: [], invalid: [] };
  }
  const runs: RunSummary[] = [];
  const invalid: InvalidRun[] = [];
  for (const runId of entries.filter(isValidRunId)) {
    try {
      const manifest = await readManifest(runId, runsDir);
      const bytes = await warehouseSize(path.join(runsDir, runId));
      runs.push({
        runId,
        status: manifest.status,
        startedAt: manifest.startedAt,
        finishedAt: manifest.finishedAt,
        tier: manifest.tier,
        seed: manifest.seed,
        events: manifest.config.events,
        faults: manifest.config.faults,
        hasWarehouse: bytes !== null,
        warehouseBytes: bytes,
      });
    } catch (error) {
      invalid.push({ runId, problem: error instanceof Error ? error.message : String(error) });
    }
  }
  runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.runId.localeCompare(b.runId));
  return { runs, invalid };
}
