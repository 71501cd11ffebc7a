import 'server-only';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { listRuns, runDirectory } from '@/lib/runs/registry.server';
import { z } from 'zod';
import type { FormatStats, SampleFormatStats } from './format-stats-types';

async function size(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch {
    return null;
  }
}

/**
 * The same events in two formats from the learner's newest finished run: the generated NDJSON (row-oriented
 * text) and the curated zstd Parquet (columnar, compressed). Null when no run with both files exists yet.
 */
export async function latestFormatStats(): Promise<FormatStats | null> {
  const { runs } = await listRuns();
  for (const run of runs.filter((candidate) => candidate.status === 'succeeded')) {
    const dir = runDirectory(run.runId);
    const ndjson = await size(path.join(dir, 'generated', 'events.ndjson'));
    const parquet = await size(path.join(dir, 'lake', 'curated', 'fact_events.parquet'));
    if (ndjson === null || parquet === null) continue;
    return {
      runId: run.runId,
      stats: [
        {
          format: 'NDJSON (generated, every field as text)',
          file: 'generated/events.ndjson',
          bytes: ndjson,
          rows: run.events,
        },
        {
          format: 'Parquet (curated fact_events, zstd)',
          file: 'lake/curated/fact_events.parquet',
          bytes: parquet,
          rows: run.events,
        },
      ],
    };
  }
  return null;
}

const sampleSchema = z.object({
  source: z.string(),
  engine: z.string(),
  events: z.number().int().positive(),
  formats: z
    .array(
      z.object({
        format: z.string(),
        bytes: z.number().nonnegative(),
        rows: z.number().int(),
        scanMs: z.number().nonnegative(),
      }),
    )
    .min(1),
});

/** The three-format measurement written by `npm run format-stats` (public/sample-run/formats.json); null if absent. */
export async function sampleFormatStats(): Promise<SampleFormatStats | null> {
  try {
    const parsed = sampleSchema.safeParse(
      JSON.parse(await readFile(path.join(process.cwd(), 'public', 'sample-run', 'formats.json'), 'utf8')),
    );
    if (!parsed.success)
      throw new Error(
        `public/sample-run/formats.json: field "${parsed.error.issues[0]!.path.join('.')}": ${parsed.error.issues[0]!.message}`,
      );
    return parsed.data;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
