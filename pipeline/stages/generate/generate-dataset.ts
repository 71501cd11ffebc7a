import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../core/clock';
import type { Random } from '../../core/random';
import { PipelineError } from '../../contracts/errors';
import { entities, type Entity } from '../../contracts/records';
import type { StageProgress } from '../../contracts/stage';
import { generatorOptionsSchema, type GeneratorOptions } from './config';
import type { EventSink } from './event-sink';
import { GroundTruthWriter } from './ground-truth-writer';
import { ioError, OutputFile, type CommittedFile } from './output-file';
import { csvHeader, type LineFormat, type OutputFormat } from './record-format';
import { simulateDataset } from './simulate-dataset';

export interface GenerateRequest {
  options: GeneratorOptions;
  outDir: string;
  format: OutputFormat;
  gzip: boolean;
  /** The injected random source: every stream of the dataset is forked from it. */
  random: Random;
  /** Only for durations and throughput; the data never reads it. */
  clock: Clock;
  /** Where ground-truth.json goes; default `<outDir>/ground-truth.json`. */
  groundTruthPath?: string;
  /** Encode and write NDJSON events on a worker thread while this one simulates, where one can start. Default false. */
  parallel?: boolean;
  /** Compute each file's SHA-256 (the stage records it in the manifest). Default true. */
  hash?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: StageProgress) => void;
}

export interface GeneratedFile extends CommittedFile {
  entity: Entity | 'ground-truth';
}

export interface GenerateSummary {
  files: GeneratedFile[];
  emitted: Record<Entity, number>;
  clean: Record<Entity, number>;
  faults: number;
  faultsByKind: Record<string, number>;
  sessions: number;
  durationMs: number;
  eventsPerSecond: number;
  /** Whether NDJSON events were encoded and written on a writer thread. */
  writerThread: boolean;
  /** Units in stock per product before and after the window, by product_id (small: a few thousand products). */
  inventory: { initial: Record<string, number>; final: Record<string, number> };
}

function fileName(entity: Entity, format: OutputFormat, gzip: boolean): string {
  return `${entity}.${format}${gzip ? '.gz' : ''}`;
}

function prepareDirectory(outDir: string): void {
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    throw ioError('create the output directory', outDir, error);
  }
  if (!statSync(outDir).isDirectory())
    throw ioError('use as a directory', outDir, new Error('not a directory'));
}

export async function generateDataset(request: GenerateRequest): Promise<GenerateSummary> {
  const parsed = generatorOptionsSchema.safeParse(request.options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `Invalid generator option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      {
        details: { issues: parsed.error.issues },
      },
    );
  }
  if (request.format === 'parquet' && request.gzip) {
    throw new PipelineError(
      'INVALID_ARGUMENT',
      'Parquet output is already zstd-compressed: drop --gzip or choose ndjson or csv.',
    );
  }
  const options = parsed.data;
  const started = request.clock.monotonic();
  prepareDirectory(request.outDir);
  const lineFormat: LineFormat = request.format === 'ndjson' ? 'ndjson' : 'csv';
  const files: Partial<Record<Entity, OutputFile>> = {};
  const events: { sink: EventSink | null } = { sink: null };
  let groundTruth: GroundTruthWriter | null = null;
  const parquetPartials: string[] = [];
  /** Final files already in place: removed again if a later step fails, so no half-finished set remains. */
  const renamed: string[] = [];
  try {
    for (const entity of entities) {
      // NDJSON events go through an EventSink, created once the world's id tables exist.
      if (entity === 'events' && lineFormat === 'ndjson') continue;
      const target = join(
        request.outDir,
        fileName(entity, request.format === 'parquet' ? 'csv' : request.format, request.gzip),
      );
      const file = new OutputFile(request.format === 'parquet' ? `${target}.staging` : target, {
        gzip: request.gzip,
        hash: request.hash ?? true,
      });
      files[entity] = file;
      if (lineFormat === 'csv') file.writeRaw(csvHeader(entity));
    }
    groundTruth = new GroundTruthWriter(request.groundTruthPath ?? join(request.outDir, 'ground-truth.json'));
    const eventsPath = join(request.outDir, fileName('events', 'ndjson', request.gzip));
    const result = await simulateDataset(options, request, {
      lineFormat,
      files,
      events,
      eventsPath,
      groundTruth,
    });
    const committed: GeneratedFile[] = [];
    if (request.format === 'parquet') {
      // Loaded only here: DuckDB's native library adds tens of MiB of RSS that NDJSON and CSV runs do not need.
      const { convertCsvToParquet } = await import('./parquet');
      for (const entity of entities) {
        const staging = files[entity]!;
        await staging.close();
        const target = join(request.outDir, fileName(entity, 'parquet', false));
        parquetPartials.push(`${target}.partial`);
        await convertCsvToParquet(
          entity,
          staging.partialPath,
          `${target}.partial`,
          options.faults === 'none',
        );
      }
      for (const entity of entities) {
        const target = join(request.outDir, fileName(entity, 'parquet', false));
        committed.push({ entity, ...commitConverted(`${target}.partial`, target, files[entity]!.rows) });
        renamed.push(target);
        await files[entity]!.discard();
      }
    } else {
      // The events file first: if its writer failed, no other file has been renamed into place yet.
      const eventsFile = events.sink ? await events.sink.commit() : null;
      if (eventsFile) renamed.push(eventsFile.path);
      for (const entity of entities) {
        const file = entity === 'events' && eventsFile ? eventsFile : await files[entity]!.commit();
        if (file !== eventsFile) renamed.push(file.path);
        committed.push({ entity, ...file });
      }
    }
    const clean = result.clean;
    committed.push({
      entity: 'ground-truth',
      ...(await groundTruth.commit({
        seed: options.seed,
        profile: options.faults,
        emitted: result.emitted,
        clean,
      })),
    });
    const durationMs = request.clock.monotonic() - started;
    return {
      files: committed,
      emitted: result.emitted,
      clean,
      faults: groundTruth.total,
      faultsByKind: { ...groundTruth.byKind },
      sessions: result.sessions,
      durationMs,
      eventsPerSecond: durationMs > 0 ? Math.round((options.events / durationMs) * 1000) : 0,
      inventory: result.inventory,
      writerThread: result.writerThread,
    };
  } catch (error) {
    for (const file of Object.values(files)) await file.discard();
    await events.sink?.discard();
    await groundTruth?.discard();
    for (const partial of parquetPartials) rmSync(partial, { force: true });
    for (const path of renamed) rmSync(path, { force: true });
    throw error;
  }
}

function commitConverted(partial: string, target: string, rows: number): CommittedFile {
  // Parquet files are compressed and small next to the CSV they come from: hashing them in one read is fine.
  const data = readFileSync(partial);
  renameSync(partial, target);
  return { path: target, rows, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}
