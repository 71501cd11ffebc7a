// The bare-DuckDB floor over a run's raw zone, in this process: read every entity's NDJSON once, persist it as a
// table in a database file, and write it as zstd Parquet, with the pipeline's DuckDB settings (2 threads, 1 GB).
// Nothing the pipeline does to the same bytes (checks, dedupe, modelling) can take less, so validate → quality is
// reported as a ratio to it. Args: --run DIR (a finished run) --out DIR (scratch, emptied).
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { entities } from '../../../pipeline/contracts/records';

const { values } = parseArgs({ options: { run: { type: 'string' }, out: { type: 'string' } } });
if (!values.run || !values.out) throw new Error('duckdb-floor-child needs --run DIR and --out DIR');

/** The run's raw zone: the folder named raw that holds one folder per entity. */
function findRawZone(dir: string, depth = 0): string | null {
  if (depth > 3) return null;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (!statSync(full).isDirectory()) continue;
    if (name === 'raw' && existsSync(join(full, 'events'))) return full;
    const found = findRawZone(full, depth + 1);
    if (found) return found;
  }
  return null;
}

const raw = findRawZone(resolve(values.run));
if (!raw) throw new Error(`No raw zone (raw/events/) under ${values.run}`);
const out = resolve(values.out);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const started = performance.now();
const instance = await DuckDBInstance.create(join(out, 'floor.duckdb'), {
  threads: '2',
  memory_limit: '1GB',
});
const connection = await instance.connect();
const entityMs: Record<string, number> = {};
let rows = 0;
for (const entity of entities) {
  const t0 = performance.now();
  const files = `${raw}/${entity}/*/*.ndjson`.replace(/'/g, "''");
  // Columns and types inferred by DuckDB, as a first look at a raw zone would read it; a line whose value does not
  // fit the inferred type is skipped rather than failing the floor (the count below says how many were kept).
  await connection.run(
    `CREATE TABLE ${entity} AS SELECT * FROM read_json('${files}', format = 'newline_delimited', union_by_name = true, ignore_errors = true)`,
  );
  await connection.run(
    `COPY ${entity} TO '${join(out, `${entity}.parquet`).replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION zstd)`,
  );
  const count = await connection.runAndReadAll(`SELECT count(*) AS n FROM ${entity}`);
  rows += Number(count.getRowObjects()[0]?.n ?? 0);
  entityMs[entity] = Math.round(performance.now() - t0);
}
connection.closeSync();
instance.closeSync();
const seconds = (performance.now() - started) / 1000;
rmSync(out, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ seconds: Number(seconds.toFixed(3)), rows, entityMs })}\n`);
