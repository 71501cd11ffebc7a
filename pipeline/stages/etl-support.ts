import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PipelineError } from '../contracts/errors';
import type { RunConfig, StageOutput } from '../contracts/manifest';
import type { Services, Warehouse } from '../contracts/services';
import type { StageContext } from '../contracts/stage';

/**
 * Helpers the batch stages share: where a lake key is on disk (DuckDB reads and writes local files; the services
 * tier will stage S3 objects through a local cache), output checksums, and the data window of a run.
 */
export function lakePath(context: { services: Pick<Services, 'lake' | 'tier'> }, key: string): string {
  const { lake } = context.services;
  if (!lake.localPath) {
    throw new PipelineError(
      'INTERNAL',
      `The ${context.services.tier} lake has no local files; the batch stages need the embedded tier for now.`,
    );
  }
  return lake.localPath(key);
}

/** Makes a file a stage wrote at lakePath(key) an object of the lake (uploads it when the lake is on S3). */
export async function publishLake(context: StageContext, key: string): Promise<void> {
  await context.services.lake.publishLocal?.(key);
}

/** Local paths of the lake objects under a prefix whose key ends in `suffix`, sorted by key (deterministic). */
export async function lakeFiles(context: StageContext, prefix: string, suffix: string): Promise<string[]> {
  const objects = await context.services.lake.list(prefix);
  return objects
    .map((object) => object.key)
    .filter((key) => key.endsWith(suffix))
    .sort()
    .map((key) => lakePath(context, key));
}

/** A file DuckDB can read when a list of inputs is empty (a reader over zero files is an error). */
export async function emptyInput(runDir: string): Promise<string> {
  const path = join(runDir, 'work', 'empty.ndjson');
  await mkdir(join(runDir, 'work'), { recursive: true });
  await writeFile(path, '');
  return path;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The end of the generated data window (exclusive): startDate + days, as a SQL TIMESTAMP literal. */
export function windowEndSql(config: RunConfig): string {
  const end = new Date(Date.parse(`${config.startDate}T00:00:00.000Z`) + config.days * 86_400_000);
  return `TIMESTAMP '${end.toISOString().slice(0, 19).replace('T', ' ')}'`;
}

export function throwIfAborted(context: StageContext): void {
  if (context.signal.aborted) throw new PipelineError('CANCELLED', `Stage cancelled.`);
}

export const asNumber = (value: unknown): number =>
  typeof value === 'bigint' ? Number(value) : typeof value === 'number' ? value : Number(value ?? 0);

/**
 * A manifest output for a table of the working warehouse: its row count and a content checksum, the sha256 of the
 * sum of its rows' hashes (order-independent, so it changes exactly when the table's contents do).
 */
export async function tableOutput(warehouse: Warehouse, table: string): Promise<StageOutput> {
  const [row] = await warehouse.query(
    `SELECT count(*) AS n, coalesce(sum(hash(t)), 0)::VARCHAR AS fingerprint FROM ${table} AS t`,
  );
  const rows = asNumber(row?.n);
  return {
    path: `work/etl.duckdb#${table}`,
    rows,
    sha256: createHash('sha256')
      .update(`${table}:${rows}:${String(row?.fingerprint)}`)
      .digest('hex'),
  };
}

/** tableOutput for several tables, one query at a time (one DuckDB connection runs one query at a time). */
export async function tableOutputs(warehouse: Warehouse, tables: readonly string[]): Promise<StageOutput[]> {
  const outputs: StageOutput[] = [];
  for (const table of tables) outputs.push(await tableOutput(warehouse, table));
  return outputs;
}
