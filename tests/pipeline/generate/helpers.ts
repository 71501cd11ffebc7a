import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '@/pipeline/core/clock';
import { groundTruthSchema, type GroundTruth } from '@/pipeline/contracts/faults';
import type { Entity } from '@/pipeline/contracts/records';
import { generatorRandom } from '@/pipeline/cli/generate-command';
import type { GeneratorOptions } from '@/pipeline/stages/generate/config';
import { generateDataset, type GenerateSummary } from '@/pipeline/stages/generate/generate-dataset';
import type { OutputFormat } from '@/pipeline/stages/generate/record-format';

export const startDate = '2025-08-24';
export const windowStartMs = Date.parse(`${startDate}T00:00:00.000Z`);

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `gen-${label}-`));
}

export async function generate(
  outDir: string,
  options: Partial<GeneratorOptions> & { events: number },
  format: OutputFormat = 'ndjson',
  gzip = false,
  parallel = false,
): Promise<GenerateSummary> {
  const full: GeneratorOptions = { seed: 42, days: 14, faults: 'none', startDate, ...options };
  return generateDataset({
    options: full,
    outDir,
    format,
    gzip,
    parallel,
    random: generatorRandom(full.seed),
    clock: fixedClock(0),
  });
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function readLines(dir: string, entity: Entity): string[] {
  const text = readFileSync(join(dir, `${entity}.ndjson`), 'utf8');
  return text.split('\n').slice(0, -1);
}

export function readGroundTruth(dir: string): GroundTruth {
  return groundTruthSchema.parse(JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')));
}

export type Json = Record<string, unknown>;

/** Parses every line; throws on a malformed one (use only on fault-free output). */
export function readRecords(dir: string, entity: Entity): Json[] {
  return readLines(dir, entity).map((line) => JSON.parse(line) as Json);
}
